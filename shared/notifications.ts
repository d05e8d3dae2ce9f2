import * as z from 'zod/mini';
import { CommentAuthorSchema } from './comments.js';
import { MinistryCodeSchema } from './ministries.js';
import { RecordedDeadlineSchema } from './round.js';
import { StatusSchema } from './status.js';

/** Notifications kept per account: beyond this the oldest go. */
export const MAX_NOTIFICATIONS_PER_ACCOUNT = 200;

/** Hours before a round's deadline at which a ministry with measures not marked ready is reminded, once each. */
export const DEADLINE_REMINDER_HOURS = [48, 24] as const;

/** Longest excerpt of a comment a notification carries. */
export const MAX_EXCERPT_CHARS = 200;

/** What every notification about a measure says: the round and measure (titles as they were then). */
const MEASURE_FIELDS = {
  roundId: z.string(),
  roundTitle: z.string(),
  measure: z.int().check(z.positive()),
  measureTitle: z.string(),
};

/** What a notification about a comment adds: where it is, who wrote it, and its text cut at MAX_EXCERPT_CHARS. */
const COMMENT_FIELDS = {
  ...MEASURE_FIELDS,
  threadId: z.string(),
  commentId: z.string(),
  by: CommentAuthorSchema,
  excerpt: z.string(),
};

/** A notification of a mention. */
const MentionPayloadSchema = z.object({
  kind: z.literal('mention'),
  ...COMMENT_FIELDS,
  /** The ministry through which the person was mentioned; null when mentioned by name. */
  via: z.nullable(MinistryCodeSchema),
});

/** A notification of a reply. */
const ReplyPayloadSchema = z.object({
  kind: z.literal('reply'),
  ...COMMENT_FIELDS,
});

/** A notification of a status change. */
const StatusPayloadSchema = z.object({
  kind: z.literal('status'),
  ...MEASURE_FIELDS,
  by: CommentAuthorSchema,
  from: StatusSchema,
  to: StatusSchema,
});

/** A reminder of a deadline. */
const DeadlinePayloadSchema = z.object({
  kind: z.literal('deadline'),
  roundId: z.string(),
  roundTitle: z.string(),
  /** The round's deadline (ISO 8601 with offset; RecordedDeadlineSchema: as stored). */
  deadline: RecordedDeadlineSchema,
  hoursBefore: z.int().check(z.positive()),
  ministry: MinistryCodeSchema,
  /** The measures whose part of the ministry's is not marked ready, in number order. */
  measures: z.array(z.int().check(z.positive())),
});

/**
 * What a notification is about, as stored: the facts at the time it was made (a title changed
 * later, or a comment edited, leaves it as it was).
 * - `mention`: a comment mentioned the person (`via: null`) or their ministry (`via: "JD"`);
 * - `reply`: someone else answered in a thread the person wrote in;
 * - `status`: someone else changed the status of a measure of the person's ministry;
 * - `deadline`: the round's deadline is `hoursBefore` hours away (or less) and the person's
 *   ministry has not marked its part of `measures` ready.
 */
export const NotificationPayloadSchema = z.discriminatedUnion('kind', [
  MentionPayloadSchema,
  ReplyPayloadSchema,
  StatusPayloadSchema,
  DeadlinePayloadSchema,
]);
export type NotificationPayload = z.infer<typeof NotificationPayloadSchema>;
export type NotificationKind = NotificationPayload['kind'];

/** Paths of the app's pages a notification points to (the client's own routes). */
export const appPaths = {
  overview: (roundId: string): string => `/runder/${encodeURIComponent(roundId)}`,
  measure: (roundId: string, number: number): string => `/runder/${encodeURIComponent(roundId)}/tiltak/${number}`,
  /** The measure page with one thread opened (its element id is `kommentar-<threadId>`). */
  thread: (roundId: string, number: number, threadId: string): string =>
    `${appPaths.measure(roundId, number)}#kommentar-${encodeURIComponent(threadId)}`,
};

/** The page of the app a notification opens. */
export function notificationLink(payload: NotificationPayload): string {
  switch (payload.kind) {
    case 'mention':
    case 'reply':
      return appPaths.thread(payload.roundId, payload.measure, payload.threadId);
    case 'status':
      return appPaths.measure(payload.roundId, payload.measure);
    case 'deadline':
      return appPaths.overview(payload.roundId);
  }
}

const NotificationMetaSchema = z.object({
  id: z.string(),
  createdAt: z.iso.datetime({ offset: true }),
  /** When the person marked it read; null while unread. */
  readAt: z.nullable(z.iso.datetime({ offset: true })),
  /** The app's page it opens: `/runder/<round>/tiltak/<n>#kommentar-<thread>`, the measure, or the round. */
  link: z.string(),
});

/** One notification as the API shows it: the payload's fields beside its id, times and link. */
export const NotificationSchema = z.discriminatedUnion('kind', [
  z.extend(MentionPayloadSchema, NotificationMetaSchema.shape),
  z.extend(ReplyPayloadSchema, NotificationMetaSchema.shape),
  z.extend(StatusPayloadSchema, NotificationMetaSchema.shape),
  z.extend(DeadlinePayloadSchema, NotificationMetaSchema.shape),
]);
/** Named so that it is never taken for the browser's own `Notification` (the Notifications API). */
export type AppNotification = z.infer<typeof NotificationSchema>;

/** `GET /api/notifications`: the signed-in person's notifications, newest first, and how many are unread. */
export const NotificationListSchema = z.object({
  unread: z.int().check(z.nonnegative()),
  notifications: z.array(NotificationSchema),
});
export type NotificationList = z.infer<typeof NotificationListSchema>;

/** The answer to `POST /api/notifications/read`: the ids marked read now, and how many are still unread. */
export const MarkReadResponseSchema = z.object({ read: z.array(z.string()), unread: z.int().check(z.nonnegative()) });
export type MarkReadResponse = z.infer<typeof MarkReadResponseSchema>;

/**
 * Live events of the signed-in person's notifications, as server-sent events (event name
 * `notification`) on `GET /api/notifications/events`. The first is a `snapshot`; each event
 * carries the unread count as it is after it.
 */
export const NotificationEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('snapshot'), unread: z.int().check(z.nonnegative()), notifications: z.array(NotificationSchema) }),
  z.object({ type: z.literal('notification'), unread: z.int().check(z.nonnegative()), notification: NotificationSchema }),
  /** Notifications marked read (in this tab or another). */
  z.object({ type: z.literal('read'), unread: z.int().check(z.nonnegative()), ids: z.array(z.string()) }),
]);
export type NotificationEvent = z.infer<typeof NotificationEventSchema>;

/** SSE event name under which NotificationEvents are sent. */
export const NOTIFICATION_EVENT_NAME = 'notification';
