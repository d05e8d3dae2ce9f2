import * as Y from 'yjs';
import { measureDocName } from '../../shared/documentLayout.js';
import { narrativeFragment, readNarrative } from '../../shared/narrative.js';
import type { ReportContent, ReportMeasure } from '../../shared/snapshotContent.js';
import type { NarrativeReader } from '../commands/command.js';
import { loadRound } from '../domain/loaders.js';
import type { Store } from '../store/types.js';
import type { Narratives } from '../sync/narratives.js';
import { docFromUpdates } from '../sync/persistence.js';

function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64');
}

/** A measure of the record without its narrative: what the store says about it. */
type MeasureFields = Omit<ReportMeasure, 'narrative' | 'renderable' | 'yjsState'>;

/** The narrative fields of a measure of the record. */
type NarrativeRecord = Pick<ReportMeasure, 'narrative' | 'renderable' | 'yjsState'>;

/**
 * A round's content before its narratives are read: metadata, and each measure's fields with
 * the stored updates of its narrative (or the loaded document's state). Read on the main thread,
 * cheaply; made into ReportContent (`liveContentOf`) on the export renderer's thread.
 */
export interface LiveReportSource {
  round: ReportContent['round'];
  /** `unreadable`: why the document could not be read (its stored updates, if any, are recorded as its state). */
  measures: (MeasureFields & { docName: string; updates: Uint8Array[]; unreadable?: string })[];
}

/** The round's metadata and each measure's fields, in the order of ReportMeasureSchema. */
async function roundAndMeasures(store: Store, roundId: string): Promise<{ round: ReportContent['round']; measures: (MeasureFields & { docName: string })[] }> {
  const round = await loadRound(store, roundId);
  const plan = await store.planOf(roundId);
  return {
    round: {
      id: round.id,
      title: round.title,
      planTitle: round.planTitle,
      reportTitle: plan?.reportTitle ?? round.title,
      deadline: round.deadline,
      intro: round.intro,
    },
    measures: (await store.listMeasures(roundId)).map((m) => ({
      number: m.number,
      title: m.title,
      ministries: m.ministries,
      planText: m.planText,
      status: m.status,
      ready: m.ready,
      docName: measureDocName(roundId, m.number),
    })),
  };
}

/** ReportContent from the metadata and each measure's fields and narrative record (keys in ReportMeasureSchema's order). */
function assemble(round: ReportContent['round'], measures: { fields: MeasureFields & { docName: string }; record: NarrativeRecord }[]): ReportContent {
  return {
    round,
    measures: measures.map(({ fields: { docName: _docName, ...fields }, record }) => ({ ...fields, ...record })),
  };
}

/**
 * A round's content as it is in `store` (a transaction's, for a snapshot) and in the loaded
 * documents: metadata, fields and plan text, readiness and every narrative, as ProseMirror JSON
 * and Yjs state. Keys in the order of ReportMeasureSchema, so that a snapshot read back through
 * the schema serializes to the very JSON that was hashed.
 */
export async function readReportContent(store: Store, narratives: NarrativeReader, roundId: string, log: (message: string) => void): Promise<ReportContent> {
  const { round, measures } = await roundAndMeasures(store, roundId);
  const records = [];
  for (const fields of measures) {
    // A turn of the event loop between measures: reading a large round (tens of ms a narrative)
    // holds the main thread one measure at a time, not for the whole round.
    if (records.length > 0) await new Promise((turn) => setImmediate(turn));
    records.push({ fields, record: await narrativeFromReader(store, narratives, fields.docName, log) });
  }
  return assemble(round, records);
}

/** What an export of the live round is made from (see LiveReportSource). */
export async function readLiveReportSource(store: Store, narratives: Narratives, roundId: string): Promise<LiveReportSource> {
  const { round, measures } = await roundAndMeasures(store, roundId);
  const withUpdates: LiveReportSource['measures'] = [];
  for (const fields of measures) {
    try {
      withUpdates.push({ ...fields, updates: await narratives.updates(fields.docName) });
    } catch (error) {
      withUpdates.push({ ...fields, updates: await storedOrNone(store, fields.docName), unreadable: String(error) });
    }
  }
  return { round, measures: withUpdates };
}

/** The live round's content from what `readLiveReportSource` read: each narrative's document built from its updates. */
export function liveContentOf(source: LiveReportSource, log: (message: string) => void): ReportContent {
  return assemble(
    source.round,
    source.measures.map(({ updates, unreadable, ...fields }) => {
      if (unreadable !== undefined) return { fields, record: unreadableRecord(fields.docName, unreadable, updates, log) };
      let record: NarrativeRecord;
      try {
        const doc = docFromUpdates(updates);
        try {
          record = narrativeRecordOf(doc, fields.docName, log);
        } finally {
          doc.destroy();
        }
      } catch (error) {
        record = unreadableRecord(fields.docName, error, updates, log);
      }
      return { fields, record };
    }),
  );
}

/** One measure's narrative for the record: ProseMirror JSON and the exact Yjs state. */
function narrativeRecordOf(doc: Y.Doc, docName: string, log: (message: string) => void): NarrativeRecord {
  const read = readNarrative(narrativeFragment(doc));
  if (read.problem) log(`narrative of ${docName} cannot be rendered (${read.problem}); recorded as its Yjs state only`);
  return { narrative: read.doc, renderable: read.problem === null, yjsState: base64(Y.encodeStateAsUpdate(doc)) };
}

/**
 * The record of a narrative that cannot be read (a document that does not load): not
 * renderable, with whatever state is stored, so that one measure never keeps a round from
 * freezing or the others from being exported.
 */
function unreadableRecord(docName: string, error: unknown, stored: readonly Uint8Array[], log: (message: string) => void): NarrativeRecord {
  log(`could not read the narrative of ${docName}; recorded as its stored state only: ${String(error)}`);
  let state: Uint8Array = new Uint8Array();
  try {
    state = Y.mergeUpdates([...stored]);
  } catch {
    // Not even the stored updates merge: the record says the measure cannot be rendered.
  }
  return { narrative: { type: 'doc' }, renderable: false, yjsState: base64(state) };
}

/** A narrative read through `narratives` (loaded, or from `store`), or its unreadable record. */
async function narrativeFromReader(store: Store, narratives: NarrativeReader, docName: string, log: (message: string) => void): Promise<NarrativeRecord> {
  try {
    return await narratives.read(docName, (doc) => narrativeRecordOf(doc, docName, log), store);
  } catch (error) {
    return unreadableRecord(docName, error, await storedOrNone(store, docName), log);
  }
}

/** The stored updates of a document whose reading failed, or none when not even they can be read (the record then holds an empty state). */
async function storedOrNone(store: Store, docName: string): Promise<Uint8Array[]> {
  try {
    return (await store.loadDocument(docName)).updates;
  } catch {
    return [];
  }
}
