import type { CommentAuthor } from '../../../shared/comments.js';
import type { CommentRecord, CommentVolume, ThreadRecord } from '../types.js';
import { toComment, toThread, toThreads, type NewThread } from '../rows/threads.js';
import type { Db } from './connection.js';

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
    const comments = await db`SELECT c.* FROM comments c JOIN threads t ON t.id = c.thread_id WHERE t.round_id = ${roundId} ${ofMeasure} ORDER BY c.created_at, c.seq`;
    return toThreads(rows, comments);
  },

  async commentVolume(db: Db, roundId: string, measure: number): Promise<CommentVolume> {
    const [row] = await db<{ threads: string; chars: string; round_chars: string }[]>`
      SELECT (SELECT COUNT(*) FROM threads WHERE round_id = ${roundId} AND measure = ${measure}) AS threads,
             (SELECT COALESCE(SUM(char_length(c.body)), 0) FROM comments c JOIN threads t ON t.id = c.thread_id
               WHERE t.round_id = ${roundId} AND t.measure = ${measure}) AS chars,
             (SELECT COALESCE(SUM(char_length(c.body)), 0) FROM comments c JOIN threads t ON t.id = c.thread_id
               WHERE t.round_id = ${roundId}) AS round_chars`;
    return { threads: Number(row?.threads ?? 0), chars: Number(row?.chars ?? 0), roundChars: Number(row?.round_chars ?? 0) };
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
