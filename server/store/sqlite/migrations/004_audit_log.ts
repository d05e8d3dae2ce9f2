import type { Migration } from '../migrate.js';

/**
 * The audit log (README, *HTTP API*, **Audit log**): every state change, append-only. The database
 * refuses UPDATE and DELETE as it does for snapshots; the retention (AUDIT_RETENTION_DAYS, off by
 * default) lifts the DELETE guard for one transaction of its own (see sqlite/audit.ts).
 */
export const auditLog: Migration = {
  version: 4,
  name: '004_audit_log',
  up(db) {
    db.exec(`
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  actor_kind TEXT NOT NULL CHECK (actor_kind IN ('user', 'cli', 'system')),
  actor_username TEXT,
  actor_name TEXT,
  kind TEXT NOT NULL,
  round_id TEXT,
  measure INTEGER,
  target_id TEXT,
  before TEXT,
  after TEXT
);
CREATE INDEX audit_by_time ON audit_log (at);
CREATE INDEX audit_by_round ON audit_log (round_id, measure);
CREATE INDEX audit_by_actor ON audit_log (actor_username);
CREATE TRIGGER audit_never_changes BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_never_goes BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
`);
  },
};
