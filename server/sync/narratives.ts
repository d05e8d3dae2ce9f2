import * as Y from 'yjs';
import { isNarrativeEmpty, narrativeFragment, narrativeText } from '../../shared/narrative.js';
import type { DocumentStore, NewAuditEntry } from '../store/types.js';
import type { DocumentRegistry } from './DocumentRegistry.js';
import { docFromUpdates, type DocumentPersistence } from './persistence.js';
import { ServerEdit, type PreparedServerEdit, type Room } from './Room.js';
import { StoredReads } from './storedReads.js';

/** A measure's document held loaded for a server-side edit; `release` lets it unload again. */
export interface HeldNarrative {
  editor: {
    /** Prepares the edit `change` makes, as `author`'s restore of `restoredFrom`, its audit row stored with it. */
    prepareRestore(restore: { author: string; restoredFrom: number; audit: NewAuditEntry }, change: (doc: Y.Doc) => void): PreparedServerEdit;
  };
  release(): void;
}

/** How long a narrative must be quiet before its emptiness is re-checked. */
export const NARRATIVE_CHECK_DELAY_MS = 300;

/**
 * Reads narratives (from memory when loaded, else from storage), and says when one changed:
 * once typing pauses after a stored update, `onChanged` hears whether it is empty now. What
 * that means for the round (its `narrativeEmpty` flag, "no longer carried over") is the
 * domain's to decide (commands/recordNarrativeState.ts); the sync layer writes no round state.
 */
export class Narratives {
  /** Rooms typed in whose check is due: its timer, and when their last update was stored. */
  private readonly pending = new Map<string, { timer: NodeJS.Timeout; last: number }>();
  private registry: DocumentRegistry | null = null;
  /** What was read from documents that are not loaded, while what is stored of them is unchanged. */
  private readonly storedReads = new StoredReads();

  constructor(
    private readonly persistence: DocumentPersistence,
    private readonly onChanged: (docName: string, empty: boolean) => Promise<void>,
    private readonly log: (message: string) => void,
    /**
     * Other instances store updates of the same documents: a loaded one may lack one of theirs for
     * a moment, so what is read in a transaction (a snapshot, a round carried over) is read from it.
     */
    private readonly sharedDocuments = false,
  ) {}

  attach(registry: DocumentRegistry): void {
    this.registry = registry;
  }

  /** The narrative as plain text, from memory when the document is loaded, else from storage. */
  text(docName: string): Promise<string> {
    return this.read(docName, (doc) => narrativeText(narrativeFragment(doc)));
  }

  /**
   * Reads a document without keeping it: the loaded one if there is one, else from storage
   * (`store`, a transaction's, when given: then a load in progress is not waited for, since it
   * may be waiting for that transaction).
   */
  async read<T>(docName: string, reader: (doc: Y.Doc) => T, store?: DocumentStore): Promise<T> {
    const room = store ? (this.sharedDocuments ? null : (this.registry?.loadedNow(docName) ?? null)) : await this.registry?.peek(docName);
    if (room) return reader(room.doc);
    const doc = await this.persistence.read(docName, store);
    try {
      return reader(doc);
    } finally {
      doc.destroy();
    }
  }

  /**
   * Reads a document as `read` does (outside a transaction), keeping the result of reading one
   * that is not loaded while its stored updates stay the same (`StoredReads`): for reads asked
   * again and again, such as a measure's text and a document's state vector. `reader` is the
   * key, so it is a function defined once, not one made per call; `weigh` estimates the bytes its
   * result holds.
   */
  async readKept<T>(docName: string, reader: (doc: Y.Doc) => T, weigh: (result: T) => number): Promise<T> {
    const room = await this.registry?.peek(docName);
    return room ? reader(room.doc) : this.readStoredKept(docName, reader, weigh);
  }

  /** `reader`'s result for what is stored of a document, kept while that stays the same. */
  private async readStoredKept<T>(docName: string, reader: (doc: Y.Doc) => T, weigh: (result: T) => number): Promise<T> {
    const updates = await this.persistence.storedUpdates(docName);
    return this.storedReads.read(docName, updates, reader, weigh, () => {
      const doc = docFromUpdates(updates);
      try {
        return reader(doc);
      } finally {
        doc.destroy();
      }
    });
  }

  /**
   * What a document is built from elsewhere (on the export renderer's thread): the loaded one's
   * state, else its stored updates as they are (not merged here: that is the costly part).
   */
  async updates(docName: string): Promise<Uint8Array[]> {
    const room = await this.registry?.peek(docName);
    if (room) return [Y.encodeStateAsUpdate(room.doc)];
    return this.persistence.storedUpdates(docName);
  }

  /**
   * Loads a document (or takes the loaded one) and holds it until released, for an edit made on
   * a person's behalf: outside any transaction, since a load reads the store.
   */
  async hold(docName: string): Promise<HeldNarrative> {
    if (!this.registry) throw new Error('no document registry attached');
    const hold = this.registry.acquire(docName);
    let room: Room;
    try {
      room = await hold.room;
    } catch (error) {
      hold.release();
      throw error;
    }
    return {
      editor: { prepareRestore: ({ author, restoredFrom, audit }, change) => room.prepareServerEdit(new ServerEdit(author, 'restore', restoredFrom, audit), change) },
      release: () => hold.release(),
    };
  }

  /** Every stored update of a document merged into one (for a document that cannot be read). */
  storedState(docName: string): Promise<Uint8Array> {
    return this.persistence.storedState(docName);
  }

  /** State vector of what is stored of a document (a loaded one first stores what is pending). */
  async storedStateVector(docName: string): Promise<Uint8Array> {
    const room = await this.registry?.peek(docName);
    if (room) {
      // Taken before waiting: every update it covers is already queued for writing.
      const stateVector = Y.encodeStateVector(room.doc);
      await room.flushed();
      if (!room.isBroken) return stateVector;
    }
    return this.readStoredKept(docName, stateVectorOf, (stateVector) => stateVector.byteLength);
  }

  /**
   * Called after every stored update of a room: once typing pauses, says whether the narrative is
   * empty now. One timer per room while it is typed in, moved on when it fires early rather than
   * replaced for every update.
   */
  readonly onStoredUpdate = (room: Room): void => {
    const now = Date.now();
    const pending = this.pending.get(room.name);
    if (pending) {
      pending.last = now;
      return;
    }
    const check = (): void => {
      const entry = this.pending.get(room.name);
      if (!entry) return;
      const quietFor = Date.now() - entry.last;
      if (quietFor < NARRATIVE_CHECK_DELAY_MS) {
        entry.timer = setTimeout(check, NARRATIVE_CHECK_DELAY_MS - quietFor);
        return;
      }
      this.pending.delete(room.name);
      // A timer's exception would end the process: whatever this document holds, log and go on.
      const failed = (error: unknown): void => this.log(`could not record narrative state of ${room.name}: ${String(error)}`);
      try {
        this.onChanged(room.name, isNarrativeEmpty(narrativeFragment(room.doc))).catch(failed);
      } catch (error) {
        failed(error);
      }
    };
    this.pending.set(room.name, { timer: setTimeout(check, NARRATIVE_CHECK_DELAY_MS), last: now });
  };

  close(): void {
    for (const { timer } of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
  }
}

/** A document's state vector (one function, the key of its kept results). */
function stateVectorOf(doc: Y.Doc): Uint8Array {
  return Y.encodeStateVector(doc);
}
