import { MinistryCodeSchema } from '../../../../shared/ministries.js';
import { StatusSchema } from '../../../../shared/status.js';
import type { ReadinessFilter } from '../../readiness/readiness.js';
import { NO_FILTER, type MeasureFilter } from './measureFilters.js';

/**
 * The overview's filters in its address (`?departement=JD&klarmelding=mangler&sok=ofre`), so that
 * Back, a reload or a shared link shows the same measures. Words, not codes, as people read
 * addresses; anything unknown is left out.
 */
const PARAM = {
  ministry: 'departement',
  status: 'status',
  readiness: 'klarmelding',
  mineOnly: 'mine',
  mineNotReady: 'mine-ikke-klare',
  query: 'sok',
} as const;

const READINESS_WORDS: Record<Exclude<ReadinessFilter, ''>, string> = { missing: 'mangler', ready: 'klare' };

function readinessOf(word: string | null): ReadinessFilter {
  if (word === READINESS_WORDS.missing) return 'missing';
  if (word === READINESS_WORDS.ready) return 'ready';
  return '';
}

/** The filters an address's query string (`location.search`) names; what it does not name is "all". */
export function filterFromSearch(search: string): MeasureFilter {
  const params = new URLSearchParams(search);
  const ministry = MinistryCodeSchema.safeParse(params.get(PARAM.ministry));
  const status = StatusSchema.safeParse(params.get(PARAM.status));
  return {
    ministry: ministry.success ? ministry.data : NO_FILTER.ministry,
    status: status.success ? status.data : NO_FILTER.status,
    readiness: readinessOf(params.get(PARAM.readiness)),
    mineOnly: params.get(PARAM.mineOnly) === 'ja',
    mineNotReady: params.get(PARAM.mineNotReady) === 'ja',
    query: params.get(PARAM.query) ?? NO_FILTER.query,
  };
}

/** The query string for `filter` (`?…`), or '' when nothing is filtered; always in the same order. */
export function searchOfFilter(filter: MeasureFilter): string {
  const params = new URLSearchParams();
  if (filter.ministry !== '') params.set(PARAM.ministry, filter.ministry);
  if (filter.status !== '') params.set(PARAM.status, filter.status);
  if (filter.readiness !== '') params.set(PARAM.readiness, READINESS_WORDS[filter.readiness]);
  if (filter.mineOnly) params.set(PARAM.mineOnly, 'ja');
  if (filter.mineNotReady) params.set(PARAM.mineNotReady, 'ja');
  if (filter.query !== '') params.set(PARAM.query, filter.query);
  const search = params.toString();
  return search === '' ? '' : `?${search}`;
}
