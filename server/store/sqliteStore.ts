import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { MinistryListSchema } from '../../shared/ministries.js';
import { ImportWarningSchema } from '../../shared/plan.js';
import { RoundStateSchema, type Round, type RoundDetail } from '../../shared/round.js';
import { StatusSchema } from '../../shared/status.js';
import type { MeasureFieldsPatch } from '../../shared/measure.js';
import type { MeasureRecord, RoundSeed, Store, StoredDocument } from './types.js';

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
`;

const MeasureRowSchema = z.object({
  round_id: z.string(),
  number: z.number(),
  title: z.string(),
  ministries: z.string().transform((json) => MinistryListSchema.parse(JSON.parse(json))),
  plan_text: z.string(),
  status: StatusSchema,
  narrative_empty: z.number().transform((n) => n !== 0),
  updated_at: z.string(),
});

const RoundRowSchema = z.object({
  id: z.string(),
  title: z.string(),
  deadline: z.string(),
  state: RoundStateSchema,
  intro: z.string(),
  plan_title: z.string(),
  import_warnings: z.string().transform((json) => z.array(ImportWarningSchema).parse(JSON.parse(json))),
  measure_count: z.number(),
});

const MEASURE_SELECT = `
SELECT rm.round_id, rm.number, pm.title, pm.ministries, pm.plan_text, rm.status, rm.narrative_empty, rm.updated_at
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
    updatedAt: r.updated_at,
  };
}

/**
 * The embedded store: one SQLite file in WAL mode. Every write is a committed transaction
 * before its promise resolves; with synchronous=NORMAL a killed process loses nothing committed.
 */
export class SqliteStore implements Store {
  private readonly db: Database.Database;

  constructor(dataDir: string) {
    mkdirSync(dataDir, { recursive: true });
    this.db = new Database(join(dataDir, DATABASE_FILE));
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
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
      insertRound.run(round.id, plan.id, round.title, round.deadline, round.state, round.intro, JSON.stringify(seed.warnings), seed.createdAt);
      for (const m of seed.measures) {
        insertPlanMeasure.run(plan.id, m.number, m.title, JSON.stringify(m.ministries), m.planText);
        insertRoundMeasure.run(round.id, m.number, m.status, m.narrativeEmpty ? 1 : 0, seed.createdAt);
        insertUpdate.run(m.docName, Buffer.from(m.initialUpdate));
      }
    });
    seedAll();
  }

  async listRounds(): Promise<Round[]> {
    const rows = this.db.prepare('SELECT id, title, deadline, state FROM rounds ORDER BY deadline DESC, id').all();
    return rows.map((row) => {
      const r = z.object({ id: z.string(), title: z.string(), deadline: z.string(), state: RoundStateSchema }).parse(row);
      return { id: r.id, title: r.title, deadline: r.deadline, state: r.state };
    });
  }

  async getRound(roundId: string): Promise<RoundDetail | null> {
    const row = this.db
      .prepare(
        `SELECT r.id, r.title, r.deadline, r.state, r.intro, r.import_warnings, p.title AS plan_title,
           (SELECT COUNT(*) FROM round_measures rm WHERE rm.round_id = r.id) AS measure_count
         FROM rounds r JOIN plans p ON p.id = r.plan_id WHERE r.id = ?`,
      )
      .get(roundId);
    if (row === undefined) return null;
    const r = RoundRowSchema.parse(row);
    return {
      id: r.id,
      title: r.title,
      deadline: r.deadline,
      state: r.state,
      planTitle: r.plan_title,
      intro: r.intro,
      measureCount: r.measure_count,
      importWarnings: r.import_warnings,
    };
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
        .prepare('UPDATE round_measures SET status = COALESCE(?, status), updated_at = ? WHERE round_id = ? AND number = ?')
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

  close(): void {
    this.db.close();
  }
}
