import * as Y from 'yjs';
import type { DocumentStore } from '../store/types.js';
import type { DocumentRegistry } from '../sync/DocumentRegistry.js';
import type { Room } from '../sync/Room.js';
import type { FanoutMessage } from './Fanout.js';

/**
 * Keeps this instance's loaded documents up to date with what other instances store: applies
 * each update they announce (already stored: not stored again, relayed to this instance's
 * sockets), and when announcements may have been lost, applies each loaded document's stored
 * state (applying what a document already has changes nothing).
 */
export class DocumentCatchUp {
  private running: Promise<void> | null = null;
  private again = false;

  constructor(
    private readonly registry: DocumentRegistry,
    private readonly store: Pick<DocumentStore, 'loadDocument' | 'documentClients'>,
    private readonly log: (message: string) => void,
  ) {}

  /** Applies another instance's stored update to the document if it is loaded here (or loading: then once loaded). */
  async apply({ docName, update, author, clients }: Extract<FanoutMessage, { kind: 'update' }>): Promise<void> {
    const room = await this.registry.peek(docName);
    if (!room || room.isBroken) return;
    let complete: boolean;
    try {
      complete = room.applyStored(update, clients.map((clientId) => ({ clientId, author })));
    } catch (error) {
      this.log(`an update of ${docName} from another instance could not be applied; reading the stored state: ${String(error)}`);
      complete = false;
    }
    if (!complete) await this.catchUp(room);
  }

  /** Catches every loaded document up with the store; calls while one runs make it run once more. */
  catchUpAll(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        const rooms = await this.registry.loadedRooms('');
        await Promise.all(rooms.map((room) => this.catchUp(room)));
      } while (this.again);
    })().finally(() => (this.running = null));
    return this.running;
  }

  private async catchUp(room: Room): Promise<void> {
    try {
      const [stored, claims] = await Promise.all([this.store.loadDocument(room.name), this.store.documentClients(room.name)]);
      if (room.isBroken || stored.updates.length === 0) return;
      if (!room.applyStored(Y.mergeUpdates(stored.updates), claims)) this.log(`the stored state of ${room.name} is incomplete`);
    } catch (error) {
      this.log(`catching ${room.name} up with the store failed: ${String(error)}`);
    }
  }
}
