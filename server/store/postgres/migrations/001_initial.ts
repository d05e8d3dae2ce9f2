import type { PostgresMigration } from '../migrate.js';

/**
 * The whole schema as SQLite has it after its sixth migration (server/store/sqlite/migrations),
 * written for PostgreSQL:
 * - text compares by bytes, as in SQLite (`COLLATE "C"`: instants in ISO 8601 order by time,
 *   usernames the same whatever the database's locale); times stay the ISO text they were given
 *   (a deadline keeps its offset), history times milliseconds (BIGINT), updates BYTEA, JSON text
 *   exactly as written (a snapshot's content is hashed as it is);
 * - SQLite's rowid order (among rows of one time) is `seq`, an identity column;
 * - snapshots, the audit log, the history and its checkpoints refuse UPDATE, DELETE and TRUNCATE
 *   (triggers raising an exception); the audit retention disables the DELETE guard for its own
 *   transaction only (see ../audit.ts);
 * - a pre-registered e-mail is unique whatever its case (SQLite's NOCASE), by `lower(email)`.
 */
const sql = `
CREATE TABLE schema_migrations (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at TEXT NOT NULL
);

CREATE FUNCTION samskriv_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '%', TG_ARGV[0] USING ERRCODE = 'restrict_violation';
END
$$;

CREATE TABLE plans (
  id TEXT COLLATE "C" PRIMARY KEY,
  title TEXT NOT NULL,
  report_title TEXT NOT NULL
);
CREATE TABLE plan_measures (
  plan_id TEXT COLLATE "C" NOT NULL REFERENCES plans(id),
  number INTEGER NOT NULL,
  title TEXT NOT NULL,
  ministries TEXT NOT NULL,
  plan_text TEXT NOT NULL,
  PRIMARY KEY (plan_id, number)
);
CREATE TABLE rounds (
  id TEXT COLLATE "C" PRIMARY KEY,
  seq BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
  plan_id TEXT COLLATE "C" NOT NULL REFERENCES plans(id),
  title TEXT NOT NULL,
  deadline TEXT COLLATE "C" NOT NULL,
  state TEXT NOT NULL,
  intro TEXT NOT NULL,
  import_warnings TEXT NOT NULL,
  created_at TEXT COLLATE "C" NOT NULL,
  frozen_at TEXT COLLATE "C",
  previous_round_id TEXT COLLATE "C",
  deadline_handled TEXT COLLATE "C"
);
CREATE TABLE round_measures (
  round_id TEXT COLLATE "C" NOT NULL REFERENCES rounds(id),
  number INTEGER NOT NULL,
  title TEXT NOT NULL DEFAULT '',
  plan_text TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL,
  narrative_empty BOOLEAN NOT NULL,
  updated_at TEXT COLLATE "C" NOT NULL,
  carried_over BOOLEAN NOT NULL DEFAULT FALSE,
  PRIMARY KEY (round_id, number)
);

CREATE TABLE users (
  username TEXT COLLATE "C" PRIMARY KEY,
  name TEXT NOT NULL,
  ministry TEXT,
  role TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  disabled BOOLEAN NOT NULL DEFAULT FALSE,
  demo BOOLEAN NOT NULL DEFAULT FALSE,
  email TEXT,
  created_at TEXT COLLATE "C" NOT NULL,
  updated_at TEXT COLLATE "C" NOT NULL
);
CREATE TABLE sessions (
  id TEXT COLLATE "C" PRIMARY KEY,
  username TEXT COLLATE "C" NOT NULL REFERENCES users(username),
  created_at TEXT COLLATE "C" NOT NULL,
  expires_at TEXT COLLATE "C" NOT NULL
);
CREATE INDEX sessions_by_user ON sessions (username);
CREATE INDEX sessions_by_expiry ON sessions (expires_at);

CREATE TABLE threads (
  id TEXT COLLATE "C" PRIMARY KEY,
  seq BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
  round_id TEXT COLLATE "C" NOT NULL,
  measure INTEGER NOT NULL,
  anchor_start TEXT,
  anchor_end TEXT,
  quote TEXT,
  resolved BOOLEAN NOT NULL DEFAULT FALSE,
  resolved_by TEXT,
  resolved_at TEXT COLLATE "C",
  created_at TEXT COLLATE "C" NOT NULL,
  FOREIGN KEY (round_id, measure) REFERENCES round_measures(round_id, number)
);
CREATE INDEX threads_by_measure ON threads (round_id, measure);
CREATE TABLE comments (
  id TEXT COLLATE "C" PRIMARY KEY,
  seq BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
  thread_id TEXT COLLATE "C" NOT NULL REFERENCES threads(id),
  author_username TEXT COLLATE "C" NOT NULL,
  author_name TEXT NOT NULL,
  author_ministry TEXT,
  body TEXT NOT NULL,
  created_at TEXT COLLATE "C" NOT NULL,
  edited_at TEXT COLLATE "C"
);
CREATE INDEX comments_by_thread ON comments (thread_id, created_at);
CREATE TABLE readiness (
  round_id TEXT COLLATE "C" NOT NULL,
  number INTEGER NOT NULL,
  ministry TEXT COLLATE "C" NOT NULL,
  ready_by TEXT NOT NULL,
  ready_at TEXT COLLATE "C" NOT NULL,
  PRIMARY KEY (round_id, number, ministry),
  FOREIGN KEY (round_id, number) REFERENCES round_measures(round_id, number)
);

CREATE TABLE snapshots (
  id TEXT COLLATE "C" PRIMARY KEY,
  seq BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
  round_id TEXT COLLATE "C" NOT NULL REFERENCES rounds(id),
  taken_at TEXT COLLATE "C" NOT NULL,
  taken_by TEXT,
  reason TEXT NOT NULL,
  note TEXT,
  sha256 TEXT NOT NULL,
  content TEXT NOT NULL
);
CREATE INDEX snapshots_by_round ON snapshots (round_id, taken_at);
CREATE TRIGGER snapshots_never_change BEFORE UPDATE OR DELETE ON snapshots
  FOR EACH ROW EXECUTE FUNCTION samskriv_refuse_change('snapshots are immutable');
CREATE TRIGGER snapshots_never_truncated BEFORE TRUNCATE ON snapshots
  FOR EACH STATEMENT EXECUTE FUNCTION samskriv_refuse_change('snapshots are immutable');

CREATE TABLE notifications (
  id TEXT COLLATE "C" PRIMARY KEY,
  seq BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
  username TEXT COLLATE "C" NOT NULL REFERENCES users(username),
  kind TEXT NOT NULL,
  payload TEXT NOT NULL,
  created_at TEXT COLLATE "C" NOT NULL,
  read_at TEXT COLLATE "C",
  mail TEXT NOT NULL CHECK (mail IN ('pending', 'sent', 'skipped', 'failed')),
  mail_attempts INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX notifications_by_user ON notifications (username, created_at);
CREATE INDEX notifications_pending_mail ON notifications (created_at) WHERE mail = 'pending';
CREATE TABLE notification_settings (
  username TEXT COLLATE "C" PRIMARY KEY REFERENCES users(username),
  email TEXT NOT NULL CHECK (email IN ('immediate', 'daily', 'off')),
  updated_at TEXT COLLATE "C" NOT NULL
);
CREATE TABLE deadline_reminders (
  round_id TEXT COLLATE "C" NOT NULL REFERENCES rounds(id),
  deadline TEXT COLLATE "C" NOT NULL,
  hours_before INTEGER NOT NULL,
  sent_at TEXT COLLATE "C" NOT NULL,
  PRIMARY KEY (round_id, deadline, hours_before)
);
CREATE TABLE mail_digests (
  oslo_date TEXT COLLATE "C" PRIMARY KEY,
  ran_at TEXT COLLATE "C" NOT NULL
);

CREATE TABLE audit_log (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at TEXT COLLATE "C" NOT NULL,
  actor_kind TEXT NOT NULL CHECK (actor_kind IN ('user', 'cli', 'system')),
  actor_username TEXT COLLATE "C",
  actor_name TEXT,
  kind TEXT COLLATE "C" NOT NULL,
  round_id TEXT COLLATE "C",
  measure INTEGER,
  target_id TEXT COLLATE "C",
  before TEXT,
  after TEXT
);
CREATE INDEX audit_by_time ON audit_log (at);
CREATE INDEX audit_by_round ON audit_log (round_id, measure);
CREATE INDEX audit_by_actor ON audit_log (actor_username);
CREATE TRIGGER audit_never_changes BEFORE UPDATE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION samskriv_refuse_change('the audit log is append-only');
CREATE TRIGGER audit_never_goes BEFORE DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION samskriv_refuse_change('the audit log is append-only');
CREATE TRIGGER audit_never_truncated BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION samskriv_refuse_change('the audit log is append-only');

CREATE TABLE identities (
  username TEXT COLLATE "C" PRIMARY KEY REFERENCES users(username),
  issuer TEXT COLLATE "C",
  subject TEXT COLLATE "C",
  email TEXT,
  origin TEXT NOT NULL CHECK (origin IN ('cli', 'claims')),
  created_at TEXT COLLATE "C" NOT NULL,
  linked_at TEXT COLLATE "C",
  CHECK ((issuer IS NULL) = (subject IS NULL)),
  CHECK (subject IS NOT NULL OR email IS NOT NULL)
);
CREATE UNIQUE INDEX identities_by_subject ON identities (issuer, subject) WHERE subject IS NOT NULL;
CREATE UNIQUE INDEX identities_by_email ON identities (lower(email)) WHERE subject IS NULL;
CREATE TABLE session_id_tokens (
  session_id TEXT COLLATE "C" PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,
  id_token TEXT NOT NULL
);

CREATE TABLE documents (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name TEXT COLLATE "C" NOT NULL UNIQUE
);
CREATE TABLE doc_history (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  doc BIGINT NOT NULL REFERENCES documents(id),
  at BIGINT NOT NULL,
  author TEXT COLLATE "C",
  kind TEXT NOT NULL CHECK (kind IN ('edit', 'restore', 'imported', 'carriedOver', 'legacy')),
  data BYTEA NOT NULL
);
CREATE INDEX doc_history_by_doc ON doc_history (doc, id);
CREATE TRIGGER doc_history_never_changes BEFORE UPDATE OR DELETE ON doc_history
  FOR EACH ROW EXECUTE FUNCTION samskriv_refuse_change('the history is append-only');
CREATE TRIGGER doc_history_never_truncated BEFORE TRUNCATE ON doc_history
  FOR EACH STATEMENT EXECUTE FUNCTION samskriv_refuse_change('the history is append-only');
CREATE TABLE doc_state (
  doc BIGINT PRIMARY KEY REFERENCES documents(id),
  through_id BIGINT NOT NULL,
  state BYTEA NOT NULL
);
CREATE TABLE doc_checkpoints (
  doc BIGINT NOT NULL REFERENCES documents(id),
  through_id BIGINT NOT NULL,
  state BYTEA NOT NULL,
  PRIMARY KEY (doc, through_id)
);
CREATE TRIGGER doc_checkpoints_never_change BEFORE UPDATE OR DELETE ON doc_checkpoints
  FOR EACH ROW EXECUTE FUNCTION samskriv_refuse_change('checkpoints are append-only');
CREATE TRIGGER doc_checkpoints_never_truncated BEFORE TRUNCATE ON doc_checkpoints
  FOR EACH STATEMENT EXECUTE FUNCTION samskriv_refuse_change('checkpoints are append-only');
CREATE TABLE doc_clients (
  doc BIGINT NOT NULL REFERENCES documents(id),
  client_id BIGINT NOT NULL,
  author TEXT COLLATE "C",
  carried_over BOOLEAN NOT NULL DEFAULT FALSE,
  PRIMARY KEY (doc, client_id)
);
CREATE TABLE doc_versions (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  doc BIGINT NOT NULL REFERENCES documents(id),
  kind TEXT NOT NULL CHECK (kind IN ('narrative', 'restore', 'carriedOver', 'imported')),
  author TEXT COLLATE "C",
  first_id BIGINT NOT NULL,
  last_id BIGINT NOT NULL,
  started_at BIGINT NOT NULL,
  ended_at BIGINT NOT NULL,
  updates INTEGER NOT NULL,
  restored_from BIGINT,
  carried_from TEXT COLLATE "C",
  words_added INTEGER,
  words_removed INTEGER,
  stats_through BIGINT
);
CREATE INDEX doc_versions_by_doc ON doc_versions (doc, id);
CREATE INDEX doc_versions_by_author ON doc_versions (doc, author, id);
`;

export const initial: PostgresMigration = {
  version: 1,
  name: '001_initial',
  async up(db) {
    await db.unsafe(sql);
  },
};
