/** Rows of the rounds aggregate (`plans`, `rounds`, `round_measures` with their readiness, `snapshots`), as both stores read them. */
import { z } from 'zod';
import { MinistryCodeSchema, MinistryListSchema } from '../../../shared/ministries.js';
import { ImportWarningSchema, type ImportWarning } from '../../../shared/plan.js';
import { RoundStateSchema, type Round, type RoundDetail } from '../../../shared/round.js';
import { StatusSchema } from '../../../shared/status.js';
import { SnapshotReasonSchema, type SnapshotSummary } from '../../../shared/snapshot.js';
import type { MeasureRecord, SnapshotRecord, Store } from '../types.js';
import { Flag, List } from './columns.js';

/** The fields `updateRound` changes (an absent one stays). */
export type RoundPatch = Parameters<Store['updateRound']>[1];

/** Most distinct import-warning lists kept parsed (one per round: a round's are written once, at import). */
const MAX_PARSED_WARNING_LISTS = 64;
const parsedWarnings = new Map<string, readonly Readonly<ImportWarning>[]>();

/**
 * A round's import warnings from their stored JSON, parsed once per distinct list: every read of
 * a round (each sync upgrade reads its round) would otherwise parse and check them again, about
 * 12 kB for the seed report. Each caller gets its own array of the same frozen warnings.
 */
function importWarnings(json: string): ImportWarning[] {
  let parsed = parsedWarnings.get(json);
  if (!parsed) {
    parsed = Object.freeze(z.array(ImportWarningSchema).parse(JSON.parse(json)).map((warning) => Object.freeze(warning)));
    if (parsedWarnings.size >= MAX_PARSED_WARNING_LISTS) parsedWarnings.clear();
    parsedWarnings.set(json, parsed);
  }
  return [...parsed];
}

const RoundRowSchema = z.object({
  id: z.string(),
  title: z.string(),
  deadline: z.string(),
  state: RoundStateSchema,
  frozen_at: z.string().nullable(),
  previous_round_id: z.string().nullable(),
  intro: z.string(),
  plan_title: z.string(),
  import_warnings: z.string().transform(importWarnings),
  measure_count: z.number(),
});

/** A `rounds` row with its plan's title (`plan_title`) and its number of measures (`measure_count`). */
export function toRound(row: unknown): RoundDetail {
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

/** The same row as `toRound` reads, as a round in a list. */
export function toRoundSummary(row: unknown): Round {
  const { id, title, deadline, state, frozenAt, previousRoundId } = toRound(row);
  return { id, title, deadline, state, frozenAt, previousRoundId };
}

/** Of the rows `toRound` reads, the rounds whose deadline has come by `now`. */
export function dueRounds(rows: readonly unknown[], now: string): RoundDetail[] {
  // Deadlines carry offsets, so they are compared as instants, not as strings.
  const nowMs = Date.parse(now);
  return rows.map(toRound).filter((round) => Date.parse(round.deadline) <= nowMs);
}

const MeasureRowSchema = z.object({
  round_id: z.string(),
  number: z.number(),
  title: z.string(),
  ministries: z.string().transform((json) => MinistryListSchema.parse(JSON.parse(json))),
  plan_text: z.string(),
  status: StatusSchema,
  narrative_empty: Flag,
  open_threads: z.number(),
  ready: List(MinistryCodeSchema),
  carried_over: Flag,
  updated_at: z.string(),
});

/**
 * A `round_measures` row with its plan measure's `ministries`, its number of open threads
 * (`open_threads`) and the ministries whose part is ready (`ready`, listed in the plan's order).
 */
export function toMeasure(row: unknown): MeasureRecord {
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

/** A `snapshots` row without its content. */
export function toSnapshotSummary(row: unknown): SnapshotSummary {
  const r = SnapshotRowSchema.parse(row);
  return { id: r.id, roundId: r.round_id, takenAt: r.taken_at, takenBy: r.taken_by, reason: r.reason, note: r.note, sha256: r.sha256 };
}

/** A whole `snapshots` row. */
export function toSnapshot(row: unknown): SnapshotRecord {
  return { ...toSnapshotSummary(row), contentJson: z.object({ content: z.string() }).parse(row).content };
}

const PlanRowSchema = z.object({ id: z.string(), title: z.string(), report_title: z.string() });

/** A `plans` row. */
export function toPlan(row: unknown): { id: string; title: string; reportTitle: string } {
  const r = PlanRowSchema.parse(row);
  return { id: r.id, title: r.title, reportTitle: r.report_title };
}
