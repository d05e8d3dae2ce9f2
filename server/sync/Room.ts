import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { CLOSE_CODES } from '../../shared/closeCodes.js';
import type { SyncConnection } from './connection.js';
import type { DocumentPersistence } from './persistence.js';
import { READ_ONLY_REASON } from '../../shared/auth.js';
import {
  encodeAwareness,
  encodeAwarenessEntries,
  encodePermissionDenied,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
  type AwarenessEntry,
  type ClientMessage,
} from './protocol.js';

/**
 * Where an update came from. Updates applied by a client connection carry that connection;
 * updates the server makes itself carry `SERVER_ORIGIN`.
 */
export const SERVER_ORIGIN = Symbol('server');
export type UpdateOrigin = SyncConnection | typeof SERVER_ORIGIN;

export interface RoomEvents {
  /** Called after an update has been stored and relayed. */
  onStoredUpdate?(room: Room): void;
  /** Called once when the room cannot go on (a write failed) and must be dropped. */
  onBroken?(room: Room, error: unknown): void;
}

/** The caret colour of a client that did not pick one. */
const DEFAULT_CARET_COLOR = '#4a4a4a';

/** An update that carries nothing (a client's sync step 2 when it has nothing new). */
function isEmptyUpdate(update: Uint8Array): boolean {
  const decoded = Y.decodeUpdate(update);
  return decoded.structs.length === 0 && decoded.ds.clients.size === 0;
}

/**
 * One loaded document and the connections editing it. Every update is stored before it is
 * relayed: writes run one after another on `writes`, and each relays only once its write
 * has committed, so the order clients see is the order stored.
 */
export class Room {
  readonly doc: Y.Doc;
  readonly awareness: awarenessProtocol.Awareness;
  private readonly connections = new Map<SyncConnection, Set<number>>();
  private writes: Promise<void> = Promise.resolve();
  private broken = false;

  constructor(
    readonly name: string,
    doc: Y.Doc,
    private readonly persistence: DocumentPersistence,
    private readonly events: RoomEvents = {},
  ) {
    this.doc = doc;
    this.awareness = new awarenessProtocol.Awareness(doc);
    this.awareness.setLocalState(null);
    this.doc.on('update', this.handleDocUpdate);
    this.awareness.on('update', this.handleAwarenessUpdate);
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  /** True once a write failed: the room is closed and its memory no longer trusted. */
  get isBroken(): boolean {
    return this.broken;
  }

  /** Resolves once every update received so far is stored (or the room broke). */
  flushed(): Promise<void> {
    return this.writes;
  }

  /** Starts a client's sync: our state vector, then everyone's awareness. A read-only client is told so first. */
  addConnection(connection: SyncConnection): void {
    this.connections.set(connection, new Set());
    if (!connection.canWrite) connection.send(encodePermissionDenied(READ_ONLY_REASON));
    connection.send(encodeSyncStep1(this.doc));
    const states = [...this.awareness.getStates().keys()];
    if (states.length > 0) connection.send(encodeAwareness(this.awareness, states));
  }

  /** Forgets a connection and removes its awareness states at once (no ghost carets). */
  removeConnection(connection: SyncConnection): void {
    const clientIds = this.connections.get(connection);
    if (!clientIds) return;
    this.connections.delete(connection);
    if (clientIds.size > 0) awarenessProtocol.removeAwarenessStates(this.awareness, [...clientIds], null);
  }

  /** Closes the connections `which` picks (their rights changed); the others stay. */
  closeConnections(which: (connection: SyncConnection) => boolean, code: number, reason: string): void {
    for (const connection of [...this.connections.keys()]) {
      if (!which(connection)) continue;
      this.removeConnection(connection);
      connection.close(code, reason);
    }
  }

  /** Handles one decoded message from a connection of this room. */
  async receive(connection: SyncConnection, message: ClientMessage): Promise<void> {
    if (!this.connections.has(connection)) return;
    switch (message.kind) {
      case 'syncStep1':
        // Answer only with state that is already stored: nobody sees what a crash could lose.
        await this.writes;
        if (this.connections.has(connection)) connection.send(encodeSyncStep2(this.doc, message.stateVector));
        return;
      case 'update':
        if (connection.canWrite) {
          Y.applyUpdate(this.doc, message.update, connection);
        } else if (!isEmptyUpdate(message.update)) {
          // Not applied, stored or relayed; the client hears why.
          connection.send(encodePermissionDenied(READ_ONLY_REASON));
        }
        return;
      case 'awareness': {
        const entries = this.stampAwareness(connection, message.entries);
        if (entries.length > 0) {
          awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeAwarenessEntries(entries), connection);
        }
        return;
      }
      case 'queryAwareness':
        connection.send(encodeAwareness(this.awareness, [...this.awareness.getStates().keys()]));
        return;
    }
  }

  /**
   * Keeps a connection to its own awareness: entries for a client id another connection
   * introduced are dropped, and every state's user is the session's, whatever the client
   * claims (only the caret colour is the client's choice).
   */
  private stampAwareness(connection: SyncConnection, entries: readonly AwarenessEntry[]): AwarenessEntry[] {
    const stamped: AwarenessEntry[] = [];
    for (const entry of entries) {
      let foreign = false;
      for (const [other, ids] of this.connections) {
        if (other !== connection && ids.has(entry.clientId)) foreign = true;
      }
      if (foreign) continue;
      const state = entry.state;
      if (state === null) {
        stamped.push(entry);
        continue;
      }
      const { username, name, ministry } = connection.user;
      const color = state.user?.color ?? DEFAULT_CARET_COLOR;
      stamped.push({ ...entry, state: { ...state, user: { name, ministry, username, color } } });
    }
    return stamped;
  }

  /** Closes every connection (shutdown, unload or failure) and frees the document. */
  destroy(code: number = CLOSE_CODES.GOING_AWAY, reason = 'server shutting down'): void {
    for (const connection of [...this.connections.keys()]) {
      this.removeConnection(connection);
      connection.close(code, reason);
    }
    this.doc.off('update', this.handleDocUpdate);
    this.awareness.off('update', this.handleAwarenessUpdate);
    this.awareness.destroy();
    this.doc.destroy();
  }

  private readonly handleDocUpdate = (update: Uint8Array, origin: unknown): void => {
    this.writes = this.writes.then(async () => {
      if (this.broken) return;
      try {
        await this.persistence.storeUpdate(this.name, update);
      } catch (error) {
        this.broken = true;
        // What is in memory now is not all stored: drop the room; clients still hold their
        // edits and send them again when they reconnect to a freshly loaded document.
        this.destroy(CLOSE_CODES.INTERNAL_ERROR, 'storage failed');
        this.events.onBroken?.(this, error);
        return;
      }
      const message = encodeUpdate(update);
      for (const connection of this.connections.keys()) {
        if (connection !== origin) connection.send(message);
      }
      this.events.onStoredUpdate?.(this);
    });
  };

  private readonly handleAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const changed = [...added, ...updated, ...removed];
    const owned = this.connections.get(origin as SyncConnection);
    if (owned) {
      for (const id of added) owned.add(id);
      for (const id of removed) owned.delete(id);
    }
    const message = encodeAwareness(this.awareness, changed);
    for (const connection of this.connections.keys()) connection.send(message);
  };
}
