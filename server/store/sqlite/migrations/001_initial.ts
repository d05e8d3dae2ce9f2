import type Database from 'better-sqlite3';
import type { Migration } from '../migrate.js';

/**
 * The schema of the last releases before versioned migrations (d955ba9 to 6533547) as they left
 * every database they opened: their CREATE TABLEs with the columns they added at open folded in,
 * in the order they added them. `IF NOT EXISTS` throughout, so that a database made before
 * versioning keeps its tables and rows.
 */
export const sql = `
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
  created_at TEXT NOT NULL,
  frozen_at TEXT,
  previous_round_id TEXT,
  deadline_handled TEXT
);
CREATE TABLE IF NOT EXISTS round_measures (
  round_id TEXT NOT NULL REFERENCES rounds(id),
  number INTEGER NOT NULL,
  status TEXT NOT NULL,
  narrative_empty INTEGER NOT NULL,
  updated_at TEXT NOT NULL,
  carried_over INTEGER NOT NULL DEFAULT 0,
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

/**
 * Columns that releases before versioning added with ALTER TABLE when they found them missing
 * at open. A database made by one of those releases that never met a later one lacks some.
 */
export const COLUMNS_ADDED_BEFORE_VERSIONING: readonly { table: string; column: string; declaration: string }[] = [
  { table: 'rounds', column: 'frozen_at', declaration: 'TEXT' },
  { table: 'rounds', column: 'previous_round_id', declaration: 'TEXT' },
  { table: 'rounds', column: 'deadline_handled', declaration: 'TEXT' },
  { table: 'round_measures', column: 'carried_over', declaration: 'INTEGER NOT NULL DEFAULT 0' },
];

function addMissingColumns(db: Database.Database): void {
  for (const { table, column, declaration } of COLUMNS_ADDED_BEFORE_VERSIONING) {
    const columns = db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[];
    if (!columns.some((c) => c.name === column)) db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${declaration}`);
  }
}

export const initial: Migration = {
  version: 1,
  name: '001_initial',
  up(db) {
    db.exec(sql);
    addMissingColumns(db);
  },
};
