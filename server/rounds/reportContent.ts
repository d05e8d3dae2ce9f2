import * as Y from 'yjs';
import { measureDocName } from '../../shared/documentLayout.js';
import { narrativeFragment, readNarrative } from '../../shared/narrative.js';
import type { ReportContent, ReportMeasure } from '../../shared/snapshotContent.js';
import type { NarrativeReader } from '../commands/command.js';
import { loadRound } from '../domain/loaders.js';
import type { Store } from '../store/types.js';

function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64');
}

/**
 * A round's content as it is in `store` (a transaction's, for a snapshot) and in the loaded
 * documents: metadata, fields and plan text, readiness and every narrative, as ProseMirror JSON
 * and Yjs state. Keys in the order of ReportMeasureSchema, so that a snapshot read back through
 * the schema serializes to the very JSON that was hashed.
 */
export async function readReportContent(store: Store, narratives: NarrativeReader, roundId: string, log: (message: string) => void): Promise<ReportContent> {
  const round = await loadRound(store, roundId);
  const plan = await store.planOf(roundId);
  const measures: ReportMeasure[] = [];
  for (const m of await store.listMeasures(roundId)) {
    measures.push({
      number: m.number,
      title: m.title,
      ministries: m.ministries,
      planText: m.planText,
      status: m.status,
      ready: m.ready,
      ...(await narrativeRecord(store, narratives, measureDocName(roundId, m.number), log)),
    });
  }
  return {
    round: {
      id: round.id,
      title: round.title,
      planTitle: round.planTitle,
      reportTitle: plan?.reportTitle ?? round.title,
      deadline: round.deadline,
      intro: round.intro,
    },
    measures,
  };
}

/**
 * One measure's narrative for the record: ProseMirror JSON and the exact Yjs state. A
 * narrative that cannot be read (too deep or too large, or a document that does not load) is
 * recorded as not renderable with whatever state is stored, so that one measure never keeps
 * a round from freezing or the others from being exported.
 */
async function narrativeRecord(
  store: Store,
  narratives: NarrativeReader,
  docName: string,
  log: (message: string) => void,
): Promise<Pick<ReportMeasure, 'narrative' | 'renderable' | 'yjsState'>> {
  try {
    return await narratives.read(
      docName,
      (doc) => {
        const read = readNarrative(narrativeFragment(doc));
        if (read.problem) log(`narrative of ${docName} cannot be rendered (${read.problem}); recorded as its Yjs state only`);
        return { narrative: read.doc, renderable: read.problem === null, yjsState: base64(Y.encodeStateAsUpdate(doc)) };
      },
      store,
    );
  } catch (error) {
    log(`could not read the narrative of ${docName}; recorded as its stored state only: ${String(error)}`);
    let state: Uint8Array = new Uint8Array();
    try {
      state = Y.mergeUpdates((await store.loadDocument(docName)).updates);
    } catch {
      // Not even the stored updates merge: the record says the measure cannot be rendered.
    }
    return { narrative: { type: 'doc' }, renderable: false, yjsState: base64(state) };
  }
}
