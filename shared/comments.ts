import * as z from 'zod/mini';
import { UsernameSchema } from './auth.js';
import { mentionsOf } from './mentions.js';
import { MinistryCodeSchema, type MinistryCode } from './ministries.js';
import { TextSchema } from './text.js';

export const MAX_COMMENT_CHARS = 10_000;
/**
 * Most characters of an anchored passage a thread keeps as its quote (it is sent with the thread
 * in every list and event); a longer passage is cut there, with an ellipsis.
 */
export const MAX_QUOTE_CHARS = 1_000;
/** An encoded Yjs relative position is a few dozen bytes; this bounds what a client may send. */
export const MAX_ANCHOR_POSITION_CHARS = 512;

export const CommentBodySchema = TextSchema.check(z.trim(), z.minLength(1, 'a comment needs text'), z.maxLength(MAX_COMMENT_CHARS));

/**
 * A passage of a measure's narrative: two Yjs relative positions (`Y.encodeRelativePosition`,
 * base64) in the narrative's XmlFragment. They move with the text as people type before, inside
 * and after the passage; when the passage is deleted they collapse onto one point.
 */
export const AnchorSchema = z.strictObject({
  start: z.base64().check(z.minLength(1), z.maxLength(MAX_ANCHOR_POSITION_CHARS)),
  end: z.base64().check(z.minLength(1), z.maxLength(MAX_ANCHOR_POSITION_CHARS)),
});
export type Anchor = z.infer<typeof AnchorSchema>;

/** Who wrote a comment, stamped by the server from the session (never from the request). */
export const CommentAuthorSchema = z.object({
  username: UsernameSchema,
  name: z.string(),
  ministry: z.nullable(MinistryCodeSchema),
});
export type CommentAuthor = z.infer<typeof CommentAuthorSchema>;

export const CommentSchema = z.object({
  id: z.string(),
  author: CommentAuthorSchema,
  body: z.string(),
  createdAt: z.iso.datetime({ offset: true }),
  editedAt: z.nullable(z.iso.datetime({ offset: true })),
});
export type Comment = z.infer<typeof CommentSchema>;

export const ThreadSchema = z.object({
  id: z.string(),
  roundId: z.string(),
  measure: z.int().check(z.positive()),
  /** Null for a thread on the measure as a whole. */
  anchor: z.nullable(AnchorSchema),
  /** The passage's text when the thread was started; null without an anchor. */
  quote: z.nullable(z.string()),
  /** True when the anchored passage has been deleted from the narrative ("text removed"). */
  detached: z.boolean(),
  resolved: z.boolean(),
  resolvedBy: z.nullable(CommentAuthorSchema),
  resolvedAt: z.nullable(z.iso.datetime({ offset: true })),
  /** Ministries mentioned (`@JD`) in the thread's comments. */
  mentions: z.array(MinistryCodeSchema),
  /** Ministries the open thread waits for: mentioned after their last reply. */
  waitingFor: z.array(MinistryCodeSchema),
  createdAt: z.iso.datetime({ offset: true }),
  comments: z.array(CommentSchema),
});
export type Thread = z.infer<typeof ThreadSchema>;

/** `POST /api/rounds/:roundId/measures/:number/threads` */
export const NewThreadSchema = z.strictObject({
  body: CommentBodySchema,
  anchor: z.optional(AnchorSchema),
});
export type NewThread = z.infer<typeof NewThreadSchema>;

/** `POST /api/threads/:id/comments` and `PATCH /api/comments/:id` */
export const CommentBodyRequestSchema = z.strictObject({ body: CommentBodySchema });
export type CommentBodyRequest = z.infer<typeof CommentBodyRequestSchema>;

/** Ministries mentioned in a comment as `@JD` (any case), in the order of first mention (shared/mentions.ts reads them). */
export function mentionsIn(body: string): MinistryCode[] {
  return mentionsOf(body).ministries;
}

/**
 * Who an open thread waits for: each ministry mentioned in a comment that no one from that
 * ministry has answered since. A resolved thread waits for nobody.
 */
export function waitingFor(comments: readonly Pick<Comment, 'author' | 'body'>[], resolved: boolean): MinistryCode[] {
  if (resolved) return [];
  const waiting: MinistryCode[] = [];
  comments.forEach((comment, i) => {
    for (const code of mentionsIn(comment.body)) {
      const answered = comments.slice(i + 1).some((later) => later.author.ministry === code);
      if (!answered && comment.author.ministry !== code && !waiting.includes(code)) waiting.push(code);
    }
  });
  return waiting;
}
