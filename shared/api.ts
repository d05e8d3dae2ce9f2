import * as z from 'zod/mini';
import { UsernameSchema } from './auth.js';
import { CommentAuthorSchema, ThreadSchema } from './comments.js';
import { MeasureSummarySchema } from './measureSummary.js';
import { MinistryCodeSchema } from './ministries.js';
import { RoundDetailSchema } from './round.js';
import { SnapshotSummarySchema } from './snapshot.js';
import { StatusSchema } from './status.js';

/** Machine-readable error codes of the HTTP API. */
export const API_ERROR_CODES = [
  'not_found',
  'invalid_field',
  'invalid_json',
  'payload_too_large',
  'upgrade_required',
  /** No valid session: sign in. */
  'unauthorized',
  /** Signed in, but the rule does not allow it. */
  'forbidden',
  /** It exists already, or the state does not allow it (e.g. no round to carry over). */
  'conflict',
  /** A mutating request from another site (Origin or Sec-Fetch-Site). */
  'cross_site',
  /** A body that is not `application/json`. */
  'unsupported_media_type',
  /** Wrong username or password (never says which). */
  'invalid_credentials',
  /** Too many failed sign-ins for the account or the address; see Retry-After. */
  'too_many_attempts',
  /** Too many sign-ins being checked, exports being made, or restores from one account, at once (503): nothing was done; see Retry-After. */
  'busy',
  /** The report is too large to make in this format within the server's bounds (422): export another format. */
  'too_large',
  'internal',
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

/** Every error response: `{"error":{"code","message"}}`, plus the field for a 400 on one. */
export const ApiErrorSchema = z.object({
  error: z.object({
    code: z.enum(API_ERROR_CODES),
    message: z.string(),
    field: z.optional(z.string()),
    /** With a 409 for a change based on a value that has changed since: what the fields say now. */
    current: z.optional(z.record(z.string(), z.unknown())),
    /** With a 400 for names that name nothing (an unknown `@mention`): those names, as written, without `@`. */
    unknown: z.optional(z.array(z.string())),
  }),
});
export type ApiError = z.infer<typeof ApiErrorSchema>;

export const HealthSchema = z.object({ ok: z.literal(true) });

/** `GET /api/health/ready`: whether the store answers (200 with `ok: true`), or why not (503). */
export const ReadinessSchema = z.object({ ok: z.boolean(), store: z.string() });

/**
 * What changed a thread, and who changed it (on the `thread` events of the thread commands).
 * `mentions` names who the change mentions anew: every mention of a new comment, only those an
 * edit added (people as lower-case usernames of existing accounts).
 */
export const ThreadChangeSchema = z.object({
  kind: z.enum(['started', 'replied', 'edited', 'resolved', 'reopened', 'commentDeleted']),
  by: CommentAuthorSchema,
  /** The comment written, edited or deleted. */
  commentId: z.optional(z.string()),
  mentions: z.optional(z.object({ ministries: z.array(MinistryCodeSchema), people: z.array(UsernameSchema) })),
});
export type ThreadChange = z.infer<typeof ThreadChangeSchema>;

/**
 * Live events of one round, sent as server-sent events on `GET /api/rounds/:roundId/events`.
 * The first event on every connection is a `snapshot`, so a client that reconnects is never
 * left with a stale overview.
 */
export const RoundEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('snapshot'), roundId: z.string(), measures: z.array(MeasureSummarySchema) }),
  z.object({
    type: z.literal('measure'),
    roundId: z.string(),
    measure: MeasureSummarySchema,
    /** The measure's plan text, on the event of a PATCH of its fields (where it may have changed). */
    planText: z.optional(z.string()),
    /** Who changed it, on the event of a PATCH of its fields or of its readiness. */
    by: z.optional(CommentAuthorSchema),
    /** The status before, on the event of a PATCH that changed it. */
    previousStatus: z.optional(StatusSchema),
  }),
  /** A thread was started, answered, edited, resolved or reopened: the whole thread as it is now. */
  z.object({ type: z.literal('thread'), roundId: z.string(), thread: ThreadSchema, change: z.optional(ThreadChangeSchema) }),
  /** The round changed: deadline, title, intro, frozen or reopened. */
  z.object({ type: z.literal('round'), roundId: z.string(), round: RoundDetailSchema }),
  /** A snapshot was taken (at the deadline or by hand). */
  z.object({ type: z.literal('snapshotTaken'), roundId: z.string(), snapshot: SnapshotSummarySchema }),
  /** A thread's last comment was deleted, and the thread with it. */
  z.object({ type: z.literal('threadDeleted'), roundId: z.string(), measure: z.int().check(z.positive()), threadId: z.string() }),
]);
export type RoundEvent = z.infer<typeof RoundEventSchema>;

/** SSE event name under which RoundEvents are sent. */
export const ROUND_EVENT_NAME = 'round';
