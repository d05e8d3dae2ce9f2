import { z } from 'zod';
import { MinistryCodeSchema } from '../../../shared/ministries.js';
import { CommentAuthorSchema, type CommentAuthor } from '../../../shared/comments.js';
import type { CommentRecord, ThreadRecord } from '../types.js';
import type { Db } from './connection.js';

const CommentRowSchema = z.object({
  id: z.string(),
  thread_id: z.string(),
  author_username: z.string(),
  author_name: z.string(),
  author_ministry: MinistryCodeSchema.nullable(),
  body: z.string(),
  created_at: z.string(),
  edited_at: z.string().nullable(),
});

function toComment(row: unknown): CommentRecord {
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
  resolved: z.boolean(),
  resolved_by: z
    .string()
    .nullable()
    .transform((json) => (json === null ? null : CommentAuthorSchema.parse(JSON.parse(json)))),
  resolved_at: z.string().nullable(),
  created_at: z.string(),
});

function toThread(row: unknown, comments: CommentRecord[]): ThreadRecord {
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

export type NewThread = Omit<ThreadRecord, 'comments' | 'resolved' | 'resolvedBy' | 'resolvedAt'>;

/** Comment threads on measures, and their comments (`threads`, `comments`). `createThread` and `deleteComment` must run inside a transaction. */
export const threads = {
  async createThread(db: Db, thread: NewThread, first: CommentRecord): Promise<void> {
    await db`
      INSERT INTO threads (id, round_id, measure, anchor_start, anchor_end, quote, resolved, created_at)
      VALUES (${thread.id}, ${thread.roundId}, ${thread.measure}, ${thread.anchor?.start ?? null}, ${thread.anchor?.end ?? null}, ${thread.quote}, FALSE, ${thread.createdAt})`;
    await threads.addComment(db, first);
  },

  async getThread(db: Db, id: string): Promise<ThreadRecord | null> {
    const [row] = await db`SELECT * FROM threads WHERE id = ${id}`;
    if (row === undefined) return null;
    const comments = await db`SELECT * FROM comments WHERE thread_id = ${id} ORDER BY created_at, seq`;
    return toThread(row, comments.map(toComment));
  },

  async listThreads(db: Db, roundId: string, measure?: number): Promise<ThreadRecord[]> {
    const ofMeasure = measure === undefined ? db`` : db`AND t.measure = ${measure}`;
    const rows = await db`SELECT t.* FROM threads t WHERE t.round_id = ${roundId} ${ofMeasure} ORDER BY t.created_at, t.seq`;
    const comments = (
      await db`SELECT c.* FROM comments c JOIN threads t ON t.id = c.thread_id WHERE t.round_id = ${roundId} ${ofMeasure} ORDER BY c.created_at, c.seq`
    ).map(toComment);
    const byThread = new Map<string, CommentRecord[]>();
    for (const comment of comments) {
      const list = byThread.get(comment.threadId) ?? [];
      list.push(comment);
      byThread.set(comment.threadId, list);
    }
    return rows.map((row) => toThread(row, byThread.get(ThreadRowSchema.parse(row).id) ?? []));
  },

  async addComment(db: Db, c: CommentRecord): Promise<void> {
    await db`
      INSERT INTO comments (id, thread_id, author_username, author_name, author_ministry, body, created_at, edited_at)
      VALUES (${c.id}, ${c.threadId}, ${c.author.username}, ${c.author.name}, ${c.author.ministry}, ${c.body}, ${c.createdAt}, ${c.editedAt})`;
  },

  async getComment(db: Db, id: string): Promise<CommentRecord | null> {
    const [row] = await db`SELECT * FROM comments WHERE id = ${id}`;
    return row === undefined ? null : toComment(row);
  },

  async editComment(db: Db, id: string, body: string, at: string): Promise<void> {
    await db`UPDATE comments SET body = ${body}, edited_at = ${at} WHERE id = ${id}`;
  },

  async deleteComment(db: Db, id: string): Promise<{ threadDeleted: boolean }> {
    const [deleted] = await db<{ thread_id: string }[]>`DELETE FROM comments WHERE id = ${id} RETURNING thread_id`;
    if (!deleted) return { threadDeleted: false };
    const [left] = await db`SELECT 1 FROM comments WHERE thread_id = ${deleted.thread_id} LIMIT 1`;
    if (left) return { threadDeleted: false };
    await db`DELETE FROM threads WHERE id = ${deleted.thread_id}`;
    return { threadDeleted: true };
  },

  async setResolved(db: Db, threadId: string, resolved: boolean, by: CommentAuthor | null, at: string | null): Promise<void> {
    await db`UPDATE threads SET resolved = ${resolved}, resolved_by = ${by === null ? null : JSON.stringify(by)}, resolved_at = ${at} WHERE id = ${threadId}`;
  },
};
