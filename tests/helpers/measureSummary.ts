import type { MeasureSummary } from '../../shared/measureSummary.js';

/** A measure as a round's stream tells it, with `fields` as given. */
export function measureSummary(number: number, fields: Partial<MeasureSummary> = {}): MeasureSummary {
  return {
    number,
    title: `Tiltak ${number}`,
    ministries: ['JD'],
    status: 'Løpende',
    docName: `r.${number}`,
    narrativeEmpty: false,
    openThreads: 0,
    ready: [],
    carriedOver: false,
    updatedAt: '2026-11-28T10:00:00.000Z',
    ...fields,
  };
}
