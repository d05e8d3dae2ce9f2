import { measureDocName } from '../../shared/documentLayout.js';
import type { MeasureDetail } from '../../shared/measure.js';
import type { MeasureSummary } from '../../shared/measureSummary.js';
import type { ImportWarning } from '../../shared/plan.js';
import type { MeasureRecord } from '../store/types.js';

/** A stored measure as the API lists it. */
export function toSummary(record: MeasureRecord): MeasureSummary {
  return {
    number: record.number,
    title: record.title,
    ministries: record.ministries,
    status: record.status,
    docName: measureDocName(record.roundId, record.number),
    narrativeEmpty: record.narrativeEmpty,
    openThreads: record.openThreads,
    ready: record.ready,
    carriedOver: record.carriedOver,
    updatedAt: record.updatedAt,
  };
}

/** A stored measure with its plan text, narrative text and the import warnings about it. */
export function toDetail(record: MeasureRecord, narrative: string, roundWarnings: ImportWarning[]): MeasureDetail {
  return {
    ...toSummary(record),
    planText: record.planText,
    narrative,
    importWarnings: roundWarnings.filter((w) => w.measure === record.number),
  };
}
