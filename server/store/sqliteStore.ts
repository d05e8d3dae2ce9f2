import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { MinistryCodeSchema, MinistryListSchema, type MinistryCode } from '../../shared/ministries.js';
import { RoleSchema, type Role } from '../../shared/permissions.js';
import { ImportWarningSchema } from '../../shared/plan.js';
import { RoundStateSchema, type Round, type RoundDetail } from '../../shared/round.js';
import { StatusSchema } from '../../shared/status.js';
import type { MeasureFieldsPatch } from '../../shared/measure.js';
import { CommentAuthorSchema, type CommentAuthor } from '../../shared/comments.js';
import { SnapshotReasonSchema, type SnapshotSummary } from '../../shared/snapshot.js';
import type {
  CommentRecord,
  MeasureRecord,
  NewRoundRecord,
  SnapshotRecord,
  NewUser,
  RoundSeed,
  SessionRecord,
  Store,
  StoredDocument,
  ThreadRecord,
  UserRecord,
} from './types.js';

/** Columns added after tables were first created: added to older databases at open. */
const ADDED_COLUMNS: readonly { table: string; column: string; declaration: string }[] = [
  { table: 'rounds', column: 'frozen_at', declaration: 'TEXT' },
  { table: 'rounds', column: 'previous_round_id', declaration: 'TEXT' },
  { table: 'rounds', column: 'deadline_handled', declaration: 'TEXT' },
  { table: 'round_measures', column: 'carried_over', declaration: 'INTEGER NOT NULL DEFAULT 0' },
];

/** File name of the database inside DATA_DIR. */
export const DATABASE_FILE = 'samskriv.sqlite';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS plans (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  report_title TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS plan_measures (
  plan_id TEXT NOT NULL REFERENCES plans(id),
  number INTEGER NOT NULL,
  title TEXT NOT NULL,
  ministries TEXT NOT NULL,
  plan_text TEXT NOT NULL,
  PRIMARY KEY (plan_id, number)
);
CREATE TABLE IF NOT EXISTS rounds (
  id TEXT PRIMARY KEY,
  plan_id TEXT NOT NULL REFERENCES plans(id),
  title TEXT NOT NULL,
  deadline TEXT NOT NULL,
  state TEXT NOT NULL,
  intro TEXT NOT NULL,
  import_warnings TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS round_measures (
  round_id TEXT NOT NULL REFERENCES rounds(id),
  number INTEGER NOT NULL,
  status TEXT NOT NULL,
  narrative_empty INTEGER NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (round_id, number)
);
CREATE TABLE IF NOT EXISTS doc_updates (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  doc_name TEXT NOT NULL,
  data BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS doc_updates_by_doc ON doc_updates (doc_name, id);
CREATE TABLE IF NOT EXISTS users (
  username TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  ministry TEXT,
  role TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0,
  demo INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS sessions (
  id TEXT PRIMARY KEY,
  username TEXT NOT NULL REFERENCES users(username),
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS sessions_by_user ON sessions (username);
CREATE TABLE IF NOT EXISTS threads (
  id TEXT PRIMARY KEY,
  round_id TEXT NOT NULL,
  measure INTEGER NOT NULL,
  anchor_start TEXT,
  anchor_end TEXT,
  quote TEXT,
  resolved INTEGER NOT NULL DEFAULT 0,
  resolved_by TEXT,
  resolved_at TEXT,
  created_at TEXT NOT NULL,
  FOREIGN KEY (round_id, measure) REFERENCES round_measures(round_id, number)
);
CREATE INDEX IF NOT EXISTS threads_by_measure ON threads (round_id, measure);
CREATE TABLE IF NOT EXISTS comments (
  id TEXT PRIMARY KEY,
  thread_id TEXT NOT NULL REFERENCES threads(id),
  author_username TEXT NOT NULL,
  author_name TEXT NOT NULL,
  author_ministry TEXT,
  body TEXT NOT NULL,
  created_at TEXT NOT NULL,
  edited_at TEXT
);
CREATE INDEX IF NOT EXISTS comments_by_thread ON comments (thread_id, created_at);
CREATE TABLE IF NOT EXISTS readiness (
  round_id TEXT NOT NULL,
  number INTEGER NOT NULL,
  ministry TEXT NOT NULL,
  ready_by TEXT NOT NULL,
  ready_at TEXT NOT NULL,
  PRIMARY KEY (round_id, number, ministry),
  FOREIGN KEY (round_id, number) REFERENCES round_measures(round_id, number)
);
CREATE TABLE IF NOT EXISTS snapshots (
  id TEXT PRIMARY KEY,
  round_id TEXT NOT NULL REFERENCES rounds(id),
  taken_at TEXT NOT NULL,
  taken_by TEXT,
  reason TEXT NOT NULL,
  note TEXT,
  sha256 TEXT NOT NULL,
  content TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS snapshots_by_round ON snapshots (round_id, taken_at);
CREATE TRIGGER IF NOT EXISTS snapshots_never_change BEFORE UPDATE ON snapshots
BEGIN SELECT RAISE(ABORT, 'snapshots are immutable'); END;
CREATE TRIGGER IF NOT EXISTS snapshots_never_go BEFORE DELETE ON snapshots
BEGIN SELECT RAISE(ABORT, 'snapshots are immutable'); END;
`;

const MeasureRowSchema = z.object({
  round_id: z.string(),
  number: z.number(),
  title: z.string(),
  ministries: z.string().transform((json) => MinistryListSchema.parse(JSON.parse(json))),
  plan_text: z.string(),
  status: StatusSchema,
  narrative_empty: z.number().transform((n) => n !== 0),
  open_threads: z.number(),
  ready: z.string().transform((json) => z.array(MinistryCodeSchema).parse(JSON.parse(json))),
  carried_over: z.number().transform((n) => n !== 0),
  updated_at: z.string(),
});

const RoundRowSchema = z.object({
  id: z.string(),
  title: z.string(),
  deadline: z.string(),
  state: RoundStateSchema,
  frozen_at: z.string().nullable(),
  previous_round_id: z.string().nullable(),
  intro: z.string(),
  plan_title: z.string(),
  import_warnings: z.string().transform((json) => z.array(ImportWarningSchema).parse(JSON.parse(json))),
  measure_count: z.number(),
});

const ROUND_SELECT = `
SELECT r.id, r.title, r.deadline, r.state, r.frozen_at, r.previous_round_id, r.intro, r.import_warnings,
  p.title AS plan_title, (SELECT COUNT(*) FROM round_measures rm WHERE rm.round_id = r.id) AS measure_count
FROM rounds r JOIN plans p ON p.id = r.plan_id`;

function toRound(row: unknown): RoundDetail {
  const r = RoundRowSchema.parse(row);
  return {
    id: r.id,
    title: r.title,
    deadline: r.deadline,
    state: r.state,
    frozenAt: r.frozen_at,
    previousRoundId: r.previous_round_id,
    planTitle: r.plan_title,
    intro: r.intro,
    measureCount: r.measure_count,
    importWarnings: r.import_warnings,
  };
}

const SnapshotRowSchema = z.object({
  id: z.string(),
  round_id: z.string(),
  taken_at: z.string(),
  taken_by: z
    .string()
    .nullable()
    .transform((json) => (json === null ? null : z.object({ username: z.string(), name: z.string() }).parse(JSON.parse(json)))),
  reason: SnapshotReasonSchema,
  note: z.string().nullable(),
  sha256: z.string(),
});

function toSnapshotSummary(row: unknown): SnapshotSummary {
  const r = SnapshotRowSchema.parse(row);
  return { id: r.id, roundId: r.round_id, takenAt: r.taken_at, takenBy: r.taken_by, reason: r.reason, note: r.note, sha256: r.sha256 };
}

const UserRowSchema = z.object({
  username: z.string(),
  name: z.string(),
  ministry: MinistryCodeSchema.nullable(),
  role: RoleSchema,
  password_hash: z.string(),
  disabled: z.number().transform((n) => n !== 0),
  demo: z.number().transform((n) => n !== 0),
  created_at: z.string(),
  updated_at: z.string(),
});

function toUser(row: unknown): UserRecord {
  const r = UserRowSchema.parse(row);
  return {
    username: r.username,
    name: r.name,
    ministry: r.ministry,
    role: r.role,
    passwordHash: r.password_hash,
    disabled: r.disabled,
    demo: r.demo,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

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

const MEASURE_SELECT = `
SELECT rm.round_id, rm.number, pm.title, pm.ministries, pm.plan_text, rm.status, rm.narrative_empty, rm.updated_at,
  (SELECT COUNT(*) FROM threads t WHERE t.round_id = rm.round_id AND t.measure = rm.number AND t.resolved = 0) AS open_threads,
  (SELECT json_group_array(ministry) FROM readiness x WHERE x.round_id = rm.round_id AND x.number = rm.number) AS ready,
  rm.carried_over
FROM round_measures rm
JOIN rounds r ON r.id = rm.round_id
JOIN plan_measures pm ON pm.plan_id = r.plan_id AND pm.number = rm.number`;

function toMeasure(row: unknown): MeasureRecord {
  const r = MeasureRowSchema.parse(row);
  return {
    roundId: r.round_id,
    number: r.number,
    title: r.title,
    ministries: r.ministries,
    planText: r.plan_text,
    status: r.status,
    narrativeEmpty: r.narrative_empty,
    openThreads: r.open_threads,
    ready: r.ministries.filter((code) => r.ready.includes(code)),
    carriedOver: r.carried_over,
    updatedAt: r.updated_at,
  };
}

/**
 * The embedded store: one SQLite file in WAL mode. Every write is a committed transaction
 * before its promise resolves; with synchronous=NORMAL a killed process loses nothing committed.
 */
export class SqliteStore implements Store {
  private readonly db: Database.Database;
  /** Interim (being replaced by the split store): transactions one at a time. */
  private transactions: Promise<unknown> = Promise.resolve();
  private inTransaction = false;

  transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T> {
    if (this.inTransaction) return fn(this);
    const run = async (): Promise<T> => {
      this.db.exec('BEGIN IMMEDIATE');
      this.inTransaction = true;
      try {
        const result = await fn(this);
        this.db.exec('COMMIT');
        return result;
      } catch (error) {
        this.db.exec('ROLLBACK');
        throw error;
      } finally {
        this.inTransaction = false;
      }
    };
    const result = this.transactions.then(run, run);
    this.transactions = result.catch(() => undefined);
    return result;
  }

  constructor(dataDir: string) {
    mkdirSync(dataDir, { recursive: true });
    this.db = new Database(join(dataDir, DATABASE_FILE));
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
    for (const { table, column, declaration } of ADDED_COLUMNS) {
      const columns = this.db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[];
      if (!columns.some((c) => c.name === column)) this.db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${declaration}`);
    }
  }

  async loadDocument(docName: string): Promise<StoredDocument> {
    const rows = this.db
      .prepare('SELECT id, data FROM doc_updates WHERE doc_name = ? ORDER BY id')
      .all(docName) as { id: number; data: Buffer }[];
    return {
      updates: rows.map((row) => new Uint8Array(row.data.buffer, row.data.byteOffset, row.data.byteLength)),
      lastId: rows.at(-1)?.id ?? 0,
    };
  }

  async appendUpdate(docName: string, update: Uint8Array): Promise<number> {
    const result = this.db
      .prepare('INSERT INTO doc_updates (doc_name, data) VALUES (?, ?)')
      .run(docName, Buffer.from(update.buffer, update.byteOffset, update.byteLength));
    return Number(result.lastInsertRowid);
  }

  async compactDocument(docName: string, throughId: number, merged: Uint8Array): Promise<void> {
    const compact = this.db.transaction(() => {
      this.db.prepare('DELETE FROM doc_updates WHERE doc_name = ? AND id <= ?').run(docName, throughId);
      // The merged state keeps the position of the last update it replaces, so updates
      // stored after `throughId` still sort after it.
      this.db
        .prepare('INSERT INTO doc_updates (id, doc_name, data) VALUES (?, ?, ?)')
        .run(throughId, docName, Buffer.from(merged.buffer, merged.byteOffset, merged.byteLength));
    });
    compact();
  }

  async isEmpty(): Promise<boolean> {
    const row = this.db.prepare('SELECT COUNT(*) AS n FROM rounds').get() as { n: number };
    return row.n === 0;
  }

  async seedRound(seed: RoundSeed): Promise<void> {
    const insertPlan = this.db.prepare('INSERT INTO plans (id, title, report_title) VALUES (?, ?, ?)');
    const insertPlanMeasure = this.db.prepare(
      'INSERT INTO plan_measures (plan_id, number, title, ministries, plan_text) VALUES (?, ?, ?, ?, ?)',
    );
    const insertRound = this.db.prepare(
      `INSERT INTO rounds (id, plan_id, title, deadline, state, intro, import_warnings, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertRoundMeasure = this.db.prepare(
      'INSERT INTO round_measures (round_id, number, status, narrative_empty, updated_at) VALUES (?, ?, ?, ?, ?)',
    );
    const insertUpdate = this.db.prepare('INSERT INTO doc_updates (doc_name, data) VALUES (?, ?)');
    const seedAll = this.db.transaction(() => {
      const { plan, round } = seed;
      insertPlan.run(plan.id, plan.title, plan.reportTitle);
      insertRound.run(round.id, plan.id, round.title, round.deadline, 'open', round.intro, JSON.stringify(seed.warnings), seed.createdAt);
      for (const m of seed.measures) {
        insertPlanMeasure.run(plan.id, m.number, m.title, JSON.stringify(m.ministries), m.planText);
        insertRoundMeasure.run(round.id, m.number, m.status, m.narrativeEmpty ? 1 : 0, seed.createdAt);
        insertUpdate.run(m.docName, Buffer.from(m.initialUpdate));
      }
    });
    seedAll();
  }

  async listRounds(): Promise<Round[]> {
    return this.db
      .prepare(`${ROUND_SELECT} ORDER BY r.deadline DESC, r.id`)
      .all()
      .map((row) => {
        const { id, title, deadline, state, frozenAt, previousRoundId } = toRound(row);
        return { id, title, deadline, state, frozenAt, previousRoundId };
      });
  }

  async getRound(roundId: string): Promise<RoundDetail | null> {
    const row = this.db.prepare(`${ROUND_SELECT} WHERE r.id = ?`).get(roundId);
    return row === undefined ? null : toRound(row);
  }

  async planOf(roundId: string): Promise<{ id: string; title: string; reportTitle: string } | null> {
    const row = this.db
      .prepare('SELECT p.id, p.title, p.report_title FROM plans p JOIN rounds r ON r.plan_id = p.id WHERE r.id = ?')
      .get(roundId);
    if (row === undefined) return null;
    const r = z.object({ id: z.string(), title: z.string(), report_title: z.string() }).parse(row);
    return { id: r.id, title: r.title, reportTitle: r.report_title };
  }

  async latestRound(): Promise<RoundDetail | null> {
    const row = this.db.prepare(`${ROUND_SELECT} ORDER BY r.created_at DESC, r.rowid DESC LIMIT 1`).get();
    return row === undefined ? null : toRound(row);
  }

  async createRound(round: NewRoundRecord): Promise<void> {
    this.db.transaction(() => {
      const previous = this.db.prepare('SELECT plan_id FROM rounds WHERE id = ?').get(round.previousRoundId) as
        | { plan_id: string }
        | undefined;
      if (!previous) throw new Error(`no round ${round.previousRoundId}`);
      this.db
        .prepare(
          `INSERT INTO rounds (id, plan_id, title, deadline, state, intro, import_warnings, created_at, previous_round_id)
           VALUES (?, ?, ?, ?, 'open', ?, '[]', ?, ?)`,
        )
        .run(round.id, previous.plan_id, round.title, round.deadline, round.intro, round.createdAt, round.previousRoundId);
      const insertMeasure = this.db.prepare(
        `INSERT INTO round_measures (round_id, number, status, narrative_empty, updated_at, carried_over)
         VALUES (?, ?, ?, ?, ?, 1)`,
      );
      const insertUpdate = this.db.prepare('INSERT INTO doc_updates (doc_name, data) VALUES (?, ?)');
      for (const m of round.measures) {
        insertMeasure.run(round.id, m.number, m.status, m.narrativeEmpty ? 1 : 0, round.createdAt);
        insertUpdate.run(m.docName, Buffer.from(m.initialUpdate));
      }
    })();
  }

  async updateRound(roundId: string, patch: { title?: string; deadline?: string; intro?: string }): Promise<RoundDetail | null> {
    const result = this.db
      .prepare(
        'UPDATE rounds SET title = COALESCE(?, title), deadline = COALESCE(?, deadline), intro = COALESCE(?, intro) WHERE id = ?',
      )
      .run(patch.title ?? null, patch.deadline ?? null, patch.intro ?? null, roundId);
    return result.changes === 0 ? null : this.getRound(roundId);
  }

  async reopenRound(roundId: string): Promise<void> {
    this.db.prepare("UPDATE rounds SET state = 'open' WHERE id = ?").run(roundId);
  }

  async dueRounds(now: string): Promise<RoundDetail[]> {
    // Deadlines carry offsets, so they are compared as instants, not as strings.
    const nowMs = Date.parse(now);
    return this.db
      .prepare(`${ROUND_SELECT} WHERE r.state = 'open' AND (r.deadline_handled IS NULL OR r.deadline_handled <> r.deadline)`)
      .all()
      .map(toRound)
      .filter((round) => Date.parse(round.deadline) <= nowMs);
  }

  async markUpdated(roundId: string, number: number): Promise<boolean> {
    const result = this.db
      .prepare('UPDATE round_measures SET carried_over = 0 WHERE round_id = ? AND number = ? AND carried_over = 1')
      .run(roundId, number);
    return result.changes > 0;
  }

  async setReady(roundId: string, number: number, ministry: MinistryCode, ready: boolean, by: string, at: string): Promise<void> {
    if (ready) {
      this.db
        .prepare('INSERT OR IGNORE INTO readiness (round_id, number, ministry, ready_by, ready_at) VALUES (?, ?, ?, ?, ?)')
        .run(roundId, number, ministry, by, at);
    } else {
      this.db.prepare('DELETE FROM readiness WHERE round_id = ? AND number = ? AND ministry = ?').run(roundId, number, ministry);
    }
  }

  async insertSnapshot(snapshot: SnapshotRecord, freezeFor: string | null): Promise<void> {
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO snapshots (id, round_id, taken_at, taken_by, reason, note, sha256, content)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          snapshot.id,
          snapshot.roundId,
          snapshot.takenAt,
          snapshot.takenBy === null ? null : JSON.stringify(snapshot.takenBy),
          snapshot.reason,
          snapshot.note,
          snapshot.sha256,
          snapshot.contentJson,
        );
      if (freezeFor !== null) {
        this.db
          .prepare("UPDATE rounds SET state = 'frozen', frozen_at = ?, deadline_handled = ? WHERE id = ?")
          .run(snapshot.takenAt, freezeFor, snapshot.roundId);
      }
    })();
  }

  async listSnapshots(roundId: string): Promise<SnapshotSummary[]> {
    return this.db
      .prepare('SELECT id, round_id, taken_at, taken_by, reason, note, sha256 FROM snapshots WHERE round_id = ? ORDER BY taken_at, rowid')
      .all(roundId)
      .map((row) => toSnapshotSummary(row));
  }

  async getSnapshot(id: string): Promise<SnapshotRecord | null> {
    const row = this.db.prepare('SELECT * FROM snapshots WHERE id = ?').get(id);
    if (row === undefined) return null;
    return { ...toSnapshotSummary(row), contentJson: z.object({ content: z.string() }).parse(row).content };
  }

  async listMeasures(roundId: string): Promise<MeasureRecord[]> {
    return this.db.prepare(`${MEASURE_SELECT} WHERE rm.round_id = ? ORDER BY rm.number`).all(roundId).map(toMeasure);
  }

  async getMeasure(roundId: string, number: number): Promise<MeasureRecord | null> {
    const row = this.db.prepare(`${MEASURE_SELECT} WHERE rm.round_id = ? AND rm.number = ?`).get(roundId, number);
    return row === undefined ? null : toMeasure(row);
  }

  async updateMeasureFields(
    roundId: string,
    number: number,
    patch: MeasureFieldsPatch,
    at: string,
  ): Promise<MeasureRecord | null> {
    const update = this.db.transaction(() => {
      const result = this.db
        .prepare('UPDATE round_measures SET status = COALESCE(?, status), updated_at = ?, carried_over = 0 WHERE round_id = ? AND number = ?')
        .run(patch.status ?? null, at, roundId, number);
      if (result.changes === 0) return null;
      return toMeasure(this.db.prepare(`${MEASURE_SELECT} WHERE rm.round_id = ? AND rm.number = ?`).get(roundId, number));
    });
    return update();
  }

  async setNarrativeEmpty(roundId: string, number: number, empty: boolean): Promise<boolean> {
    const result = this.db
      .prepare('UPDATE round_measures SET narrative_empty = ? WHERE round_id = ? AND number = ? AND narrative_empty <> ?')
      .run(empty ? 1 : 0, roundId, number, empty ? 1 : 0);
    return result.changes > 0;
  }

  async countUsers(): Promise<number> {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM users').get() as { n: number }).n;
  }

  async createUsers(users: NewUser[], at: string): Promise<void> {
    const insert = this.db.prepare(
      `INSERT INTO users (username, name, ministry, role, password_hash, disabled, demo, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?)`,
    );
    this.db.transaction(() => {
      for (const u of users) insert.run(u.username, u.name, u.ministry, u.role, u.passwordHash, u.demo ? 1 : 0, at, at);
    })();
  }

  async getUser(username: string): Promise<UserRecord | null> {
    const row = this.db.prepare('SELECT * FROM users WHERE username = ?').get(username);
    return row === undefined ? null : toUser(row);
  }

  async listUsers(): Promise<UserRecord[]> {
    return this.db.prepare('SELECT * FROM users ORDER BY username').all().map(toUser);
  }

  async setPassword(username: string, passwordHash: string, at: string): Promise<boolean> {
    return this.db.transaction(() => {
      const result = this.db
        .prepare('UPDATE users SET password_hash = ?, demo = 0, updated_at = ? WHERE username = ?')
        .run(passwordHash, at, username);
      this.db.prepare('DELETE FROM sessions WHERE username = ?').run(username);
      return result.changes > 0;
    })();
  }

  async setDisabled(username: string, disabled: boolean, at: string): Promise<boolean> {
    return this.db.transaction(() => {
      const result = this.db
        .prepare('UPDATE users SET disabled = ?, updated_at = ? WHERE username = ?')
        .run(disabled ? 1 : 0, at, username);
      if (disabled) this.db.prepare('DELETE FROM sessions WHERE username = ?').run(username);
      return result.changes > 0;
    })();
  }

  async setRole(username: string, role: Role, ministry: MinistryCode | null, at: string): Promise<boolean> {
    const result = this.db
      .prepare('UPDATE users SET role = ?, ministry = ?, updated_at = ? WHERE username = ?')
      .run(role, ministry, at, username);
    return result.changes > 0;
  }

  async createSession(session: SessionRecord): Promise<void> {
    this.db
      .prepare('INSERT INTO sessions (id, username, created_at, expires_at) VALUES (?, ?, ?, ?)')
      .run(session.id, session.username, session.createdAt, session.expiresAt);
  }

  async getSession(id: string, now: string): Promise<{ session: SessionRecord; user: UserRecord } | null> {
    const row = this.db
      .prepare(
        `SELECT s.id AS session_id, s.created_at AS session_created_at, s.expires_at AS session_expires_at, u.*
         FROM sessions s JOIN users u ON u.username = s.username
         WHERE s.id = ? AND s.expires_at > ? AND u.disabled = 0`,
      )
      .get(id, now);
    if (row === undefined) return null;
    const s = z
      .object({ session_id: z.string(), session_created_at: z.string(), session_expires_at: z.string() })
      .parse(row);
    const user = toUser(row);
    return {
      session: { id: s.session_id, username: user.username, createdAt: s.session_created_at, expiresAt: s.session_expires_at },
      user,
    };
  }

  async deleteSession(id: string): Promise<void> {
    this.db.prepare('DELETE FROM sessions WHERE id = ?').run(id);
  }

  async deleteExpiredSessions(now: string): Promise<number> {
    return this.db.prepare('DELETE FROM sessions WHERE expires_at <= ?').run(now).changes;
  }

  async createThread(
    thread: Omit<ThreadRecord, 'comments' | 'resolved' | 'resolvedBy' | 'resolvedAt'>,
    first: CommentRecord,
  ): Promise<void> {
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO threads (id, round_id, measure, anchor_start, anchor_end, quote, resolved, created_at)
           VALUES (?, ?, ?, ?, ?, ?, 0, ?)`,
        )
        .run(thread.id, thread.roundId, thread.measure, thread.anchor?.start ?? null, thread.anchor?.end ?? null, thread.quote, thread.createdAt);
      this.insertComment(first);
    })();
  }

  async getThread(id: string): Promise<ThreadRecord | null> {
    const row = this.db.prepare('SELECT * FROM threads WHERE id = ?').get(id);
    if (row === undefined) return null;
    return toThread(row, this.db.prepare('SELECT * FROM comments WHERE thread_id = ? ORDER BY created_at, rowid').all(id).map(toComment));
  }

  async listThreads(roundId: string, measure?: number): Promise<ThreadRecord[]> {
    const rows =
      measure === undefined
        ? this.db.prepare('SELECT * FROM threads WHERE round_id = ? ORDER BY created_at, rowid').all(roundId)
        : this.db.prepare('SELECT * FROM threads WHERE round_id = ? AND measure = ? ORDER BY created_at, rowid').all(roundId, measure);
    const comments = (
      measure === undefined
        ? this.db
            .prepare('SELECT c.* FROM comments c JOIN threads t ON t.id = c.thread_id WHERE t.round_id = ? ORDER BY c.created_at, c.rowid')
            .all(roundId)
        : this.db
            .prepare(
              'SELECT c.* FROM comments c JOIN threads t ON t.id = c.thread_id WHERE t.round_id = ? AND t.measure = ? ORDER BY c.created_at, c.rowid',
            )
            .all(roundId, measure)
    ).map(toComment);
    const byThread = new Map<string, CommentRecord[]>();
    for (const comment of comments) {
      const list = byThread.get(comment.threadId) ?? [];
      list.push(comment);
      byThread.set(comment.threadId, list);
    }
    return rows.map((row) => toThread(row, byThread.get(ThreadRowSchema.parse(row).id) ?? []));
  }

  async addComment(comment: CommentRecord): Promise<void> {
    this.insertComment(comment);
  }

  async getComment(id: string): Promise<CommentRecord | null> {
    const row = this.db.prepare('SELECT * FROM comments WHERE id = ?').get(id);
    return row === undefined ? null : toComment(row);
  }

  async editComment(id: string, body: string, at: string): Promise<void> {
    this.db.prepare('UPDATE comments SET body = ?, edited_at = ? WHERE id = ?').run(body, at, id);
  }

  async deleteComment(id: string): Promise<{ threadDeleted: boolean }> {
    return this.db.transaction(() => {
      const row = this.db.prepare('SELECT thread_id FROM comments WHERE id = ?').get(id) as { thread_id: string } | undefined;
      if (!row) return { threadDeleted: false };
      this.db.prepare('DELETE FROM comments WHERE id = ?').run(id);
      const left = (this.db.prepare('SELECT COUNT(*) AS n FROM comments WHERE thread_id = ?').get(row.thread_id) as { n: number }).n;
      if (left > 0) return { threadDeleted: false };
      this.db.prepare('DELETE FROM threads WHERE id = ?').run(row.thread_id);
      return { threadDeleted: true };
    })();
  }

  async setResolved(threadId: string, resolved: boolean, by: CommentAuthor | null, at: string | null): Promise<void> {
    this.db
      .prepare('UPDATE threads SET resolved = ?, resolved_by = ?, resolved_at = ? WHERE id = ?')
      .run(resolved ? 1 : 0, by === null ? null : JSON.stringify(by), at, threadId);
  }

  private insertComment(c: CommentRecord): void {
    this.db
      .prepare(
        `INSERT INTO comments (id, thread_id, author_username, author_name, author_ministry, body, created_at, edited_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(c.id, c.threadId, c.author.username, c.author.name, c.author.ministry, c.body, c.createdAt, c.editedAt);
  }

  close(): void {
    this.db.close();
  }
}
