import { actorOf, type SessionUser } from '../../../../shared/auth.js';
import type { MeasureSummary } from '../../../../shared/measureSummary.js';
import { MinistryCodeSchema, type MinistryCode } from '../../../../shared/ministries.js';
import { can } from '../../../../shared/permissions.js';
import { StatusSchema } from '../../../../shared/status.js';
import { isReadyFor, matchesReadiness, type ReadinessFilter } from '../../readiness/readiness.js';

/** The overview's filters, as chosen ('' for "all"). */
export interface MeasureFilter {
  ministry: string;
  status: string;
  query: string;
  readiness: ReadinessFilter;
  mineOnly: boolean;
  mineNotReady: boolean;
}

export const NO_FILTER: MeasureFilter = { ministry: '', status: '', query: '', readiness: '', mineOnly: false, mineNotReady: false };

/** Matches a search: a measure number, or every word found in the title. */
export function matchesSearch(measure: MeasureSummary, query: string): boolean {
  const q = query.trim().toLocaleLowerCase('nb');
  if (q === '') return true;
  if (/^\d+$/.test(q)) return String(measure.number) === q;
  const title = measure.title.toLocaleLowerCase('nb');
  return q.split(/\s+/).every((word) => title.includes(word));
}

/** Whether this person may write the measure now (the server's own rule). */
export function writableFor(user: SessionUser, roundFrozen: boolean): (measure: MeasureSummary) => boolean {
  const actor = actorOf(user);
  return (m) => can(actor, { kind: 'writeMeasure', ministries: m.ministries, roundFrozen });
}

/**
 * The measures the filters let through. "Mine" is for editors only (the coordinator may write
 * everything, so it would say nothing); `own` is the editor's ministry.
 */
export function filterMeasures(
  measures: readonly MeasureSummary[],
  filter: MeasureFilter,
  { marksOwn, own, writable }: { marksOwn: boolean; own: MinistryCode | null; writable: (m: MeasureSummary) => boolean },
): MeasureSummary[] {
  const code = MinistryCodeSchema.safeParse(filter.ministry);
  const wanted = StatusSchema.safeParse(filter.status);
  return measures.filter(
    (m) =>
      (!code.success || m.ministries.includes(code.data)) &&
      (!wanted.success || m.status === wanted.data) &&
      matchesReadiness(m, filter.readiness, code.success ? code.data : null) &&
      (!marksOwn || !filter.mineOnly || writable(m)) &&
      (own === null || !filter.mineNotReady || (m.ministries.includes(own) && !isReadyFor(m, own))) &&
      matchesSearch(m, filter.query),
  );
}
