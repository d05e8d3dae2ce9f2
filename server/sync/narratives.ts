import * as Y from 'yjs';
import { parseMeasureDocName } from '../../shared/documentLayout.js';
import { isNarrativeEmpty, narrativeFragment, narrativeText } from '../../shared/narrative.js';
import type { RoundEventHub } from '../live/RoundEventHub.js';
import { toSummary } from '../measures/views.js';
import type { RoundStore } from '../store/types.js';
import type { DocumentRegistry } from './DocumentRegistry.js';
import type { DocumentPersistence } from './persistence.js';
import type { Room } from './Room.js';

/** How long a narrative must be quiet before its emptiness is re-checked. */
export const NARRATIVE_CHECK_DELAY_MS = 300;

/** Reads narratives as text and keeps each measure's `narrativeEmpty` flag true and live. */
export class Narratives {
  private readonly pending = new Map<string, NodeJS.Timeout>();
  private registry: DocumentRegistry | null = null;

  constructor(
    private readonly persistence: DocumentPersistence,
    private readonly store: RoundStore,
    private readonly hub: RoundEventHub,
    private readonly log: (message: string) => void,
  ) {}

  attach(registry: DocumentRegistry): void {
    this.registry = registry;
  }

  /** The narrative as plain text, from memory when the document is loaded, else from storage. */
  text(docName: string): Promise<string> {
    return this.read(docName, (doc) => narrativeText(narrativeFragment(doc)));
  }

  /** Reads a document without keeping it: the loaded one if there is one, else from storage. */
  async read<T>(docName: string, reader: (doc: Y.Doc) => T): Promise<T> {
    const room = await this.registry?.peek(docName);
    if (room) return reader(room.doc);
    const doc = await this.persistence.read(docName);
    try {
      return reader(doc);
    } finally {
      doc.destroy();
    }
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
    const doc = await this.persistence.read(docName);
    try {
      return Y.encodeStateVector(doc);
    } finally {
      doc.destroy();
    }
  }

  /**
   * Called after every stored update of a room: once typing pauses, re-checks emptiness and
   * marks the measure as updated in its round.
   */
  readonly onStoredUpdate = (room: Room): void => {
    const previous = this.pending.get(room.name);
    if (previous) clearTimeout(previous);
    this.pending.set(
      room.name,
      setTimeout(() => {
        this.pending.delete(room.name);
        // A timer's exception would end the process: whatever this document holds, log and go on.
        const failed = (error: unknown): void => this.log(`could not record narrative state of ${room.name}: ${String(error)}`);
        try {
          const empty = isNarrativeEmpty(narrativeFragment(room.doc));
          this.recordEmptiness(room.name, empty).catch(failed);
        } catch (error) {
          failed(error);
        }
      }, NARRATIVE_CHECK_DELAY_MS),
    );
  };

  close(): void {
    for (const timer of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
  }

  /** Records emptiness, and that the measure was updated in its round; publishes what changed. */
  private async recordEmptiness(docName: string, empty: boolean): Promise<void> {
    const target = parseMeasureDocName(docName);
    if (!target) return;
    const emptinessChanged = await this.store.setNarrativeEmpty(target.roundId, target.number, empty);
    const updated = await this.store.markUpdated(target.roundId, target.number);
    if (!emptinessChanged && !updated) return;
    const record = await this.store.getMeasure(target.roundId, target.number);
    if (record) this.hub.publish({ type: 'measure', roundId: target.roundId, measure: toSummary(record) });
  }
}
