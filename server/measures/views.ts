import type * as Y from 'yjs';
import { measureDocName } from '../../shared/documentLayout.js';
import type { MeasureDetail } from '../../shared/measure.js';
import type { MeasureSummary } from '../../shared/measureSummary.js';
import { narrativeFragment, readNarrative, type NarrativeProblem } from '../../shared/narrative.js';
import { pmToPlainText } from '../../shared/narrativeBlocks.js';
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

/** A measure's narrative as the detail gives it: its plain text, or why it cannot be read. */
export interface NarrativeView {
  text: string;
  problem: NarrativeProblem | null;
}

/** The narrative of a measure's document, read once (iteratively, within the limits: readNarrative). */
export function narrativeView(doc: Y.Doc): NarrativeView {
  const read = readNarrative(narrativeFragment(doc));
  return { text: pmToPlainText(read.doc), problem: read.problem };
}

/** About the bytes a NarrativeView holds (its text, in UTF-16), for keeping it (Narratives.readKept). */
export function narrativeViewBytes(view: NarrativeView): number {
  return view.text.length * 2 + 256;
}

/** A stored measure with its plan text, narrative text (or why it cannot be shown) and the import warnings about it. */
export function toDetail(record: MeasureRecord, narrative: NarrativeView, roundWarnings: ImportWarning[]): MeasureDetail {
  return {
    ...toSummary(record),
    planText: record.planText,
    narrative: narrative.text,
    importWarnings: roundWarnings.filter((w) => w.measure === record.number),
    narrativeProblem: narrative.problem,
  };
}
