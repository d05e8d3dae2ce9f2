import * as z from 'zod/mini';
import { UsernameSchema } from './auth.js';
import { DiffPartSchema } from './diff.js';
import { RoundIdSchema } from './documentLayout.js';
import { MinistryCodeSchema } from './ministries.js';
import { PmNodeSchema } from './prosemirror.js';
import { StatusSchema } from './status.js';

/**
 * A measure's history (README.md, "History of a measure"): who wrote what in its narrative and
 * when, as versions, with its status and readiness changes in the same list; and who introduced
 * each Yjs client id of its document, so that a client can colour the text by its authors.
 */

/** A version is one person's edits within this long of its first edit (others may write meanwhile). */
export const VERSION_SPAN_MS = 10 * 60_000;

/** ... and at most this many of them (about seven minutes of steady typing), so that a version stays a restore point. */
export const VERSION_MAX_UPDATES = 2_000;

/** Who made a change, as the history shows it (the account's name and ministry as they are now). */
export const HistoryAuthorSchema = z.object({
  username: UsernameSchema,
  name: z.string(),
  ministry: z.nullable(MinistryCodeSchema),
});
export type HistoryAuthor = z.infer<typeof HistoryAuthorSchema>;

/**
 * What a version of the narrative is: `narrative`, someone's edits; `restore`, someone made the
 * narrative what it was after an earlier version; `carriedOver`, the narrative as the previous
 * round left it when this round was created; `imported`, the report's text as imported at the
 * first start.
 */
export const VERSION_KINDS = ['narrative', 'restore', 'carriedOver', 'imported'] as const;
export const VersionKindSchema = z.enum(VERSION_KINDS);
export type VersionKind = z.infer<typeof VersionKindSchema>;

/** Every kind of entry in a measure's history: the versions of the narrative, and changes of its status and readiness. */
export const HISTORY_KINDS = [...VERSION_KINDS, 'status', 'ready'] as const;
export type HistoryKind = (typeof HISTORY_KINDS)[number];

const entryBase = {
  /**
   * `v<n>` for a version of the narrative (open it, or restore it, under `…/history/:id`); `a<n>`
   * for a status or readiness change (the audit log's row).
   */
  id: z.string().check(z.regex(/^[va][1-9][0-9]*$/)),
  /** Null where no person made it: the imported report, and edits stored before the history was kept. */
  author: z.nullable(HistoryAuthorSchema),
  /** First and last change of the entry; equal for a single change. */
  from: z.iso.datetime({ offset: true }),
  to: z.iso.datetime({ offset: true }),
  /** Words the entry added to and removed from the narrative (the compare page's word diff); 0 for status and readiness. */
  wordsAdded: z.int().check(z.nonnegative()),
  wordsRemoved: z.int().check(z.nonnegative()),
};

/** A version of the narrative. */
export const NarrativeVersionSchema = z.object({
  ...entryBase,
  kind: VersionKindSchema,
  /** True while the author's next edit would still join it (its span and size allow it). */
  open: z.boolean(),
  /** Stored updates it is made of. */
  updates: z.int().check(z.positive()),
  /** A restore: the version whose narrative it brought back. */
  restoredFrom: z.nullable(z.string()),
  /** Carried over: the round it came from. */
  fromRoundId: z.nullable(RoundIdSchema),
});
export type NarrativeVersion = z.infer<typeof NarrativeVersionSchema>;

export const StatusEntrySchema = z.object({
  ...entryBase,
  kind: z.literal('status'),
  status: z.object({ before: StatusSchema, after: StatusSchema }),
});

export const ReadyEntrySchema = z.object({
  ...entryBase,
  kind: z.literal('ready'),
  ready: z.object({ ministry: MinistryCodeSchema, ready: z.boolean() }),
});

export const HistoryEntrySchema = z.union([NarrativeVersionSchema, StatusEntrySchema, ReadyEntrySchema]);
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;

/** `GET /api/rounds/:roundId/measures/:number/history`: every entry, newest (by `to`) first. */
export const MeasureHistorySchema = z.array(HistoryEntrySchema);
export type MeasureHistory = z.infer<typeof MeasureHistorySchema>;

/** `GET …/history/:versionId`: the narrative as it was after the version, and what changed since. */
export const VersionDetailSchema = z.object({
  version: NarrativeVersionSchema,
  /** The narrative after the version, as ProseMirror JSON (empty when it cannot be rendered). */
  narrative: PmNodeSchema,
  /** False when the narrative was nested or sized past the limits then (content stored before they existed). */
  renderable: z.boolean(),
  /** Its plain text, as every reader gives it. */
  text: z.string(),
  /** Word diff from then (`removed`: gone since) to now (`added`: new since), as on the compare page. */
  diff: z.array(DiffPartSchema),
});
export type VersionDetail = z.infer<typeof VersionDetailSchema>;

/** `POST …/history/:versionId/restore`: the new version the restore made (null when the narrative already was that). */
export const RestoreResultSchema = z.object({ version: z.nullable(NarrativeVersionSchema) });
export type RestoreResult = z.infer<typeof RestoreResultSchema>;

/** Who introduced a Yjs client id into a measure's document. */
export const ClientAuthorSchema = z.object({
  /** The account; null for the imported report's text. */
  username: z.nullable(UsernameSchema),
  name: z.nullable(z.string()),
  ministry: z.nullable(MinistryCodeSchema),
  /** Written in an earlier round and carried over into this one. */
  carriedOver: z.boolean(),
});
export type ClientAuthor = z.infer<typeof ClientAuthorSchema>;

/**
 * `GET /api/rounds/:roundId/measures/:number/authors`: every claimed client id of the measure's
 * Yjs document (decimal keys, as `Y.Item.id.client`) with who introduced it.
 */
export const AuthorshipSchema = z.object({
  clients: z.record(z.string().check(z.regex(/^[0-9]+$/)), ClientAuthorSchema),
});
export type Authorship = z.infer<typeof AuthorshipSchema>;

/** An entry of a measure's history as a comparison lists it: who, what kind, when, and in which round. */
export const HistoryMarkSchema = z.object({
  id: entryBase.id,
  kind: z.enum(HISTORY_KINDS),
  author: z.nullable(HistoryAuthorSchema),
  from: entryBase.from,
  to: entryBase.to,
  roundId: RoundIdSchema,
});
export type HistoryMark = z.infer<typeof HistoryMarkSchema>;
