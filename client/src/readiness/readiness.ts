import type { MeasureSummary } from '../../../shared/measureSummary.js';
import { MINISTRY_CODES, type MinistryCode } from '../../../shared/ministries.js';

/** What readiness needs of a measure: who is responsible, and who is ready. */
export type ReadinessOf = Pick<MeasureSummary, 'ministries' | 'ready'>;

/** Whether `ministry`'s part of the measure is marked ready. */
export const isReadyFor = (measure: ReadinessOf, ministry: MinistryCode): boolean => measure.ready.includes(ministry);

/** One ministry's progress over the round: its measures, how many of its parts are ready, and which are not. */
export interface MinistryProgress {
  ministry: MinistryCode;
  total: number;
  ready: number;
  /** Measures where this ministry is responsible and its part is not ready, by number. */
  missing: MeasureSummary[];
}

/** Progress per ministry, in the plan's order of ministries; ministries without measures are left out. */
export function progressByMinistry(measures: readonly MeasureSummary[]): MinistryProgress[] {
  return MINISTRY_CODES.map((ministry) => {
    const own = measures.filter((m) => m.ministries.includes(ministry));
    const missing = own.filter((m) => !isReadyFor(m, ministry));
    return { ministry, total: own.length, ready: own.length - missing.length, missing };
  }).filter((p) => p.total > 0);
}

/** The overview's readiness filter: every measure, those still missing a part, or those ready. */
export const READINESS_FILTERS = ['', 'missing', 'ready'] as const;
export type ReadinessFilter = (typeof READINESS_FILTERS)[number];

export function isReadinessFilter(value: string): value is ReadinessFilter {
  return (READINESS_FILTERS as readonly string[]).includes(value);
}

/**
 * Whether a measure passes the readiness filter. With a ministry chosen, only that ministry's
 * part counts; without one, "missing" is any responsible ministry not ready and "ready" is all ready.
 */
export function matchesReadiness(measure: MeasureSummary, filter: ReadinessFilter, ministry: MinistryCode | null): boolean {
  if (filter === '') return true;
  const parts = ministry === null ? measure.ministries : measure.ministries.filter((code) => code === ministry);
  if (parts.length === 0) return false;
  const allReady = parts.every((code) => isReadyFor(measure, code));
  return filter === 'ready' ? allReady : !allReady;
}
