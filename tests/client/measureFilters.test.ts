import { describe, expect, it } from 'vitest';
import type { SessionUser } from '../../shared/auth.js';
import type { MeasureSummary } from '../../shared/measureSummary.js';
import type { MinistryCode } from '../../shared/ministries.js';
import { filterMeasures, matchesSearch, NO_FILTER, writableFor } from '../../client/src/pages/overview/measureFilters.js';

function measure(number: number, title: string, ministries: MinistryCode[], status: MeasureSummary['status'], ready: MinistryCode[] = []): MeasureSummary {
  return { number, title, ministries, status, docName: `r.${number}`, narrativeEmpty: false, openThreads: 0, ready, carriedOver: false, updatedAt: '2026-11-28T12:00:00+01:00' };
}

const round = [
  measure(1, 'Styrke politiets innsats', ['JD'], 'Løpende', ['JD']),
  measure(2, 'Bistand til ofre for menneskehandel', ['BLD', 'JD'], 'Gjennomført', ['JD']),
  measure(10, 'Informasjon til utsatte grupper', ['UD'], 'Ikke igangsatt'),
];
const jd: SessionUser = { username: 'jd', name: 'Redaktør JD', ministry: 'JD', role: 'editor' };

/** The overview's table filters, on a round of three measures. */
describe('overview filters', () => {
  const shown = (filter: Partial<typeof NO_FILTER>, user = jd, frozen = false): number[] => {
    const marksOwn = user.role === 'editor';
    return filterMeasures(round, { ...NO_FILTER, ...filter }, { marksOwn, own: marksOwn ? user.ministry : null, writable: writableFor(user, frozen) }).map((m) => m.number);
  };

  it('search: a number is that measure only; words must all be in the title, in any case', () => {
    expect(matchesSearch(round[2]!, '10')).toBe(true);
    expect(matchesSearch(round[0]!, '10')).toBe(false);
    expect(shown({ query: '1' })).toEqual([1]);
    expect(shown({ query: '  OFRE  menneskehandel ' })).toEqual([2]);
    expect(shown({ query: 'ofre politiets' })).toEqual([]);
  });

  it('ministry, status and readiness combine', () => {
    expect(shown({ ministry: 'JD' })).toEqual([1, 2]);
    expect(shown({ ministry: 'JD', status: 'Gjennomført' })).toEqual([2]);
    expect(shown({ readiness: 'missing' })).toEqual([2, 10]);
    expect(shown({ ministry: 'BLD', readiness: 'missing' })).toEqual([2]);
  });

  it("an editor's own: what they may write (none in a frozen round), and theirs not yet ready", () => {
    expect(shown({ mineOnly: true })).toEqual([1, 2]);
    expect(shown({ mineOnly: true }, jd, true)).toEqual([]);
    expect(shown({ mineNotReady: true })).toEqual([]);
    const bld: SessionUser = { ...jd, username: 'bld', ministry: 'BLD' };
    expect(shown({ mineNotReady: true }, bld)).toEqual([2]);
    // "Mine" says nothing for the coordinator, who may write everything.
    expect(shown({ mineOnly: true }, { ...jd, role: 'coordinator', ministry: null })).toEqual([1, 2, 10]);
  });
});
