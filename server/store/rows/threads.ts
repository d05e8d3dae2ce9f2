/** Rows of the threads aggregate (`threads`, `comments`), as both stores read them. */
import { z } from 'zod';
import { MinistryCodeSchema } from '../../../shared/ministries.js';
import { CommentAuthorSchema } from '../../../shared/comments.js';
import type { CommentRecord, ThreadRecord } from '../types.js';
import { Flag } from './columns.js';

/** A new thread as `createThread` stores it: open, and without its first comment. */
export type NewThread = Omit<ThreadRecord, 'comments' | 'resolved' | 'resolvedBy' | 'resolvedAt'>;

const CommentRowSchema = z.object({
  id: z.string(),
  thread_id: z.string(),
  author_username: z.string(),
  author_name: z.string(),
  author_ministry: z.nullable(MinistryCodeSchema),
  body: z.string(),
  created_at: z.string(),
  edited_at: z.string().nullable(),
});

/** A `comments` row. */
export function toComment(row: unknown): CommentRecord {
  const r = CommentRowSchema.parse(row);
  return {
    id: r.id,
    threadId: r.thread_id,
    author: { username: r.author_username, name: r.author_name, ministry: r.author_ministry },
    body: r.body,
    createdAt: r.created_at,
    editedAt: r.edited_at,
  };
}

const ThreadRowSchema = z.object({
  id: z.string(),
  round_id: z.string(),
  measure: z.number(),
  anchor_start: z.string().nullable(),
  anchor_end: z.string().nullable(),
  quote: z.string().nullable(),
  resolved: Flag,
  resolved_by: z
    .string()
    .nullable()
    .transform((json) => (json === null ? null : CommentAuthorSchema.parse(JSON.parse(json)))),
  resolved_at: z.string().nullable(),
  created_at: z.string(),
});

/** A `threads` row with its comments. */
export function toThread(row: unknown, comments: CommentRecord[]): ThreadRecord {
  const r = ThreadRowSchema.parse(row);
  return {
    id: r.id,
    roundId: r.round_id,
    measure: r.measure,
    anchor: r.anchor_start !== null && r.anchor_end !== null ? { start: r.anchor_start, end: r.anchor_end } : null,
    quote: r.quote,
    resolved: r.resolved,
    resolvedBy: r.resolved_by,
    resolvedAt: r.resolved_at,
    createdAt: r.created_at,
    comments,
  };
}

/** `threads` rows, each with its own of the `comments` rows (in their order). */
export function toThreads(threadRows: readonly unknown[], commentRows: readonly unknown[]): ThreadRecord[] {
  const byThread = new Map<string, CommentRecord[]>();
  for (const comment of commentRows.map(toComment)) {
    const list = byThread.get(comment.threadId) ?? [];
    list.push(comment);
    byThread.set(comment.threadId, list);
  }
  return threadRows.map((row) => toThread(row, byThread.get(ThreadRowSchema.parse(row).id) ?? []));
}
