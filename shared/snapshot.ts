import * as z from 'zod/mini';
import { UsernameSchema } from './auth.js';
import { RoundIdSchema } from './documentLayout.js';
import { MinistryCodeSchema, MinistryListSchema } from './ministries.js';
import { PmNodeSchema } from './prosemirror.js';
import { StatusSchema } from './status.js';

/** One measure as frozen in a snapshot (or read from the live round for a draft export). */
export const ReportMeasureSchema = z.object({
  number: z.int().check(z.positive()),
  title: z.string(),
  ministries: MinistryListSchema,
  /**
   * The plan's own text for the measure in this round (what the action plan promised), shown
   * between the heading and the status. Snapshots taken before it was recorded lack it, and are
   * served exactly as stored so their hash still holds; their exports show no plan text.
   */
  planText: z.optional(z.string()),
  status: StatusSchema,
  /** Ministries that marked their part ready. */
  ready: z.array(MinistryCodeSchema),
  /** The narrative as ProseMirror JSON (`{"type":"doc","content":[...]}`); empty when not renderable. */
  narrative: PmNodeSchema,
  /**
   * False when the narrative could not be read (nested deeper or larger than any narrative may
   * be: content stored before the limits existed): `yjsState` still holds it exactly, and every
   * export says so in the measure's section. Snapshots taken before this field existed lack it
   * (absent means renderable), and they are served exactly as stored so their hash still holds.
   */
  renderable: z.optional(z.boolean()),
  /** The narrative as the Yjs document state (`Y.encodeStateAsUpdate`, base64). */
  yjsState: z.base64(),
});
export type ReportMeasure = z.infer<typeof ReportMeasureSchema>;

/** Everything a report is made of: the round's metadata and every measure, in number order. */
export const ReportContentSchema = z.object({
  round: z.object({
    id: RoundIdSchema,
    title: z.string(),
    /** The plan the round reports on, e.g. "Regjeringens handlingsplan mot menneskehandel (2011–2014)". */
    planTitle: z.string(),
    /** The report's own title line, as in the seed ("Statusrapport ..."). */
    reportTitle: z.string(),
    deadline: z.iso.datetime({ offset: true }),
    intro: z.string(),
  }),
  measures: z.array(ReportMeasureSchema),
});
export type ReportContent = z.infer<typeof ReportContentSchema>;

/**
 * At the deadline; at start, for a deadline that passed while the server was down; by hand; or
 * when the coordinator started a new round and chose to freeze this one.
 */
export const SNAPSHOT_REASONS = ['deadline', 'deadline_at_start', 'manual', 'new_round'] as const;
export const SnapshotReasonSchema = z.enum(SNAPSHOT_REASONS);

/** A snapshot without its content, as `GET /api/rounds/:roundId/snapshots` lists them. */
export const SnapshotSummarySchema = z.object({
  id: z.string(),
  roundId: RoundIdSchema,
  takenAt: z.iso.datetime({ offset: true }),
  /** Null when the server took it at the deadline by itself. */
  takenBy: z.nullable(z.object({ username: UsernameSchema, name: z.string() })),
  reason: SnapshotReasonSchema,
  /** The coordinator's note on a snapshot taken by hand. */
  note: z.nullable(z.string()),
  /** SHA-256 (hex) of the content's JSON as stored. */
  sha256: z.string().check(z.regex(/^[0-9a-f]{64}$/)),
});
export type SnapshotSummary = z.infer<typeof SnapshotSummarySchema>;

export const SnapshotSchema = z.extend(SnapshotSummarySchema, { content: ReportContentSchema });
export type Snapshot = z.infer<typeof SnapshotSchema>;
