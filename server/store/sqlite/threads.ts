import type Database from 'better-sqlite3';
import type { CommentAuthor } from '../../../shared/comments.js';
import type { CommentRecord, CommentVolume, ThreadRecord } from '../types.js';
import { toComment, toThread, toThreads, type NewThread } from '../rows/threads.js';

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
  private readonly selectVolumeOfMeasure;
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
    this.selectVolumeOfMeasure = db.prepare<[string, number, string, number, string], CommentVolume>(
      `SELECT (SELECT COUNT(*) FROM threads WHERE round_id = ? AND measure = ?) AS threads,
              (SELECT COALESCE(SUM(length(c.body)), 0) FROM comments c JOIN threads t ON t.id = c.thread_id WHERE t.round_id = ? AND t.measure = ?) AS chars,
              (SELECT COALESCE(SUM(length(c.body)), 0) FROM comments c JOIN threads t ON t.id = c.thread_id WHERE t.round_id = ?) AS roundChars`,
    );
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
    const comments = measure === undefined ? this.selectCommentsOfRound.all(roundId) : this.selectCommentsOfMeasure.all(roundId, measure);
    return toThreads(rows, comments);
  }

  commentVolume(roundId: string, measure: number): CommentVolume {
    return this.selectVolumeOfMeasure.get(roundId, measure, roundId, measure, roundId) ?? { threads: 0, chars: 0, roundChars: 0 };
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
