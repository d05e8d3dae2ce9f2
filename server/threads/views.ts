import { passageReader } from '../../shared/anchors.js';
import { mentionsIn, waitingFor, type Thread } from '../../shared/comments.js';
import { measureDocName } from '../../shared/documentLayout.js';
import { narrativeFragment } from '../../shared/narrative.js';
import type { NarrativeReader } from '../commands/command.js';
import type { Store, ThreadRecord } from '../store/types.js';

/**
 * Stored threads as the API shows them, with whether each anchored passage still exists; each
 * measure's narrative is read once, and only for anchored threads.
 */
export async function threadViews(store: Store, narratives: NarrativeReader, records: readonly ThreadRecord[]): Promise<Thread[]> {
  const anchoredByDoc = new Map<string, ThreadRecord[]>();
  for (const record of records) {
    if (record.anchor === null) continue;
    const docName = measureDocName(record.roundId, record.measure);
    const anchored = anchoredByDoc.get(docName);
    if (anchored) anchored.push(record);
    else anchoredByDoc.set(docName, [record]);
  }
  const detached = new Set<string>();
  for (const [docName, anchored] of anchoredByDoc) {
    await narratives.read(
      docName,
      (doc) => {
        const passage = passageReader(doc, narrativeFragment(doc));
        for (const t of anchored) if (t.anchor && passage(t.anchor) === null) detached.add(t.id);
      },
      store,
    );
  }
  return records.map((r) => threadView(r, detached.has(r.id)));
}

function threadView(record: ThreadRecord, detached: boolean): Thread {
  const mentions = [...new Set(record.comments.flatMap((c) => mentionsIn(c.body)))];
  return {
    id: record.id,
    roundId: record.roundId,
    measure: record.measure,
    anchor: record.anchor,
    quote: record.quote,
    detached,
    resolved: record.resolved,
    resolvedBy: record.resolvedBy,
    resolvedAt: record.resolvedAt,
    mentions,
    waitingFor: waitingFor(record.comments, record.resolved),
    createdAt: record.createdAt,
    comments: record.comments.map((c) => ({ id: c.id, author: c.author, body: c.body, createdAt: c.createdAt, editedAt: c.editedAt })),
  };
}
