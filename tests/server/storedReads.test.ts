import { rmSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { appendParagraphs, narrativeFragment } from '../../shared/narrative.js';
import { narrativeView, narrativeViewBytes } from '../../server/measures/views.js';
import { SqliteStore } from '../../server/store/sqliteStore.js';
import { Narratives } from '../../server/sync/narratives.js';
import { DocumentPersistence } from '../../server/sync/persistence.js';
import { StoredReads } from '../../server/sync/storedReads.js';
import { tempDataDir } from '../helpers/server.js';

/**
 * Reading a document that is not loaded builds it from its stored updates (25–80 ms for a large
 * one); what a measure's page and a reconnecting client read of it is kept while what is stored
 * is the same (server/sync/storedReads.ts), and read again as soon as anything stored changes.
 */

const bytes = (...values: number[]) => new Uint8Array(values);

/** A reader that counts its calls: the key of its results, and a stand-in for building a document. */
function countingBuild(): { build: () => string; calls: () => number } {
  let calls = 0;
  return {
    build: () => `result ${++calls}`,
    calls: () => calls,
  };
}

describe('kept reads of stored documents', () => {
  const reader = (doc: Y.Doc): string => doc.guid;
  const otherReader = (doc: Y.Doc): number => doc.clientID;

  it('builds once while the stored updates are the same, again once they change in any way', () => {
    const reads = new StoredReads();
    const { build, calls } = countingBuild();
    const weigh = () => 10;
    expect(reads.read('d', [bytes(1, 2), bytes(3)], reader, weigh, build)).toBe('result 1');
    expect(reads.read('d', [bytes(1, 2), bytes(3)], reader, weigh, build)).toBe('result 1');
    expect(calls()).toBe(1);
    // One more update, the same bytes split otherwise (a compaction), a changed byte: each is read anew.
    expect(reads.read('d', [bytes(1, 2), bytes(3), bytes(4)], reader, weigh, build)).toBe('result 2');
    expect(reads.read('d', [bytes(1), bytes(2, 3, 4)], reader, weigh, build)).toBe('result 3');
    expect(reads.read('d', [bytes(1), bytes(2, 3, 5)], reader, weigh, build)).toBe('result 4');
    // Another document with the same updates, another reader of the same document: their own.
    expect(reads.read('e', [bytes(1), bytes(2, 3, 5)], reader, weigh, build)).toBe('result 5');
    expect(reads.read('d', [bytes(1), bytes(2, 3, 5)], otherReader as unknown as typeof reader, weigh, build)).toBe('result 6');
    expect(reads.read('d', [bytes(1), bytes(2, 3, 5)], reader, weigh, build)).toBe('result 4');
    expect(calls()).toBe(6);
  });

  it('keeps at most its weight, the least recently used going first, and nothing that weighs over a quarter of it', () => {
    const reads = new StoredReads(4_000);
    const { build, calls } = countingBuild();
    const updates = [bytes(1)];
    // Each result weighs 900 and its hash (44 characters): four are kept.
    for (const name of ['a', 'b', 'c', 'd']) reads.read(name, updates, reader, () => 900, build);
    reads.read('a', updates, reader, () => 900, build);
    expect(calls()).toBe(4);
    // A fifth takes the weight past 4,000: 'b', used least lately, goes.
    reads.read('e', updates, reader, () => 900, build);
    expect(reads.weight).toBe(4 * 944);
    for (const name of ['a', 'c', 'd', 'e']) reads.read(name, updates, reader, () => 900, build);
    expect(calls()).toBe(5);
    reads.read('b', updates, reader, () => 900, build);
    expect(calls()).toBe(6);
    const before = reads.weight;
    // Over a quarter of 4,000 with its hash: built every time, never kept.
    reads.read('huge', updates, reader, () => 1_000, build);
    reads.read('huge', updates, reader, () => 1_000, build);
    expect(calls()).toBe(8);
    expect(reads.weight).toBe(before);
  });
});

describe('a narrative read from storage', () => {
  let dataDir: string;
  let store: SqliteStore;
  let persistence: DocumentPersistence;
  let narratives: Narratives;
  const DOC = 'runde.5';

  beforeEach(() => {
    dataDir = tempDataDir();
    store = new SqliteStore(dataDir);
    persistence = new DocumentPersistence(store, 1_000);
    narratives = new Narratives(persistence, () => Promise.resolve(), () => undefined);
  });

  afterEach(() => {
    store.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Stores what `change` does to `writer` straight into the store, as another instance sharing it would. */
  async function storeElsewhere(writer: Y.Doc, change: (doc: Y.Doc) => void): Promise<void> {
    const before = Y.encodeStateVector(writer);
    change(writer);
    await store.appendUpdate(DOC, Y.encodeStateAsUpdate(writer, before), { kind: 'edit', author: 'jd', at: new Date().toISOString(), clients: [writer.clientID] });
  }

  it('is the stored text and state vector after every change, however it was stored, and the same object while nothing changed', async () => {
    const writer = new Y.Doc();
    await storeElsewhere(writer, (doc) => appendParagraphs(narrativeFragment(doc), ['Første avsnitt.']));
    const first = await narratives.readKept(DOC, narrativeView, narrativeViewBytes);
    expect(first.text).toBe('Første avsnitt.');
    expect(await narratives.readKept(DOC, narrativeView, narrativeViewBytes)).toBe(first);
    expect(await narratives.storedStateVector(DOC)).toEqual(Y.encodeStateVector(writer));

    for (let i = 0; i < 5; i++) {
      await storeElsewhere(writer, (doc) => appendParagraphs(narrativeFragment(doc), [`Avsnitt ${i}.`]));
      expect((await narratives.readKept(DOC, narrativeView, narrativeViewBytes)).text).toBe(narrativeView(writer).text);
      expect(await narratives.storedStateVector(DOC)).toEqual(Y.encodeStateVector(writer));
    }
    // Compacted: other bytes, the same narrative.
    const beforeCompaction = await narratives.readKept(DOC, narrativeView, narrativeViewBytes);
    await persistence.compact(DOC);
    const compacted = await narratives.readKept(DOC, narrativeView, narrativeViewBytes);
    expect(compacted).not.toBe(beforeCompaction);
    expect(compacted).toEqual(beforeCompaction);
    await storeElsewhere(writer, (doc) => appendParagraphs(narrativeFragment(doc), ['Etter komprimeringen.']));
    expect((await narratives.readKept(DOC, narrativeView, narrativeViewBytes)).text).toBe(narrativeView(writer).text);
    expect((await narratives.readKept(DOC, narrativeView, narrativeViewBytes)).text).toContain('Etter komprimeringen.');
  });
});
