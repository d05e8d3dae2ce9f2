import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE, SqliteStore } from '../../server/store/sqliteStore.js';
import { migrate, schemaVersion, type Migration } from '../../server/store/sqlite/migrate.js';
import { MIGRATIONS } from '../../server/store/sqlite/migrations/index.js';

/**
 * The database of release 6533547 (the last before versioned migrations), written by that
 * release's own server through its API and sync socket: see tests/fixtures/makeReleaseDump.ts.
 */
const RELEASE_DUMP = join(import.meta.dirname, '../fixtures/release-6533547.sql');
const LATEST = MIGRATIONS.length;

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'samskriv-migrations-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function withDatabase<T>(dir: string, use: (db: Database.Database) => T): T {
  const db = new Database(join(dir, DATABASE_FILE));
  try {
    return use(db);
  } finally {
    db.close();
  }
}

function tableNames(db: Database.Database): string[] {
  return (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((t) => t.name);
}

/** Every row of every table (sqlite_sequence too), in rowid order (a table without rowids in its key's). */
function everyRow(db: Database.Database): Record<string, unknown[]> {
  const withoutRowid = (table: string): boolean =>
    /WITHOUT ROWID\s*$/i.test((db.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) as { sql: string | null }).sql ?? '');
  return Object.fromEntries(
    tableNames(db).map((table) => [table, db.prepare(`SELECT * FROM "${table}"${withoutRowid(table) ? '' : ' ORDER BY rowid'}`).all()]),
  );
}

/** The schema as SQLite understands it: columns, keys, indexes and triggers of every table. */
function schemaOf(db: Database.Database): unknown {
  return {
    tables: Object.fromEntries(
      tableNames(db).map((table) => [
        table,
        {
          columns: db.pragma(`table_info("${table}")`),
          foreignKeys: db.pragma(`foreign_key_list("${table}")`),
          indexes: (db.pragma(`index_list("${table}")`) as { name: string }[])
            .sort((a, b) => a.name.localeCompare(b.name))
            .map((index) => ({ ...index, columns: db.pragma(`index_info("${index.name}")`) })),
        },
      ]),
    ),
    triggers: db.prepare("SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name").all(),
  };
}

/**
 * The round measures as migration 002 leaves them: each with the title and plan text of its
 * plan's measure, copied.
 */
function withPlanTexts(rows: Record<string, unknown[]>): unknown[] {
  const rounds = rows.rounds as { id: string; plan_id: string }[];
  const planMeasures = rows.plan_measures as { plan_id: string; number: number; title: string; plan_text: string }[];
  return (rows.round_measures as { round_id: string; number: number }[]).map((row) => {
    const planId = rounds.find((r) => r.id === row.round_id)?.plan_id;
    const plan = planMeasures.find((m) => m.plan_id === planId && m.number === row.number);
    return { ...row, title: plan?.title, plan_text: plan?.plan_text };
  });
}

/** A data directory as release 6533547 left it. */
function releaseDirectory(): string {
  const dir = tempDir();
  withDatabase(dir, (db) => db.exec(readFileSync(RELEASE_DUMP, 'utf8')));
  return dir;
}

describe('a data directory made by release 6533547', () => {
  let dir: string;
  let before: Record<string, unknown[]>;

  beforeAll(() => {
    dir = releaseDirectory();
    before = withDatabase(dir, (db) => {
      expect(schemaVersion(db)).toBe(0);
      return everyRow(db);
    });
    new SqliteStore(dir).close();
  });

  it('opens at the latest version with every row as it was; round measures get the plan’s title and text (002), accounts no e-mail and nobody notifications (003), an empty audit log (004), no identities (005), the update log moved into the history (006), no sign-ins in progress (007)', () => {
    // The release wrote a bit of everything: make sure the fixture says so.
    expect(Object.fromEntries(Object.entries(before).map(([table, rows]) => [table, rows.length > 0]))).toEqual({
      comments: true,
      doc_updates: true,
      plan_measures: true,
      plans: true,
      readiness: true,
      round_measures: true,
      rounds: true,
      sessions: true,
      snapshots: true,
      sqlite_sequence: true,
      threads: true,
      users: true,
    });
    withDatabase(dir, (db) => {
      expect(schemaVersion(db)).toBe(LATEST);
      const { doc_updates: updates, sqlite_sequence: sequence, ...kept } = before as Record<string, unknown[]> & {
        doc_updates: { id: number; doc_name: string; data: Buffer }[];
        sqlite_sequence: { name: string }[];
        rounds: { id: string; created_at: string }[];
      };
      const names = [...new Set(updates.map((u) => u.doc_name))];
      const rows = everyRow(db);
      const moved = (rows.doc_history as { at: number }[])[0]?.at ?? 0;
      expect(rows).toEqual({
        ...kept,
        sqlite_sequence: sequence.filter((row) => row.name !== 'doc_updates'),
        round_measures: withPlanTexts(before),
        users: (before.users as object[]).map((row) => ({ ...row, email: null })),
        notifications: [],
        notification_settings: [],
        deadline_reminders: [],
        mail_digests: [],
        audit_log: [],
        identities: [],
        session_id_tokens: [],
        pending_sign_ins: [],
        documents: names.map((name, i) => ({ id: i + 1, name })),
        // Every update, its id kept, without an author; one version per document, from its round's creation to the move.
        doc_history: updates.map((u) => ({ id: u.id, doc: names.indexOf(u.doc_name) + 1, at: moved, author: null, kind: 'legacy', data: u.data })),
        doc_state: [],
        doc_checkpoints: [],
        doc_clients: [],
        doc_versions: names.map((name, i) => {
          const own = updates.filter((u) => u.doc_name === name);
          const round = kept.rounds.find((r) => r.id === name.slice(0, name.lastIndexOf('.')));
          return {
            id: i + 1,
            doc: i + 1,
            kind: 'narrative',
            author: null,
            first_id: own[0]!.id,
            last_id: own.at(-1)!.id,
            started_at: Date.parse(round!.created_at),
            ended_at: moved,
            updates: own.length,
            restored_from: null,
            carried_from: null,
            words_added: null,
            words_removed: null,
            stats_through: null,
          };
        }),
      });
      expect(moved).toBeGreaterThan(Date.parse('2026-01-01T00:00:00Z'));
    });
  });

  it('has the very schema a fresh directory gets', () => {
    const fresh = tempDir();
    new SqliteStore(fresh).close();
    expect(withDatabase(dir, schemaOf)).toEqual(withDatabase(fresh, schemaOf));
  });

  it('reads back through the store as the release stored it', async () => {
    const rows = before as {
      rounds: { id: string; state: string; frozen_at: string | null; previous_round_id: string | null }[];
      round_measures: { round_id: string; number: number; status: string; carried_over: number }[];
      doc_updates: { doc_name: string; data: Buffer }[];
      snapshots: { id: string; round_id: string; sha256: string; content: string }[];
      users: { username: string; password_hash: string; demo: number }[];
      sessions: { id: string; username: string; created_at: string }[];
      threads: { id: string; round_id: string }[];
      comments: { id: string; thread_id: string; body: string; edited_at: string | null }[];
    };
    const store = new SqliteStore(dir);
    try {
      const rounds = await store.listRounds();
      expect(rounds.map((r) => [r.id, r.state, r.frozenAt, r.previousRoundId]).sort()).toEqual(
        rows.rounds.map((r) => [r.id, r.state, r.frozen_at, r.previous_round_id]).sort(),
      );
      expect(rounds.some((r) => r.state === 'frozen') && rounds.some((r) => r.previousRoundId !== null)).toBe(true);
      for (const round of rounds) {
        const measures = await store.listMeasures(round.id);
        const plans = rows as unknown as { plan_measures: { number: number; title: string; plan_text: string }[] };
        for (const m of measures) {
          const plan = plans.plan_measures.find((p) => p.number === m.number);
          expect([m.title, m.planText]).toEqual([plan?.title, plan?.plan_text]);
        }
        expect(measures.map((m) => [m.number, m.status, m.carriedOver])).toEqual(
          rows.round_measures
            .filter((m) => m.round_id === round.id)
            .sort((a, b) => a.number - b.number)
            .map((m) => [m.number, m.status, m.carried_over === 1]),
        );
      }
      for (const docName of new Set(rows.doc_updates.map((u) => u.doc_name))) {
        const stored = rows.doc_updates.filter((u) => u.doc_name === docName).map((u) => Array.from(u.data));
        expect((await store.loadDocument(docName)).updates.map((u) => Array.from(u))).toEqual(stored);
        // Its history reads back the same updates, and its one version spans them.
        const [version] = await store.listVersions(docName);
        const history = await store.readHistory(docName, version!.lastId + 1, version!.lastId);
        expect(history.updates.map((u) => Array.from(u.data))).toEqual(stored);
        expect(history.updates.every((u) => u.kind === 'legacy' && u.author === null)).toBe(true);
      }
      for (const row of rows.snapshots) {
        const snapshot = await store.getSnapshot(row.id);
        expect(snapshot?.contentJson).toBe(row.content);
        expect(createHash('sha256').update(snapshot!.contentJson).digest('hex')).toBe(row.sha256);
      }
      for (const row of rows.users) {
        expect(await store.getUser(row.username)).toMatchObject({ passwordHash: row.password_hash, demo: row.demo === 1 });
      }
      for (const row of rows.sessions) {
        expect((await store.getSession(row.id, row.created_at))?.user.username).toBe(row.username);
      }
      const threads = (await Promise.all([...new Set(rows.threads.map((t) => t.round_id))].map((id) => store.listThreads(id)))).flat();
      expect(threads.map((t) => t.id).sort()).toEqual(rows.threads.map((t) => t.id).sort());
      expect(threads.flatMap((t) => t.comments.map((c) => [c.id, c.body, c.editedAt])).sort()).toEqual(
        rows.comments.map((c) => [c.id, c.body, c.edited_at]).sort(),
      );
      expect(threads.some((t) => t.anchor !== null && t.resolved)).toBe(true);
    } finally {
      store.close();
    }
  });

  it('goes on working: new writes land, snapshots still refuse to change', async () => {
    const store = new SqliteStore(dir);
    try {
      const round = await store.latestRound();
      const { id } = await store.appendUpdate(`${round!.id}.1`, new Uint8Array([0]), { kind: 'edit', author: 'jd', at: new Date().toISOString(), clients: [] });
      expect(id).toBeGreaterThan(Math.max(...(before.doc_updates as { id: number }[]).map((u) => u.id)));
    } finally {
      store.close();
    }
    withDatabase(dir, (db) => {
      expect(() => db.prepare("UPDATE snapshots SET note = 'x'").run()).toThrow(/immutable/);
      expect(() => db.prepare('DELETE FROM snapshots').run()).toThrow(/immutable/);
      expect(() => db.prepare('DELETE FROM doc_history').run()).toThrow(/append-only/);
    });
  });
});

describe('versioned migrations', () => {
  it('a fresh directory gets every migration, snapshots immutable', () => {
    const dir = tempDir();
    new SqliteStore(dir).close();
    withDatabase(dir, (db) => {
      expect(schemaVersion(db)).toBe(LATEST);
      expect(tableNames(db)).toEqual([
        'audit_log',
        'comments',
        'deadline_reminders',
        'doc_checkpoints',
        'doc_clients',
        'doc_history',
        'doc_state',
        'doc_versions',
        'documents',
        'identities',
        'mail_digests',
        'notification_settings',
        'notifications',
        'pending_sign_ins',
        'plan_measures',
        'plans',
        'readiness',
        'round_measures',
        'rounds',
        'session_id_tokens',
        'sessions',
        'snapshots',
        'sqlite_sequence',
        'threads',
        'users',
      ]);
      db.exec(`INSERT INTO plans VALUES ('p', 'P', 'R');
        INSERT INTO rounds (id, plan_id, title, deadline, state, intro, import_warnings, created_at) VALUES ('r', 'p', 'R', 'd', 'open', '', '[]', 'c');
        INSERT INTO snapshots VALUES ('s', 'r', 't', NULL, 'manual', NULL, 'h', '{}');`);
      expect(() => db.prepare("UPDATE snapshots SET content = '[]'").run()).toThrow(/immutable/);
      expect(() => db.prepare('DELETE FROM snapshots').run()).toThrow(/immutable/);
    });
  });

  it('a database newer than the code refuses to open, and stays as it was', () => {
    const dir = tempDir();
    new SqliteStore(dir).close();
    withDatabase(dir, (db) => db.pragma(`user_version = ${LATEST + 1}`));
    expect(() => new SqliteStore(dir)).toThrow(
      new RegExp(`schema version ${LATEST + 1}, but this release knows versions up to ${LATEST} only: it was written by a newer release`),
    );
    withDatabase(dir, (db) => expect(schemaVersion(db)).toBe(LATEST + 1));
  });

  it('a database from before the columns added at open (release b3e837b) gets them, rows kept', async () => {
    const dir = tempDir();
    // The first release's tables, as it created them.
    withDatabase(dir, (db) =>
      db.exec(`
        CREATE TABLE plans (id TEXT PRIMARY KEY, title TEXT NOT NULL, report_title TEXT NOT NULL);
        CREATE TABLE plan_measures (plan_id TEXT NOT NULL REFERENCES plans(id), number INTEGER NOT NULL, title TEXT NOT NULL,
          ministries TEXT NOT NULL, plan_text TEXT NOT NULL, PRIMARY KEY (plan_id, number));
        CREATE TABLE rounds (id TEXT PRIMARY KEY, plan_id TEXT NOT NULL REFERENCES plans(id), title TEXT NOT NULL,
          deadline TEXT NOT NULL, state TEXT NOT NULL, intro TEXT NOT NULL, import_warnings TEXT NOT NULL, created_at TEXT NOT NULL);
        CREATE TABLE round_measures (round_id TEXT NOT NULL REFERENCES rounds(id), number INTEGER NOT NULL, status TEXT NOT NULL,
          narrative_empty INTEGER NOT NULL, updated_at TEXT NOT NULL, PRIMARY KEY (round_id, number));
        CREATE TABLE doc_updates (id INTEGER PRIMARY KEY AUTOINCREMENT, doc_name TEXT NOT NULL, data BLOB NOT NULL);
        CREATE INDEX doc_updates_by_doc ON doc_updates (doc_name, id);
        INSERT INTO plans VALUES ('plan', 'Planen', 'Rapporten');
        INSERT INTO plan_measures VALUES ('plan', 1, 'Tiltak', '["JD"]', 'Tekst');
        INSERT INTO rounds VALUES ('r1', 'plan', 'Runde', '2012-02-15T12:00:00+01:00', 'open', '', '[]', '2012-01-01T00:00:00.000Z');
        INSERT INTO round_measures VALUES ('r1', 1, 'Løpende', 0, '2012-01-01T00:00:00.000Z');
        INSERT INTO doc_updates (doc_name, data) VALUES ('r1.1', X'0102');`),
    );
    const store = new SqliteStore(dir);
    try {
      expect(await store.getRound('r1')).toMatchObject({ state: 'open', frozenAt: null, previousRoundId: null, measureCount: 1 });
      expect(await store.getMeasure('r1', 1)).toMatchObject({ title: 'Tiltak', planText: 'Tekst', status: 'Løpende', carriedOver: false, openThreads: 0, ready: [] });
      expect((await store.loadDocument('r1.1')).updates.map((u) => Array.from(u))).toEqual([[1, 2]]);
      expect(await store.countUsers()).toBe(0);
    } finally {
      store.close();
    }
    const fresh = tempDir();
    new SqliteStore(fresh).close();
    expect(withDatabase(dir, schemaOf)).toEqual(withDatabase(fresh, schemaOf));
  });

  it('applies migrations in order, each in its own transaction with its version', () => {
    const db = new Database(':memory:');
    try {
      const step = (version: number, sql: string): Migration => ({ version, name: `00${version}`, up: (d) => d.exec(sql) });
      const steps = [step(1, 'CREATE TABLE a (x INTEGER)'), step(2, 'ALTER TABLE a ADD COLUMN y TEXT')];
      migrate(db, steps, 'test.sqlite');
      expect(schemaVersion(db)).toBe(2);
      // Run again: nothing to do.
      migrate(db, steps, 'test.sqlite');
      const failing: Migration = {
        version: 3,
        name: '003_broken',
        up(d) {
          d.exec('CREATE TABLE b (z INTEGER); INSERT INTO a (x) VALUES (1)');
          throw new Error('broken step');
        },
      };
      expect(() => migrate(db, [...steps, failing], 'test.sqlite')).toThrow('broken step');
      expect(schemaVersion(db)).toBe(2);
      expect(db.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'b'").get()).toEqual({ n: 0 });
      expect(db.prepare('SELECT COUNT(*) AS n FROM a').get()).toEqual({ n: 0 });
      expect(() => migrate(db, [steps[1]!, steps[0]!], 'test.sqlite')).toThrow(/numbered 2, expected 1/);
    } finally {
      db.close();
    }
  });
});
