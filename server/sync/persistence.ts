import * as Y from 'yjs';
import { HISTORY_CHECKPOINT_MAX_UPDATES } from '../../shared/limits.js';
import type { AppendedUpdate, AuditStore, ClientClaim, DocumentStore, NewAuditEntry, UpdateOrigin } from '../store/types.js';
import { applyStoredUpdate, dropEmptyStructs } from './storedUpdates.js';

/** What a room says about an update it stores: who and why (persistence adds nothing else). */
export type StoredUpdateOrigin = Omit<UpdateOrigin, 'at' | 'carried'>;

/**
 * One update to store and who sent it (`at`: when, by default now), and the audit row that
 * records it when it is a change the server made on a person's behalf (a restore): written in
 * the same transaction, so that neither is ever stored without the other.
 */
export interface StoredWrite {
  update: Uint8Array;
  origin: StoredUpdateOrigin & { at?: string };
  audit?: NewAuditEntry | null;
}

/**
 * The store as persistence uses it: documents, and transactions to store several updates (and
 * the audit rows of server edits) in one commit.
 */
export type PersistenceStore = DocumentStore & { transaction<T>(fn: (tx: DocumentStore & AuditStore) => Promise<T>): Promise<T> };

/**
 * The state of the loaded document (`Y.encodeStateAsUpdate`) if it holds exactly what is stored,
 * nothing more; else null. Lets a compaction skip building the document from its log again.
 */
export type CurrentState = () => Uint8Array | null;

/** A document loaded for editing: its state, and who introduced each of its client ids. */
export interface LoadedDocument {
  doc: Y.Doc;
  claims: ClientClaim[];
}

export interface PersistenceOptions {
  /** The clock updates are stamped with (the real one by default). */
  now?: () => Date;
  /** Told, after the update that closed them is stored, of versions that can no longer grow. */
  onVersionsClosed?: (docName: string, versions: readonly number[]) => void;
  /**
   * Other instances store updates of the same documents (several instances): a loaded document may
   * lack one of theirs for a moment, so a compaction always builds the state from the log.
   */
  sharedDocuments?: boolean;
}

/**
 * Turns the store's update log into the document lifecycle: load a document from its current
 * state, append each new update with who sent it, and past a threshold compact the log into the
 * current state (the history keeps every update; now and then the compacted state is kept as a
 * checkpoint too). The Yjs side never sees SQL; the store never sees Yjs.
 */
export class DocumentPersistence {
  /** Updates appended per document since it was last loaded or compacted. */
  private readonly appended = new Map<string, number>();
  /** Batches stored and syncs answered per loaded document: whether it was busy lately, at no cost per update. */
  private readonly busy = new Map<string, number>();
  readonly now: () => Date;

  constructor(
    private readonly store: PersistenceStore,
    private readonly compactionThreshold: number,
    private readonly options: PersistenceOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
  }

  /** A new Y.Doc holding every stored update of `docName`, to be edited in a room, with its claims. */
  async load(docName: string): Promise<LoadedDocument> {
    const stored = await this.store.loadDocument(docName);
    const claims = await this.store.documentClients(docName);
    this.appended.set(docName, stored.updates.length);
    return { doc: docFromUpdates(stored.updates), claims };
  }

  /** A new Y.Doc of `docName` for reading only, from `store` (a transaction's) or ours; the caller destroys it. */
  async read(docName: string, store: DocumentStore = this.store): Promise<Y.Doc> {
    return docFromUpdates((await store.loadDocument(docName)).updates);
  }

  /** The stored updates of `docName` (its last compacted state and the updates after it), as stored. */
  async storedUpdates(docName: string): Promise<Uint8Array[]> {
    return (await this.store.loadDocument(docName)).updates;
  }

  /** Every stored update of `docName` merged into one, without building a document from them. */
  async storedState(docName: string): Promise<Uint8Array> {
    return Y.mergeUpdates((await this.store.loadDocument(docName)).updates);
  }

  /** Stores one update with its origin; compacts the log once it has grown past the threshold. */
  async storeUpdate(docName: string, update: Uint8Array, origin: StoredUpdateOrigin & { at?: string }): Promise<AppendedUpdate> {
    const [appended] = await this.storeUpdates(docName, [{ update, origin }]);
    return appended!;
  }

  /**
   * Stores updates of one document in the order given, in one transaction (group commit: one
   * commit, not one per update), each with its origin exactly as if stored alone (history row,
   * claims, version) and its audit row if it has one; all of them or, when it fails, none. Resolves once committed, with what
   * each did to the history; compacts the log once it has grown past the threshold.
   */
  async storeUpdates(docName: string, writes: readonly StoredWrite[], current?: CurrentState): Promise<AppendedUpdate[]> {
    const stamped = writes.map(({ update, origin, audit }) => ({ update, origin: { ...origin, at: origin.at ?? this.now().toISOString() }, audit }));
    let appended: AppendedUpdate[];
    const [only] = stamped;
    if (stamped.length === 1 && !only!.audit) {
      appended = [await this.store.appendUpdate(docName, only!.update, only!.origin)];
    } else {
      appended = await this.store.transaction(async (tx) => {
        const results: AppendedUpdate[] = [];
        for (const { update, origin, audit } of stamped) {
          results.push(await tx.appendUpdate(docName, update, origin));
          if (audit) await tx.appendAudit(audit);
        }
        return results;
      });
    }
    this.busy.set(docName, (this.busy.get(docName) ?? 0) + 1);
    for (const { closed } of appended) if (closed.length > 0) this.options.onVersionsClosed?.(docName, closed);
    const count = (this.appended.get(docName) ?? 0) + appended.length;
    this.appended.set(docName, count);
    if (count > this.compactionThreshold) {
      // Asked at once, before anything else can change the document.
      const state = this.options.sharedDocuments ? null : current?.();
      const throughId = appended.at(-1)?.id;
      await this.compact(docName, state && throughId !== undefined ? { state, throughId } : undefined);
    }
    return appended;
  }

  /**
   * Makes one state built from the log the document's current state (deleted content
   * garbage-collected). It is kept as a checkpoint of the history too once the updates since the
   * last one weigh as much as it does, or number HISTORY_CHECKPOINT_MAX_UPDATES: checkpoints
   * take no more room than the updates they stand for, and reading any moment of the history back
   * replays a bounded number of updates.
   */
  async compact(docName: string, live?: { state: Uint8Array; throughId: number }): Promise<void> {
    const stored = await this.store.loadDocument(docName);
    if (stored.updates.length <= 1) return;
    let merged: Uint8Array;
    if (live && live.throughId === stored.lastId) {
      // The loaded document's state is exactly the stored one: no need to build it again.
      merged = live.state;
    } else {
      const doc = docFromUpdates(stored.updates);
      merged = Y.encodeStateAsUpdate(doc);
      doc.destroy();
    }
    const { updates, bytes } = stored.sinceCheckpoint;
    const checkpoint = updates >= HISTORY_CHECKPOINT_MAX_UPDATES || bytes >= merged.byteLength;
    await this.store.compactDocument(docName, stored.lastId, merged, checkpoint);
    this.appended.set(docName, 1);
  }

  /** Notes that someone is opening `docName` (a sync step 1 to answer). */
  noteSync(docName: string): void {
    this.busy.set(docName, (this.busy.get(docName) ?? 0) + 1);
  }

  /** A number that changes whenever updates of `docName` are stored or someone opens it (while it is loaded). */
  activity(docName: string): number {
    return this.busy.get(docName) ?? 0;
  }

  /** Forgets bookkeeping of an unloaded document. */
  forget(docName: string): void {
    this.appended.delete(docName);
    this.busy.delete(docName);
  }
}

/** A document built from stored updates, cleared of what a document could take before it was refused (storedUpdates.ts). */
export function docFromUpdates(updates: readonly Uint8Array[]): Y.Doc {
  const doc = new Y.Doc();
  doc.transact(() => {
    for (const update of updates) applyStoredUpdate(doc, update);
  });
  dropEmptyStructs(doc);
  return doc;
}
