import { useEffect, useMemo } from 'react';
import type { SessionUser } from '../../../../shared/auth.js';
import type { MeasureSummary } from '../../../../shared/measureSummary.js';
import type { MinistryCode } from '../../../../shared/ministries.js';
import { navigate, paths, rememberOverviewSearch, useSearch } from '../../router.js';
import { filterFromSearch, searchOfFilter } from './filterAddress.js';
import { filterMeasures, NO_FILTER, writableFor, type MeasureFilter } from './measureFilters.js';

/**
 * The overview's filters and the measures they let through. The filters live in the address
 * (filterAddress.ts), so Back from a measure, a reload or a shared link shows the same list;
 * changing one replaces the address rather than adding a step to Back. An editor sees which
 * measures are theirs to write, and can show only those, or only those of theirs not yet ready.
 */
export function useMeasureFilters(roundId: string, measures: readonly MeasureSummary[] | null, user: SessionUser, roundFrozen: boolean) {
  const search = useSearch();
  const filter = useMemo(() => filterFromSearch(search), [search]);
  // A link back to the overview (from a measure) shows the same filters.
  useEffect(() => rememberOverviewSearch(roundId, searchOfFilter(filter)), [roundId, filter]);
  // The coordinator may write everything: "mine" would say nothing.
  const marksOwn = user.role === 'editor';
  const own = marksOwn ? user.ministry : null;
  const writable = useMemo(() => writableFor(user, roundFrozen), [user, roundFrozen]);
  const shown = useMemo(() => filterMeasures(measures ?? [], filter, { marksOwn, own, writable }), [measures, filter, marksOwn, own, writable]);
  const show = (next: MeasureFilter): void => navigate(paths.overview(roundId, searchOfFilter(next)), { replace: true });
  return {
    filter,
    // From the address as it is now, not as last rendered: keystrokes may come faster than renders.
    change: (change: Partial<MeasureFilter>) => show({ ...filterFromSearch(window.location.search), ...change }),
    /** From the per-ministry summary: only what that ministry has not marked ready. */
    showMissing: (ministry: MinistryCode) => show({ ...NO_FILTER, ministry, readiness: 'missing' }),
    /** From the editor's own list: only their ministry's measures not yet ready. */
    showMineNotReady: () => show({ ...NO_FILTER, mineNotReady: true }),
    shown,
    marksOwn,
    own,
    writable,
  };
}

export type MeasureFilters = ReturnType<typeof useMeasureFilters>;
