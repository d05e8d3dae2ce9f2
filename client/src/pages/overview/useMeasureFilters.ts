import { useMemo, useState } from 'react';
import type { SessionUser } from '../../../../shared/auth.js';
import type { MeasureSummary } from '../../../../shared/measure.js';
import type { MinistryCode } from '../../../../shared/ministries.js';
import { filterMeasures, NO_FILTER, writableFor, type MeasureFilter } from './measureFilters.js';

/**
 * The overview's filters and the measures they let through. An editor sees which measures are
 * theirs to write, and can show only those, or only those of theirs not yet ready.
 */
export function useMeasureFilters(measures: readonly MeasureSummary[] | null, user: SessionUser, roundFrozen: boolean) {
  const [filter, setFilter] = useState<MeasureFilter>(NO_FILTER);
  // The coordinator may write everything: "mine" would say nothing.
  const marksOwn = user.role === 'editor';
  const own = marksOwn ? user.ministry : null;
  const writable = useMemo(() => writableFor(user, roundFrozen), [user, roundFrozen]);
  const shown = useMemo(() => filterMeasures(measures ?? [], filter, { marksOwn, own, writable }), [measures, filter, marksOwn, own, writable]);
  return {
    filter,
    change: (change: Partial<MeasureFilter>) => setFilter((current) => ({ ...current, ...change })),
    /** From the per-ministry summary: only what that ministry has not marked ready. */
    showMissing: (ministry: MinistryCode) => setFilter({ ...NO_FILTER, ministry, readiness: 'missing' }),
    shown,
    marksOwn,
    own,
    writable,
  };
}

export type MeasureFilters = ReturnType<typeof useMeasureFilters>;
