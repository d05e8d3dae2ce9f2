import type Database from 'better-sqlite3';
import type { MinistryCode } from '../../../shared/ministries.js';
import type { Round, RoundDetail } from '../../../shared/round.js';
import type { MeasureFieldsPatch } from '../../../shared/measurePatch.js';
import type { SnapshotSummary } from '../../../shared/snapshot.js';
import type { MeasureRecord, NewRoundRecord, RoundSeed, SnapshotRecord } from '../types.js';
import { dueRounds, toMeasure, toPlan, toRound, toRoundSummary, toSnapshot, toSnapshotSummary, type RoundPatch } from '../rows/rounds.js';
import type { SqliteDocuments } from './documents.js';

const ROUND_SELECT = `
SELECT r.id, r.title, r.deadline, r.state, r.frozen_at, r.previous_round_id, r.intro, r.import_warnings,
  p.title AS plan_title, (SELECT COUNT(*) FROM round_measures rm WHERE rm.round_id = r.id) AS measure_count
FROM rounds r JOIN plans p ON p.id = r.plan_id`;

// Counts open threads from the threads aggregate's table: a measure's summary shows them.
const MEASURE_SELECT = `
SELECT rm.round_id, rm.number, rm.title, pm.ministries, rm.plan_text, rm.status, rm.narrative_empty, rm.updated_at,
  (SELECT COUNT(*) FROM threads t WHERE t.round_id = rm.round_id AND t.measure = rm.number AND t.resolved = 0) AS open_threads,
  (SELECT json_group_array(ministry) FROM readiness x WHERE x.round_id = rm.round_id AND x.number = rm.number) AS ready,
  rm.carried_over
FROM round_measures rm
JOIN rounds r ON r.id = rm.round_id
JOIN plan_measures pm ON pm.plan_id = r.plan_id AND pm.number = rm.number`;

/**
 * Plans and their rounds: a round's measures (ministries from the plan; title, plan text and
 * fields per round), their readiness and the round's snapshots
 * (`plans`, `plan_measures`, `rounds`, `round_measures`, `readiness`, `snapshots`). A new round's
 * narrative documents get their first state through the documents aggregate, in the same transaction.
 */
export class SqliteRounds {
  private readonly countRounds;
  private readonly insertPlan;
  private readonly insertPlanMeasure;
  private readonly insertRound;
  private readonly insertRoundMeasure;
  private readonly insertFollowingRound;
  private readonly insertCarriedMeasure;
  private readonly selectPlanId;
  private readonly selectRounds;
  private readonly selectRound;
  private readonly selectLatestRound;
  private readonly selectOpenUnhandledRounds;
  private readonly selectPlanOf;
  private readonly updateRoundFields;
  private readonly setOpen;
  private readonly clearCarriedOver;
  private readonly insertReadiness;
  private readonly deleteReadiness;
  private readonly insertSnapshotRow;
  private readonly freeze;
  private readonly selectSnapshots;
  private readonly selectSnapshot;
  private readonly selectMeasures;
  private readonly selectMeasure;
  private readonly updateMeasure;
  private readonly updateNarrativeEmpty;
  private readonly seedTransaction;
  private readonly createTransaction;
  private readonly snapshotTransaction;
  private readonly updateMeasureTransaction;

  constructor(
    db: Database.Database,
    private readonly documents: SqliteDocuments,
  ) {
    this.countRounds = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM rounds');
    this.insertPlan = db.prepare<[string, string, string]>('INSERT INTO plans (id, title, report_title) VALUES (?, ?, ?)');
    this.insertPlanMeasure = db.prepare<[string, number, string, string, string]>(
      'INSERT INTO plan_measures (plan_id, number, title, ministries, plan_text) VALUES (?, ?, ?, ?, ?)',
    );
    this.insertRound = db.prepare<[string, string, string, string, string, string, string, string]>(
      `INSERT INTO rounds (id, plan_id, title, deadline, state, intro, import_warnings, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.insertRoundMeasure = db.prepare<[string, number, string, string, string, number, string]>(
      'INSERT INTO round_measures (round_id, number, title, plan_text, status, narrative_empty, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.insertFollowingRound = db.prepare<[string, string, string, string, string, string, string]>(
      `INSERT INTO rounds (id, plan_id, title, deadline, state, intro, import_warnings, created_at, previous_round_id)
       VALUES (?, ?, ?, ?, 'open', ?, '[]', ?, ?)`,
    );
    this.insertCarriedMeasure = db.prepare<[string, number, string, string, string, number, string]>(
      `INSERT INTO round_measures (round_id, number, title, plan_text, status, narrative_empty, updated_at, carried_over)
       VALUES (?, ?, ?, ?, ?, ?, ?, 1)`,
    );
    this.selectPlanId = db.prepare<[string], { plan_id: string }>('SELECT plan_id FROM rounds WHERE id = ?');
    this.selectRounds = db.prepare<[]>(`${ROUND_SELECT} ORDER BY r.deadline DESC, r.id`);
    this.selectRound = db.prepare<[string]>(`${ROUND_SELECT} WHERE r.id = ?`);
    this.selectLatestRound = db.prepare<[]>(`${ROUND_SELECT} ORDER BY r.created_at DESC, r.rowid DESC LIMIT 1`);
    this.selectOpenUnhandledRounds = db.prepare<[]>(
      `${ROUND_SELECT} WHERE r.state = 'open' AND (r.deadline_handled IS NULL OR r.deadline_handled <> r.deadline)`,
    );
    this.selectPlanOf = db.prepare<[string]>('SELECT p.id, p.title, p.report_title FROM plans p JOIN rounds r ON r.plan_id = p.id WHERE r.id = ?');
    this.updateRoundFields = db.prepare<[string | null, string | null, string | null, string]>(
      'UPDATE rounds SET title = COALESCE(?, title), deadline = COALESCE(?, deadline), intro = COALESCE(?, intro) WHERE id = ?',
    );
    this.setOpen = db.prepare<[string]>("UPDATE rounds SET state = 'open' WHERE id = ?");
    this.clearCarriedOver = db.prepare<[string, number]>(
      'UPDATE round_measures SET carried_over = 0 WHERE round_id = ? AND number = ? AND carried_over = 1',
    );
    this.insertReadiness = db.prepare<[string, number, string, string, string]>(
      'INSERT OR IGNORE INTO readiness (round_id, number, ministry, ready_by, ready_at) VALUES (?, ?, ?, ?, ?)',
    );
    this.deleteReadiness = db.prepare<[string, number, string]>('DELETE FROM readiness WHERE round_id = ? AND number = ? AND ministry = ?');
    this.insertSnapshotRow = db.prepare<[string, string, string, string | null, string, string | null, string, string]>(
      `INSERT INTO snapshots (id, round_id, taken_at, taken_by, reason, note, sha256, content)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.freeze = db.prepare<[string, string, string]>("UPDATE rounds SET state = 'frozen', frozen_at = ?, deadline_handled = ? WHERE id = ?");
    this.selectSnapshots = db.prepare<[string]>(
      'SELECT id, round_id, taken_at, taken_by, reason, note, sha256 FROM snapshots WHERE round_id = ? ORDER BY taken_at, rowid',
    );
    this.selectSnapshot = db.prepare<[string]>('SELECT * FROM snapshots WHERE id = ?');
    this.selectMeasures = db.prepare<[string]>(`${MEASURE_SELECT} WHERE rm.round_id = ? ORDER BY rm.number`);
    this.selectMeasure = db.prepare<[string, number]>(`${MEASURE_SELECT} WHERE rm.round_id = ? AND rm.number = ?`);
    this.updateMeasure = db.prepare<[string | null, string | null, string | null, string, string, number]>(
      `UPDATE round_measures SET status = COALESCE(?, status), title = COALESCE(?, title), plan_text = COALESCE(?, plan_text),
         updated_at = ?, carried_over = 0 WHERE round_id = ? AND number = ?`,
    );
    this.updateNarrativeEmpty = db.prepare<[number, string, number, number]>(
      'UPDATE round_measures SET narrative_empty = ? WHERE round_id = ? AND number = ? AND narrative_empty <> ?',
    );

    this.seedTransaction = db.transaction((seed: RoundSeed) => {
      const { plan, round } = seed;
      this.insertPlan.run(plan.id, plan.title, plan.reportTitle);
      this.insertRound.run(round.id, plan.id, round.title, round.deadline, 'open', round.intro, JSON.stringify(seed.warnings), seed.createdAt);
      for (const m of seed.measures) {
        this.insertPlanMeasure.run(plan.id, m.number, m.title, JSON.stringify(m.ministries), m.planText);
        this.insertRoundMeasure.run(round.id, m.number, m.title, m.planText, m.status, m.narrativeEmpty ? 1 : 0, seed.createdAt);
        this.documents.append(m.docName, m.initialUpdate, { kind: 'imported', author: null, at: seed.createdAt, clients: m.clients });
      }
    });
    this.createTransaction = db.transaction((round: NewRoundRecord) => {
      const previous = this.selectPlanId.get(round.previousRoundId);
      if (!previous) throw new Error(`no round ${round.previousRoundId}`);
      this.insertFollowingRound.run(round.id, previous.plan_id, round.title, round.deadline, round.intro, round.createdAt, round.previousRoundId);
      for (const m of round.measures) {
        this.insertCarriedMeasure.run(round.id, m.number, m.title, m.planText, m.status, m.narrativeEmpty ? 1 : 0, round.createdAt);
        this.documents.append(m.docName, m.initialUpdate, {
          kind: 'carriedOver',
          author: round.createdBy,
          at: round.createdAt,
          clients: [],
          carried: { from: m.carriedFrom, claims: m.claims },
        });
      }
    });
    this.snapshotTransaction = db.transaction((snapshot: SnapshotRecord, freezeFor: string | null) => {
      this.insertSnapshotRow.run(
        snapshot.id,
        snapshot.roundId,
        snapshot.takenAt,
        snapshot.takenBy === null ? null : JSON.stringify(snapshot.takenBy),
        snapshot.reason,
        snapshot.note,
        snapshot.sha256,
        snapshot.contentJson,
      );
      if (freezeFor !== null) this.freeze.run(snapshot.takenAt, freezeFor, snapshot.roundId);
    });
    this.updateMeasureTransaction = db.transaction(
      (roundId: string, number: number, patch: MeasureFieldsPatch, at: string): MeasureRecord | null => {
        const result = this.updateMeasure.run(patch.status ?? null, patch.title ?? null, patch.planText ?? null, at, roundId, number);
        return result.changes === 0 ? null : this.getMeasure(roundId, number);
      },
    );
  }

  isEmpty(): boolean {
    return (this.countRounds.get()?.n ?? 0) === 0;
  }

  seedRound(seed: RoundSeed): void {
    this.seedTransaction.immediate(seed);
  }

  listRounds(): Round[] {
    return this.selectRounds.all().map(toRoundSummary);
  }

  getRound(roundId: string): RoundDetail | null {
    const row = this.selectRound.get(roundId);
    return row === undefined ? null : toRound(row);
  }

  planOf(roundId: string): { id: string; title: string; reportTitle: string } | null {
    const row = this.selectPlanOf.get(roundId);
    return row === undefined ? null : toPlan(row);
  }

  latestRound(): RoundDetail | null {
    const row = this.selectLatestRound.get();
    return row === undefined ? null : toRound(row);
  }

  createRound(round: NewRoundRecord): void {
    this.createTransaction.immediate(round);
  }

  updateRound(roundId: string, patch: RoundPatch): RoundDetail | null {
    const result = this.updateRoundFields.run(patch.title ?? null, patch.deadline ?? null, patch.intro ?? null, roundId);
    return result.changes === 0 ? null : this.getRound(roundId);
  }

  reopenRound(roundId: string): void {
    this.setOpen.run(roundId);
  }

  dueRounds(now: string): RoundDetail[] {
    return dueRounds(this.selectOpenUnhandledRounds.all(), now);
  }

  markUpdated(roundId: string, number: number): boolean {
    return this.clearCarriedOver.run(roundId, number).changes > 0;
  }

  setReady(roundId: string, number: number, ministry: MinistryCode, ready: boolean, by: string, at: string): void {
    if (ready) this.insertReadiness.run(roundId, number, ministry, by, at);
    else this.deleteReadiness.run(roundId, number, ministry);
  }

  insertSnapshot(snapshot: SnapshotRecord, freezeFor: string | null): void {
    this.snapshotTransaction.immediate(snapshot, freezeFor);
  }

  listSnapshots(roundId: string): SnapshotSummary[] {
    return this.selectSnapshots.all(roundId).map((row) => toSnapshotSummary(row));
  }

  getSnapshot(id: string): SnapshotRecord | null {
    const row = this.selectSnapshot.get(id);
    return row === undefined ? null : toSnapshot(row);
  }

  listMeasures(roundId: string): MeasureRecord[] {
    return this.selectMeasures.all(roundId).map(toMeasure);
  }

  getMeasure(roundId: string, number: number): MeasureRecord | null {
    const row = this.selectMeasure.get(roundId, number);
    return row === undefined ? null : toMeasure(row);
  }

  updateMeasureFields(roundId: string, number: number, patch: MeasureFieldsPatch, at: string): MeasureRecord | null {
    return this.updateMeasureTransaction.immediate(roundId, number, patch, at);
  }

  setNarrativeEmpty(roundId: string, number: number, empty: boolean): boolean {
    const flag = empty ? 1 : 0;
    return this.updateNarrativeEmpty.run(flag, roundId, number, flag).changes > 0;
  }
}
