import type Database from 'better-sqlite3';
import { z } from 'zod';
import { MinistryCodeSchema } from '../../../shared/ministries.js';
import { CommentAuthorSchema, type CommentAuthor } from '../../../shared/comments.js';
import type { CommentRecord, ThreadRecord } from '../types.js';

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
  resolved: z.number().transform((n) => n !== 0),
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

/** Comment threads on measures, and their comments (`threads`, `comments`). */
export class SqliteThreads {
  private readonly insertThread;
  private readonly insertCommentRow;
  private readonly selectThread;
  private readonly selectCommentsOf;
  private readonly selectThreadsOfRound;
  private readonly selectThreadsOfMeasure;
  private readonly selectCommentsOfRound;
  private readonly selectCommentsOfMeasure;
  private readonly selectComment;
  private readonly selectThreadIdOf;
  private readonly countCommentsOf;
  private readonly updateComment;
  private readonly deleteCommentRow;
  private readonly deleteThreadRow;
  private readonly updateResolved;
  private readonly createThreadTransaction;
  private readonly deleteCommentTransaction;

  constructor(db: Database.Database) {
    this.insertThread = db.prepare<[string, string, number, string | null, string | null, string | null, string]>(
      `INSERT INTO threads (id, round_id, measure, anchor_start, anchor_end, quote, resolved, created_at)
       VALUES (?, ?, ?, ?, ?, ?, 0, ?)`,
    );
    this.insertCommentRow = db.prepare<[string, string, string, string, string | null, string, string, string | null]>(
      `INSERT INTO comments (id, thread_id, author_username, author_name, author_ministry, body, created_at, edited_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.selectThread = db.prepare<[string]>('SELECT * FROM threads WHERE id = ?');
    this.selectCommentsOf = db.prepare<[string]>('SELECT * FROM comments WHERE thread_id = ? ORDER BY created_at, rowid');
    this.selectThreadsOfRound = db.prepare<[string]>('SELECT * FROM threads WHERE round_id = ? ORDER BY created_at, rowid');
    this.selectThreadsOfMeasure = db.prepare<[string, number]>(
      'SELECT * FROM threads WHERE round_id = ? AND measure = ? ORDER BY created_at, rowid',
    );
    this.selectCommentsOfRound = db.prepare<[string]>(
      'SELECT c.* FROM comments c JOIN threads t ON t.id = c.thread_id WHERE t.round_id = ? ORDER BY c.created_at, c.rowid',
    );
    this.selectCommentsOfMeasure = db.prepare<[string, number]>(
      'SELECT c.* FROM comments c JOIN threads t ON t.id = c.thread_id WHERE t.round_id = ? AND t.measure = ? ORDER BY c.created_at, c.rowid',
    );
    this.selectComment = db.prepare<[string]>('SELECT * FROM comments WHERE id = ?');
    this.selectThreadIdOf = db.prepare<[string], { thread_id: string }>('SELECT thread_id FROM comments WHERE id = ?');
    this.countCommentsOf = db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM comments WHERE thread_id = ?');
    this.updateComment = db.prepare<[string, string, string]>('UPDATE comments SET body = ?, edited_at = ? WHERE id = ?');
    this.deleteCommentRow = db.prepare<[string]>('DELETE FROM comments WHERE id = ?');
    this.deleteThreadRow = db.prepare<[string]>('DELETE FROM threads WHERE id = ?');
    this.updateResolved = db.prepare<[number, string | null, string | null, string]>(
      'UPDATE threads SET resolved = ?, resolved_by = ?, resolved_at = ? WHERE id = ?',
    );

    this.createThreadTransaction = db.transaction((thread: NewThread, first: CommentRecord) => {
      this.insertThread.run(thread.id, thread.roundId, thread.measure, thread.anchor?.start ?? null, thread.anchor?.end ?? null, thread.quote, thread.createdAt);
      this.addComment(first);
    });
    this.deleteCommentTransaction = db.transaction((id: string): { threadDeleted: boolean } => {
      const row = this.selectThreadIdOf.get(id);
      if (!row) return { threadDeleted: false };
      this.deleteCommentRow.run(id);
      if ((this.countCommentsOf.get(row.thread_id)?.n ?? 0) > 0) return { threadDeleted: false };
      this.deleteThreadRow.run(row.thread_id);
      return { threadDeleted: true };
    });
  }

  createThread(thread: NewThread, first: CommentRecord): void {
    this.createThreadTransaction.immediate(thread, first);
  }

  getThread(id: string): ThreadRecord | null {
    const row = this.selectThread.get(id);
    if (row === undefined) return null;
    return toThread(row, this.selectCommentsOf.all(id).map(toComment));
  }

  listThreads(roundId: string, measure?: number): ThreadRecord[] {
    const rows = measure === undefined ? this.selectThreadsOfRound.all(roundId) : this.selectThreadsOfMeasure.all(roundId, measure);
    const comments = (
      measure === undefined ? this.selectCommentsOfRound.all(roundId) : this.selectCommentsOfMeasure.all(roundId, measure)
    ).map(toComment);
    const byThread = new Map<string, CommentRecord[]>();
    for (const comment of comments) {
      const list = byThread.get(comment.threadId) ?? [];
      list.push(comment);
      byThread.set(comment.threadId, list);
    }
    return rows.map((row) => toThread(row, byThread.get(ThreadRowSchema.parse(row).id) ?? []));
  }

  addComment(c: CommentRecord): void {
    this.insertCommentRow.run(c.id, c.threadId, c.author.username, c.author.name, c.author.ministry, c.body, c.createdAt, c.editedAt);
  }

  getComment(id: string): CommentRecord | null {
    const row = this.selectComment.get(id);
    return row === undefined ? null : toComment(row);
  }

  editComment(id: string, body: string, at: string): void {
    this.updateComment.run(body, at, id);
  }

  deleteComment(id: string): { threadDeleted: boolean } {
    return this.deleteCommentTransaction.immediate(id);
  }

  setResolved(threadId: string, resolved: boolean, by: CommentAuthor | null, at: string | null): void {
    this.updateResolved.run(resolved ? 1 : 0, by === null ? null : JSON.stringify(by), at, threadId);
  }
}
