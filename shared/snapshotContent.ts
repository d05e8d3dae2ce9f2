import * as z from 'zod/mini';
import { RoundIdSchema } from './documentLayout.js';
import { MinistryCodeSchema, MinistryListSchema } from './ministries.js';
import { PmNodeSchema } from './prosemirror.js';
import { RecordedDeadlineSchema } from './round.js';
import { SnapshotSummarySchema } from './snapshot.js';
import { StatusSchema } from './status.js';

// Apart from snapshot.ts, whose summaries the overview's live events carry: only the pages of a
// snapshot (and the server's exports) read what a report is made of.

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
    /** As the round had it when the snapshot was taken (RecordedDeadlineSchema: as stored, so the hash holds). */
    deadline: RecordedDeadlineSchema,
    intro: z.string(),
  }),
  measures: z.array(ReportMeasureSchema),
});
export type ReportContent = z.infer<typeof ReportContentSchema>;

export const SnapshotSchema = z.extend(SnapshotSummarySchema, { content: ReportContentSchema });
export type Snapshot = z.infer<typeof SnapshotSchema>;
