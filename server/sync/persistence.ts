import * as Y from 'yjs';
import type { DocumentStore } from '../store/types.js';

/**
 * Turns the store's update log into the document lifecycle: load a document from its
 * updates, append each new update, and merge the log into one state past a threshold.
 * The Yjs side never sees SQL; the store never sees Yjs.
 */
export class DocumentPersistence {
  /** Updates appended per document since it was last loaded or compacted. */
  private readonly appended = new Map<string, number>();

  constructor(
    private readonly store: DocumentStore,
    private readonly compactionThreshold: number,
  ) {}

  /** A new Y.Doc holding every stored update of `docName`, to be edited in a room. */
  async load(docName: string): Promise<Y.Doc> {
    const stored = await this.store.loadDocument(docName);
    this.appended.set(docName, stored.updates.length);
    return docFromUpdates(stored.updates);
  }

  /** A new Y.Doc of `docName` for reading only, from `store` (a transaction's) or ours; the caller destroys it. */
  async read(docName: string, store: DocumentStore = this.store): Promise<Y.Doc> {
    return docFromUpdates((await store.loadDocument(docName)).updates);
  }

  /** Every stored update of `docName` merged into one, without building a document from them. */
  async storedState(docName: string): Promise<Uint8Array> {
    return Y.mergeUpdates((await this.store.loadDocument(docName)).updates);
  }

  /** Stores one update; compacts the log once it has grown past the threshold. */
  async storeUpdate(docName: string, update: Uint8Array): Promise<void> {
    await this.store.appendUpdate(docName, update);
    const count = (this.appended.get(docName) ?? 0) + 1;
    this.appended.set(docName, count);
    if (count > this.compactionThreshold) await this.compact(docName);
  }

  /** Replaces the stored log by one state built from it (deleted content garbage-collected). */
  async compact(docName: string): Promise<void> {
    const stored = await this.store.loadDocument(docName);
    if (stored.updates.length <= 1) return;
    const doc = docFromUpdates(stored.updates);
    const merged = Y.encodeStateAsUpdate(doc);
    doc.destroy();
    await this.store.compactDocument(docName, stored.lastId, merged);
    this.appended.set(docName, 1);
  }

  /** Forgets bookkeeping of an unloaded document. */
  forget(docName: string): void {
    this.appended.delete(docName);
  }
}

function docFromUpdates(updates: Uint8Array[]): Y.Doc {
  const doc = new Y.Doc();
  doc.transact(() => {
    for (const update of updates) Y.applyUpdate(doc, update);
  });
  return doc;
}
