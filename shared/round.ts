import * as z from 'zod/mini';
import { RoundIdSchema } from './documentLayout.js';
import { MinistryCodeSchema } from './ministries.js';
import { ImportWarningSchema } from './plan.js';

/** Time zone in which deadlines are set and shown. */
export const DEADLINE_TIME_ZONE = 'Europe/Oslo';

/** Open: editors write. Frozen: the deadline passed (or the coordinator froze it); only the coordinator writes. */
export const ROUND_STATES = ['open', 'frozen'] as const;
export const RoundStateSchema = z.enum(ROUND_STATES);
export type RoundState = z.infer<typeof RoundStateSchema>;

/**
 * A deadline as read back from storage (a round, a snapshot's content, a reminder): an ISO 8601
 * instant with offset, or one of that shape whose date or time is not on the calendar
 * (`2026-02-31T12:00:00+01:00`). Versions that did not check deadlines against the calendar
 * stored such values (JavaScript reads this one as 3 March); snapshots and notifications are
 * never rewritten, so they are read as stored rather than refused. New deadlines are checked
 * when given (roundRequests.ts).
 */
export const RecordedDeadlineSchema = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/));

export const MAX_ROUND_TITLE_CHARS = 200;
export const MAX_INTRO_CHARS = 20_000;

/** A reporting round as `GET /api/rounds` lists it. */
export const RoundSchema = z.object({
  id: RoundIdSchema,
  title: z.string().check(z.minLength(1), z.maxLength(MAX_ROUND_TITLE_CHARS)),
  /** ISO 8601 instant with offset (RecordedDeadlineSchema: as stored). */
  deadline: RecordedDeadlineSchema,
  state: RoundStateSchema,
  /** When the round was last frozen; null while it has never been. */
  frozenAt: z.nullable(z.iso.datetime({ offset: true })),
  /** The round this one carried its content over from; null for the first. */
  previousRoundId: z.nullable(RoundIdSchema),
});
export type Round = z.infer<typeof RoundSchema>;

/** One round with its intro and what the importer warned about when it was seeded. */
export const RoundDetailSchema = z.extend(RoundSchema, {
  planTitle: z.string(),
  intro: z.string(),
  measureCount: z.int().check(z.nonnegative()),
  importWarnings: z.array(ImportWarningSchema),
});
export type RoundDetail = z.infer<typeof RoundDetailSchema>;

/** `PUT /api/rounds/:roundId/measures/:number/ready`: a ministry's part of a measure is (not) ready. */
export const ReadinessRequestSchema = z.strictObject({
  ready: z.boolean(),
  /** Whose part; an editor's own ministry when absent (the coordinator must name one). */
  ministry: z.optional(MinistryCodeSchema),
  /** Whether the part was ready when the person changed it: when it is not so now, a 409 with the current value. */
  base: z.optional(z.boolean()),
});
export type ReadinessRequest = z.infer<typeof ReadinessRequestSchema>;

/** A round id from a title: lower case, a–z/0–9 and hyphens, Norwegian letters spelled out. */
export function roundIdFromTitle(title: string): string {
  const slug = title
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'o')
    .replace(/å/g, 'a')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 56)
    .replace(/-+$/g, '');
  return slug === '' ? 'runde' : slug;
}
