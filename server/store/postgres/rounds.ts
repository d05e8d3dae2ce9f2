import type { MinistryCode } from '../../../shared/ministries.js';
import type { Round, RoundDetail } from '../../../shared/round.js';
import type { MeasureFieldsPatch } from '../../../shared/measurePatch.js';
import type { SnapshotSummary } from '../../../shared/snapshot.js';
import type { MeasureRecord, NewRoundRecord, RoundSeed, SnapshotRecord } from '../types.js';
import { dueRounds, toMeasure, toPlan, toRound, toRoundSummary, toSnapshot, toSnapshotSummary, type RoundPatch } from '../rows/rounds.js';
import type { Db } from './connection.js';
import { documents } from './documents.js';

const ROUND_SELECT = `
SELECT r.id, r.title, r.deadline, r.state, r.frozen_at, r.previous_round_id, r.intro, r.import_warnings,
  p.title AS plan_title, (SELECT COUNT(*) FROM round_measures rm WHERE rm.round_id = r.id) AS measure_count
FROM rounds r JOIN plans p ON p.id = r.plan_id`;

// Counts open threads from the threads aggregate's table: a measure's summary shows them.
const MEASURE_SELECT = `
SELECT rm.round_id, rm.number, rm.title, pm.ministries, rm.plan_text, rm.status, rm.narrative_empty, rm.updated_at,
  (SELECT COUNT(*) FROM threads t WHERE t.round_id = rm.round_id AND t.measure = rm.number AND NOT t.resolved) AS open_threads,
  ARRAY(SELECT x.ministry FROM readiness x WHERE x.round_id = rm.round_id AND x.number = rm.number) AS ready,
  rm.carried_over
FROM round_measures rm
JOIN rounds r ON r.id = rm.round_id
JOIN plan_measures pm ON pm.plan_id = r.plan_id AND pm.number = rm.number`;

/**
 * Plans and their rounds, as sqlite/rounds.ts keeps them (`plans`, `plan_measures`, `rounds`,
 * `round_measures`, `readiness`, `snapshots`). `seedRound`, `createRound`, `insertSnapshot` and
 * `updateMeasureFields` must run inside a transaction (the store gives them one).
 */
export const rounds = {
  async isEmpty(db: Db): Promise<boolean> {
    const [row] = await db<{ any: boolean }[]>`SELECT EXISTS (SELECT 1 FROM rounds) AS any`;
    return !row?.any;
  },

  async seedRound(db: Db, seed: RoundSeed): Promise<void> {
    const { plan, round } = seed;
    await db`INSERT INTO plans (id, title, report_title) VALUES (${plan.id}, ${plan.title}, ${plan.reportTitle})`;
    await db`
      INSERT INTO rounds (id, plan_id, title, deadline, state, intro, import_warnings, created_at)
      VALUES (${round.id}, ${plan.id}, ${round.title}, ${round.deadline}, 'open', ${round.intro}, ${JSON.stringify(seed.warnings)}, ${seed.createdAt})`;
    for (const m of seed.measures) {
      await db`INSERT INTO plan_measures (plan_id, number, title, ministries, plan_text) VALUES (${plan.id}, ${m.number}, ${m.title}, ${JSON.stringify(m.ministries)}, ${m.planText})`;
      await db`
        INSERT INTO round_measures (round_id, number, title, plan_text, status, narrative_empty, updated_at)
        VALUES (${round.id}, ${m.number}, ${m.title}, ${m.planText}, ${m.status}, ${m.narrativeEmpty}, ${seed.createdAt})`;
      await documents.append(db, m.docName, m.initialUpdate, { kind: 'imported', author: null, at: seed.createdAt, clients: m.clients });
    }
  },

  async listRounds(db: Db): Promise<Round[]> {
    return (await db`${db.unsafe(ROUND_SELECT)} ORDER BY r.deadline DESC, r.id`).map(toRoundSummary);
  },

  async getRound(db: Db, roundId: string): Promise<RoundDetail | null> {
    const [row] = await db`${db.unsafe(ROUND_SELECT)} WHERE r.id = ${roundId}`;
    return row === undefined ? null : toRound(row);
  },

  async planOf(db: Db, roundId: string): Promise<{ id: string; title: string; reportTitle: string } | null> {
    const [row] = await db`SELECT p.id, p.title, p.report_title FROM plans p JOIN rounds r ON r.plan_id = p.id WHERE r.id = ${roundId}`;
    return row === undefined ? null : toPlan(row);
  },

  async latestRound(db: Db): Promise<RoundDetail | null> {
    const [row] = await db`${db.unsafe(ROUND_SELECT)} ORDER BY r.created_at DESC, r.seq DESC LIMIT 1`;
    return row === undefined ? null : toRound(row);
  },

  async createRound(db: Db, round: NewRoundRecord): Promise<void> {
    const [previous] = await db<{ plan_id: string }[]>`SELECT plan_id FROM rounds WHERE id = ${round.previousRoundId}`;
    if (!previous) throw new Error(`no round ${round.previousRoundId}`);
    await db`
      INSERT INTO rounds (id, plan_id, title, deadline, state, intro, import_warnings, created_at, previous_round_id)
      VALUES (${round.id}, ${previous.plan_id}, ${round.title}, ${round.deadline}, 'open', ${round.intro}, '[]', ${round.createdAt}, ${round.previousRoundId})`;
    for (const m of round.measures) {
      await db`
        INSERT INTO round_measures (round_id, number, title, plan_text, status, narrative_empty, updated_at, carried_over)
        VALUES (${round.id}, ${m.number}, ${m.title}, ${m.planText}, ${m.status}, ${m.narrativeEmpty}, ${round.createdAt}, TRUE)`;
      await documents.append(db, m.docName, m.initialUpdate, {
        kind: 'carriedOver',
        author: round.createdBy,
        at: round.createdAt,
        clients: [],
        carried: { from: m.carriedFrom, claims: m.claims },
      });
    }
  },

  async updateRound(db: Db, roundId: string, patch: RoundPatch): Promise<RoundDetail | null> {
    const result = await db`
      UPDATE rounds SET title = COALESCE(${patch.title ?? null}, title), deadline = COALESCE(${patch.deadline ?? null}, deadline),
        intro = COALESCE(${patch.intro ?? null}, intro)
      WHERE id = ${roundId}`;
    return result.count === 0 ? null : rounds.getRound(db, roundId);
  },

  async reopenRound(db: Db, roundId: string): Promise<void> {
    await db`UPDATE rounds SET state = 'open' WHERE id = ${roundId}`;
  },

  async dueRounds(db: Db, now: string): Promise<RoundDetail[]> {
    const rows = await db`${db.unsafe(ROUND_SELECT)} WHERE r.state = 'open' AND (r.deadline_handled IS NULL OR r.deadline_handled <> r.deadline)`;
    return dueRounds(rows, now);
  },

  async markUpdated(db: Db, roundId: string, number: number): Promise<boolean> {
    const result = await db`UPDATE round_measures SET carried_over = FALSE WHERE round_id = ${roundId} AND number = ${number} AND carried_over`;
    return result.count > 0;
  },

  async setReady(db: Db, roundId: string, number: number, ministry: MinistryCode, ready: boolean, by: string, at: string): Promise<void> {
    if (ready) {
      await db`
        INSERT INTO readiness (round_id, number, ministry, ready_by, ready_at) VALUES (${roundId}, ${number}, ${ministry}, ${by}, ${at})
        ON CONFLICT DO NOTHING`;
    } else {
      await db`DELETE FROM readiness WHERE round_id = ${roundId} AND number = ${number} AND ministry = ${ministry}`;
    }
  },

  async insertSnapshot(db: Db, snapshot: SnapshotRecord, freezeFor: string | null): Promise<void> {
    await db`
      INSERT INTO snapshots (id, round_id, taken_at, taken_by, reason, note, sha256, content)
      VALUES (${snapshot.id}, ${snapshot.roundId}, ${snapshot.takenAt}, ${snapshot.takenBy === null ? null : JSON.stringify(snapshot.takenBy)},
        ${snapshot.reason}, ${snapshot.note}, ${snapshot.sha256}, ${snapshot.contentJson})`;
    if (freezeFor !== null) {
      await db`UPDATE rounds SET state = 'frozen', frozen_at = ${snapshot.takenAt}, deadline_handled = ${freezeFor} WHERE id = ${snapshot.roundId}`;
    }
  },

  async listSnapshots(db: Db, roundId: string): Promise<SnapshotSummary[]> {
    const rows = await db`SELECT id, round_id, taken_at, taken_by, reason, note, sha256 FROM snapshots WHERE round_id = ${roundId} ORDER BY taken_at, seq`;
    return rows.map((row) => toSnapshotSummary(row));
  },

  async getSnapshot(db: Db, id: string): Promise<SnapshotRecord | null> {
    const [row] = await db`SELECT * FROM snapshots WHERE id = ${id}`;
    return row === undefined ? null : toSnapshot(row);
  },

  async listMeasures(db: Db, roundId: string): Promise<MeasureRecord[]> {
    const rows = await db`${db.unsafe(MEASURE_SELECT)} WHERE rm.round_id = ${roundId} ORDER BY rm.number`;
    return rows.map(toMeasure);
  },

  async getMeasure(db: Db, roundId: string, number: number): Promise<MeasureRecord | null> {
    const [row] = await db`${db.unsafe(MEASURE_SELECT)} WHERE rm.round_id = ${roundId} AND rm.number = ${number}`;
    return row === undefined ? null : toMeasure(row);
  },

  async updateMeasureFields(db: Db, roundId: string, number: number, patch: MeasureFieldsPatch, at: string): Promise<MeasureRecord | null> {
    const result = await db`
      UPDATE round_measures SET status = COALESCE(${patch.status ?? null}, status), title = COALESCE(${patch.title ?? null}, title),
        plan_text = COALESCE(${patch.planText ?? null}, plan_text), updated_at = ${at}, carried_over = FALSE
      WHERE round_id = ${roundId} AND number = ${number}`;
    return result.count === 0 ? null : rounds.getMeasure(db, roundId, number);
  },

  async setNarrativeEmpty(db: Db, roundId: string, number: number, empty: boolean): Promise<boolean> {
    const result = await db`UPDATE round_measures SET narrative_empty = ${empty} WHERE round_id = ${roundId} AND number = ${number} AND narrative_empty <> ${empty}`;
    return result.count > 0;
  },
};
