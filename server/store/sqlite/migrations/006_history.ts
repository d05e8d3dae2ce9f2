import type Database from 'better-sqlite3';
import type { Migration } from '../migrate.js';

/**
 * The narratives' history (README, *HTTP API*, **History of a measure**). The update log becomes
 * the history: every update is kept for good, with when, by whom and why (`doc_history`,
 * append-only); compaction no longer deletes updates but writes the document's current state
 * (`doc_state`, one row per document, replaced) and now and then a checkpoint (`doc_checkpoints`,
 * kept), so that any moment of the history is read back from a checkpoint and a bounded number of
 * updates. `doc_versions` groups updates into versions (one person's consecutive edits);
 * `doc_clients` records which account introduced each Yjs client id into each document. Documents
 * are numbered in `documents` so that a history row does not repeat its document's name.
 *
 * The updates stored before (`doc_updates`) move into the history as they are, ids kept,
 * without an author (kind `legacy`), as one version per document dated from its round's
 * creation to now.
 */
export const history: Migration = {
  version: 6,
  name: '006_history',
  up(db) {
    db.exec(`
CREATE TABLE documents (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE
);
CREATE TABLE doc_history (
  id INTEGER PRIMARY KEY,
  doc INTEGER NOT NULL REFERENCES documents(id),
  at INTEGER NOT NULL,
  author TEXT,
  kind TEXT NOT NULL CHECK (kind IN ('edit', 'restore', 'imported', 'carriedOver', 'legacy')),
  data BLOB NOT NULL
);
CREATE INDEX doc_history_by_doc ON doc_history (doc, id);
CREATE TRIGGER doc_history_never_changes BEFORE UPDATE ON doc_history
BEGIN SELECT RAISE(ABORT, 'the history is append-only'); END;
CREATE TRIGGER doc_history_never_goes BEFORE DELETE ON doc_history
BEGIN SELECT RAISE(ABORT, 'the history is append-only'); END;
CREATE TABLE doc_state (
  doc INTEGER PRIMARY KEY REFERENCES documents(id),
  through_id INTEGER NOT NULL,
  state BLOB NOT NULL
);
CREATE TABLE doc_checkpoints (
  doc INTEGER NOT NULL REFERENCES documents(id),
  through_id INTEGER NOT NULL,
  state BLOB NOT NULL,
  PRIMARY KEY (doc, through_id)
);
CREATE TRIGGER doc_checkpoints_never_change BEFORE UPDATE ON doc_checkpoints
BEGIN SELECT RAISE(ABORT, 'checkpoints are append-only'); END;
CREATE TRIGGER doc_checkpoints_never_go BEFORE DELETE ON doc_checkpoints
BEGIN SELECT RAISE(ABORT, 'checkpoints are append-only'); END;
CREATE TABLE doc_clients (
  doc INTEGER NOT NULL REFERENCES documents(id),
  client_id INTEGER NOT NULL,
  author TEXT,
  carried_over INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (doc, client_id)
) WITHOUT ROWID;
CREATE TABLE doc_versions (
  id INTEGER PRIMARY KEY,
  doc INTEGER NOT NULL REFERENCES documents(id),
  kind TEXT NOT NULL CHECK (kind IN ('narrative', 'restore', 'carriedOver', 'imported')),
  author TEXT,
  first_id INTEGER NOT NULL,
  last_id INTEGER NOT NULL,
  started_at INTEGER NOT NULL,
  ended_at INTEGER NOT NULL,
  updates INTEGER NOT NULL,
  restored_from INTEGER,
  carried_from TEXT,
  words_added INTEGER,
  words_removed INTEGER,
  stats_through INTEGER
);
CREATE INDEX doc_versions_by_doc ON doc_versions (doc, id);
CREATE INDEX doc_versions_by_author ON doc_versions (doc, author, id);
`);
    moveUpdateLog(db, Date.now());
    db.exec('DROP TABLE doc_updates');
  },
};

/** Moves `doc_updates` into the history, ids kept, one authorless version per document. */
function moveUpdateLog(db: Database.Database, now: number): void {
  const names = db.prepare('SELECT doc_name AS name, MIN(id) AS first, MAX(id) AS last, COUNT(*) AS n FROM doc_updates GROUP BY doc_name ORDER BY MIN(id)').all() as {
    name: string;
    first: number;
    last: number;
    n: number;
  }[];
  const insertDocument = db.prepare<[string]>('INSERT INTO documents (name) VALUES (?)');
  const copyRows = db.prepare<[number, number, string]>(
    "INSERT INTO doc_history (id, doc, at, author, kind, data) SELECT id, ?, ?, NULL, 'legacy', data FROM doc_updates WHERE doc_name = ? ORDER BY id",
  );
  // The round a measure's document belongs to says since when its edits can date.
  const roundCreated = db.prepare<[string], { created_at: string }>('SELECT created_at FROM rounds WHERE id = ?');
  const insertVersion = db.prepare<[number, number, number, number, number, number]>(
    `INSERT INTO doc_versions (doc, kind, author, first_id, last_id, started_at, ended_at, updates)
     VALUES (?, 'narrative', NULL, ?, ?, ?, ?, ?)`,
  );
  for (const { name, first, last, n } of names) {
    const doc = Number(insertDocument.run(name).lastInsertRowid);
    copyRows.run(doc, now, name);
    const created = roundCreated.get(name.slice(0, Math.max(0, name.lastIndexOf('.'))));
    const since = created ? Date.parse(created.created_at) : NaN;
    insertVersion.run(doc, first, last, Number.isFinite(since) ? Math.min(since, now) : now, now, n);
  }
}
