import { describe, expect, it } from 'vitest';
import type { MeasureSummary } from '../../shared/measureSummary.js';
import type { MinistryCode } from '../../shared/ministries.js';
import { matchesReadiness, progressByMinistry } from '../../client/src/readiness/readiness.js';

function measure(number: number, ministries: MinistryCode[], ready: MinistryCode[]): MeasureSummary {
  return {
    number,
    title: `Tiltak ${number}`,
    ministries,
    status: 'Løpende',
    docName: `r.${number}`,
    narrativeEmpty: false,
    openThreads: 0,
    ready,
    carriedOver: false,
    updatedAt: '2025-12-01T12:00:00+01:00',
  };
}

/** The overview's readiness counts and filters, on a round of four measures. */
describe('readiness on the overview', () => {
  const round = [measure(1, ['JD'], ['JD']), measure(2, ['BLD', 'JD'], ['JD']), measure(3, ['BLD', 'JD'], []), measure(4, ['UD'], [])];

  it('counts, per ministry in the plan’s order, its measures, the ready ones and the missing ones', () => {
    expect(progressByMinistry(round).map((p) => [p.ministry, p.ready, p.total, p.missing.map((m) => m.number)])).toEqual([
      ['UD', 0, 1, [4]],
      ['JD', 2, 3, [3]],
      ['BLD', 0, 2, [2, 3]],
    ]);
  });

  it('"missing" is any responsible ministry not ready, or the chosen ministry’s part only', () => {
    const numbers = (filter: '' | 'missing' | 'ready', ministry: MinistryCode | null): number[] =>
      round.filter((m) => matchesReadiness(m, filter, ministry)).map((m) => m.number);
    expect(numbers('', null)).toEqual([1, 2, 3, 4]);
    expect(numbers('missing', null)).toEqual([2, 3, 4]);
    expect(numbers('ready', null)).toEqual([1]);
    expect(numbers('missing', 'JD')).toEqual([3]);
    expect(numbers('ready', 'JD')).toEqual([1, 2]);
    expect(numbers('missing', 'BLD')).toEqual([2, 3]);
  });
});
