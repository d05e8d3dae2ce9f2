import { setImmediate } from 'node:timers';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { CLOSE_CODES } from '../../shared/closeCodes.js';
import type { AppendedUpdate, ClientClaim, NewAuditEntry } from '../store/types.js';
import { DOCUMENT_WORK_AT_ONCE, TooMuchDocumentWorkError } from './documentWork.js';
import { ClientClaims } from './ClientClaims.js';
import type { SyncConnection } from './connection.js';
import type { DocumentPersistence, StoredUpdateOrigin } from './persistence.js';
import { limitRefusalReason, READ_ONLY_REASON } from '../../shared/auth.js';
import { sanitizePresenceState } from '../../shared/awareness.js';
import { MAX_AWARENESS_CLIENTS_PER_CONNECTION } from '../../shared/limits.js';
import {
  encodeAwareness,
  encodeAwarenessMessage,
  encodePermissionDenied,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
  HEARTBEAT_ANSWER,
  OutOfSyncError,
  type AwarenessEntry,
  type ClientMessage,
  type ReceivedAwarenessEntry,
} from './protocol.js';
import { UpdateGuard, type DecodedUpdate } from './updateGuard.js';

export interface RoomEvents {
  /** Called after an update has been stored and relayed, with the update and who stored it (for other instances). */
  onStoredUpdate?(room: Room, update: Uint8Array, origin: StoredUpdateOrigin): void;
  /**
   * Called with each change of presence this instance's connections made (a y-websocket
   * awareness message, as relayed) and the session that made it (null: removals), for other instances.
   */
  onAwareness?(room: Room, message: Uint8Array, sessionId: string | null): void;
  /** Called once when the room cannot go on (a write failed) and must be dropped. */
  onBroken?(room: Room, error: unknown): void;
  /** Where a room reports what went wrong without ending anything (a failing listener, a refused update). */
  log?(message: string): void;
}

/** An update that carries nothing (a client's sync step 2 when it has nothing new). */
function isEmptyUpdate(decoded: DecodedUpdate): boolean {
  return decoded.structs.length === 0 && decoded.ds.clients.size === 0;
}

/**
 * An edit the server makes on a person's behalf (restoring a version), as the origin of its Yjs
 * transaction: the history stores it as theirs, and its audit row (`audit`) in the same
 * transaction as its update. `stored` settles once both are stored and the update relayed.
 */
export class ServerEdit {
  /** The stored update; null when applying it changed nothing (others had made the same change meanwhile). */
  readonly stored: Promise<AppendedUpdate | null>;
  /** Set once the document emitted the edit's update (to be stored). */
  emitted = false;
  private settle: { done(appended: AppendedUpdate | null): void; fail(error: unknown): void } | null = null;

  constructor(
    readonly author: string,
    readonly kind: 'restore',
    readonly restoredFrom: number,
    readonly audit: NewAuditEntry,
  ) {
    this.stored = new Promise<AppendedUpdate | null>((done, fail) => (this.settle = { done, fail }));
    // Whoever made the edit may stop waiting; a failure is also the room's (it breaks) and logged there.
    this.stored.catch(() => undefined);
  }

  done(appended: AppendedUpdate | null): void {
    this.settle?.done(appended);
  }

  fail(error: unknown): void {
    this.settle?.fail(error);
  }
}

/**
 * A server-side edit prepared on a copy of the document and checked like a client's update: there
 * was nothing to change, the room's checks refused it, or it is ready to be applied (`apply`
 * applies it at once and resolves once it is stored and relayed).
 */
export type PreparedServerEdit =
  | { kind: 'unchanged' }
  | { kind: 'refused'; reason: string }
  | { kind: 'ready'; apply(): Promise<AppendedUpdate | null> };

/** The origin of an update another instance stored (or of the stored state, to catch up): relayed, not stored again. */
const STORED_ELSEWHERE = Symbol('stored elsewhere');
/** The origin of presence another instance relayed: relayed here, not told back. */
const PRESENCE_ELSEWHERE = Symbol('presence elsewhere');

function isConnection(origin: unknown): origin is SyncConnection {
  return typeof origin === 'object' && origin !== null && 'sessionId' in origin && 'user' in origin;
}

/** Client ids whose clock a transaction advanced: those it brought structs of. */
function writersOf(transaction: Y.Transaction): number[] {
  const writers: number[] = [];
  for (const [client, clock] of transaction.afterState) if (clock > (transaction.beforeState.get(client) ?? 0)) writers.push(client);
  return writers;
}

/** An update the document emitted, waiting to be stored and relayed. */
interface PendingWrite {
  update: Uint8Array;
  /** Who and why, as stored. */
  origin: StoredUpdateOrigin & { at: string };
  /** The Yjs transaction's origin: the connection that sent it (not relayed back to it) or a server edit. */
  sender: unknown;
  edit: ServerEdit | null;
  /** A server edit's audit row, stored with its update. */
  audit: NewAuditEntry | null;
}

/** Resolves once the current turn of the event loop has ended (after its I/O callbacks). */
function endOfTurn(): Promise<void> {
  return new Promise((done) => setImmediate(done));
}

/**
 * Presence client ids remembered per room with the session that first used them, so that only
 * that session can use them again; the oldest ids no connection holds are forgotten past this.
 */
const MAX_REMEMBERED_CLIENT_IDS = 10_000;

/**
 * One loaded document and the connections editing it. Every update is stored before it is
 * relayed: the updates of one turn of the event loop are stored together in one transaction
 * (group commit), batches one after another on `writes`, and each update is relayed only once
 * its batch has committed, so the order clients see is the order stored.
 */
export class Room {
  readonly doc: Y.Doc;
  readonly awareness: awarenessProtocol.Awareness;
  private readonly connections = new Map<SyncConnection, Set<number>>();
  /** Presence client id → the session that first used it in this room. */
  private readonly clientOwners = new Map<number, string>();
  /** Presence client ids set through another instance → that instance (until a connection here claims one). */
  private readonly presenceFrom = new Map<number, string>();
  private readonly guard: UpdateGuard;
  /** Which account introduced each Yjs client id of the document. */
  private readonly claims: ClientClaims;
  private writes: Promise<void> = Promise.resolve();
  /** Updates of the current turn, not yet being stored (null: the next update starts a batch). */
  private batch: PendingWrite[] | null = null;
  private broken = false;

  constructor(
    readonly name: string,
    doc: Y.Doc,
    private readonly persistence: DocumentPersistence,
    private readonly events: RoomEvents = {},
    claims: readonly ClientClaim[] = [],
  ) {
    this.doc = doc;
    this.claims = new ClientClaims(claims);
    this.guard = new UpdateGuard(doc, this.claims);
    if (this.guard.overLimit) this.log(`${name} takes no updates: ${this.guard.overLimit}`);
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
    if (!connection.writableAtOpen) connection.send(encodePermissionDenied(READ_ONLY_REASON));
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

  /**
   * Handles one decoded message from a connection of this room: at once, or, for a message
   * answered only once what came before it is stored (a sync step 1, a heartbeat), by the promise
   * returned; the connection hands the room nothing else until that settles. Throws
   * OutOfSyncError for an update that cannot be integrated.
   */
  receive(connection: SyncConnection, message: ClientMessage): Promise<void> | undefined {
    if (!this.connections.has(connection)) return undefined;
    switch (message.kind) {
      case 'syncStep1':
        // Background work on the document waits while people open it.
        this.persistence.noteSync(this.name);
        // Answer only with state that is already stored: nobody sees what a crash could lose.
        return this.writes.then(() => {
          if (this.connections.has(connection)) connection.send(encodeSyncStep2(this.doc, message.stateVector));
        });
      case 'update':
        this.applyClientUpdate(connection, message.update, message.decoded);
        return undefined;
      case 'awareness':
        this.applyAwareness(connection, this.acceptAwareness(connection, message.entries));
        return undefined;
      case 'queryAwareness':
        connection.send(encodeAwareness(this.awareness, [...this.awareness.getStates().keys()]));
        return undefined;
      case 'heartbeat':
        // Answered, like a sync step 1, once what this connection sent before it is stored.
        return this.writes.then(() => {
          if (this.connections.has(connection)) connection.send(HEARTBEAT_ANSWER);
        });
    }
  }

  /**
   * Applies a client's update, or refuses it before it touches the document: a read-only
   * connection's and one over a limit are dropped with a y-protocols "permission denied" (the
   * client shows its edits as not taken); one with missing dependencies closes the connection
   * (OutOfSyncError, close 4009), so that the stock client reconnects and resyncs; one needing a
   * copy of the document when the connection's allowance is spent closes it too
   * (TooMuchDocumentWorkError, close 4029): the client sends it again once reconnected.
   */
  private applyClientUpdate(connection: SyncConnection, update: Uint8Array, decoded: DecodedUpdate): void {
    if (isEmptyUpdate(decoded)) return;
    if (!connection.mayWrite()) {
      connection.send(encodePermissionDenied(READ_ONLY_REASON));
      return;
    }
    const verdict = this.guard.check(update, decoded, connection.user.username, () => connection.takeDocumentWork());
    if (verdict.kind === 'tooMuchWork') {
      throw new TooMuchDocumentWorkError(`more updates judged on a copy of the document than ${DOCUMENT_WORK_AT_ONCE} at once from ${connection.user.username}: ${verdict.detail}`);
    }
    if (verdict.kind === 'limit') {
      this.log(`${connection.id} on ${this.name}: update refused: ${verdict.detail}`);
      connection.send(encodePermissionDenied(limitRefusalReason(verdict.detail)));
      return;
    }
    if (verdict.kind === 'missingDependencies') {
      throw new OutOfSyncError(`update with missing dependencies: ${verdict.detail}`);
    }
    Y.applyUpdate(this.doc, update, connection);
    const store = this.doc.store;
    if (store.pendingStructs !== null || store.pendingDs !== null) {
      // The guard missed a dependency: never keep (and so serve) what could not be integrated.
      store.pendingStructs = null;
      store.pendingDs = null;
      throw new OutOfSyncError('update left pending structs');
    }
    this.claims.claim(verdict.writers, connection.user.username);
  }

  /**
   * Applies an update that is already stored (another instance stored it, or the stored state to
   * catch up): not stored again, and what it adds is relayed to every connection at once. `claims`
   * say whose its client ids are. False when it left the document waiting for updates it does not
   * have (dropped: the caller catches up from the store).
   */
  applyStored(update: Uint8Array, claims: readonly Pick<ClientClaim, 'clientId' | 'author'>[]): boolean {
    if (this.broken) return true;
    for (const { clientId, author } of claims) if (author !== null) this.claims.claim([clientId], author);
    this.guard.countApplied(update);
    Y.applyUpdate(this.doc, update, STORED_ELSEWHERE);
    const store = this.doc.store;
    if (store.pendingStructs === null && store.pendingDs === null) return true;
    store.pendingStructs = null;
    store.pendingDs = null;
    return false;
  }

  /**
   * Prepares an edit on `edit.author`'s behalf (a restore): `change` runs on a copy of the
   * document under a client id of its own, and what it changed is checked like a client's update
   * (limits, client ids). Applying it applies that update to the document in one transaction whose
   * origin is `edit`; it is then stored and relayed like any update, so that whoever types
   * meanwhile keeps their text (an update is valid whatever was applied between the two).
   */
  prepareServerEdit(edit: ServerEdit, change: (doc: Y.Doc) => void): PreparedServerEdit {
    if (this.broken) return { kind: 'refused', reason: 'the document could not be stored; try again' };
    const copy = new Y.Doc();
    let update: Uint8Array;
    try {
      copy.clientID = this.claims.unused((client) => this.doc.store.clients.has(client));
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(this.doc));
      const changes: Uint8Array[] = [];
      copy.on('update', (changed: Uint8Array) => changes.push(changed));
      copy.transact(() => change(copy));
      if (changes.length === 0) return { kind: 'unchanged' };
      update = changes.length === 1 ? changes[0]! : Y.mergeUpdates(changes);
    } finally {
      copy.destroy();
    }
    const verdict = this.guard.check(update, Y.decodeUpdate(update), edit.author);
    if (verdict.kind !== 'apply') return { kind: 'refused', reason: verdict.detail };
    return {
      kind: 'ready',
      apply: () => {
        if (this.broken) return Promise.reject(new Error(`${this.name} could not be stored`));
        Y.applyUpdate(this.doc, update, edit);
        this.claims.claim(verdict.writers, edit.author);
        if (!edit.emitted) edit.done(null);
        return edit.stored;
      },
    };
  }

  /**
   * Keeps a connection to its own presence: a client id belongs to the session that first used
   * it in this room (another session's entries for it are dropped, also after that session's
   * socket closed), and one connection holds at most MAX_AWARENESS_CLIENTS_PER_CONNECTION ids.
   * Every state's user is the session's (only the caret colour is the client's), its cursor must
   * be two relative positions, and its size is bounded (sanitizePresenceState). An entry that
   * breaks a rule is dropped; the connection stays.
   */
  private acceptAwareness(connection: SyncConnection, entries: readonly ReceivedAwarenessEntry[]): AwarenessEntry[] {
    const accepted: AwarenessEntry[] = [];
    const { username, name, ministry } = connection.user;
    for (const entry of entries) {
      if (!this.claimClientId(connection, entry.clientId, entry.clock)) continue;
      const state = sanitizePresenceState(entry.json, { username, name, ministry });
      if (state !== undefined) accepted.push({ clientId: entry.clientId, clock: entry.clock, state });
    }
    return accepted;
  }

  /**
   * Applies accepted presence entries as y-protocols' `applyAwarenessUpdate` does (a newer clock
   * wins, null at the same clock removes), and relays what changed to every connection in one
   * message, each state's JSON written once: not encoded, decoded and encoded again. The room is
   * its awareness' only listener, so no event is emitted for this (removals on close and the
   * outdated-state check still go through the awareness and `handleAwarenessUpdate`).
   */
  private applyAwareness(connection: SyncConnection, entries: readonly AwarenessEntry[]): void {
    if (entries.length === 0) return;
    const { states, meta } = this.awareness;
    const now = Date.now();
    const changed: ReceivedAwarenessEntry[] = [];
    const removed: number[] = [];
    for (const { clientId, clock, state } of entries) {
      const knownMeta = meta.get(clientId);
      const known = knownMeta?.clock ?? 0;
      if (!(known < clock || (known === clock && state === null && states.has(clientId)))) continue;
      if (state === null) {
        states.delete(clientId);
        removed.push(clientId);
      } else {
        states.set(clientId, state);
      }
      meta.set(clientId, { clock, lastUpdated: now });
      // A goodbye for an id never seen changes nothing anyone knows: y-protocols relays nothing then.
      if (state !== null || knownMeta !== undefined) changed.push({ clientId, clock, json: state === null ? 'null' : JSON.stringify(state) });
    }
    if (changed.length === 0) return;
    const owned = this.connections.get(connection);
    // One message may say goodbye and then hello again for one id: it is removed only if gone.
    if (owned) for (const id of removed) if (!states.has(id)) owned.delete(id);
    // Relayed as y-protocols would encode the awareness now: each id once, as it ended up (a hello
    // and a goodbye for one id in one message would otherwise reach others as an id added without
    // a state).
    const last = new Map(changed.map((entry, index) => [entry.clientId, index]));
    const message = encodeAwarenessMessage(changed.filter((entry, index) => last.get(entry.clientId) === index));
    for (const receiver of this.connections.keys()) receiver.send(message);
    this.events.onAwareness?.(this, message, connection.sessionId);
  }

  /**
   * Applies presence another instance (`from`) relayed (a y-protocols awareness update of
   * `clientIds`) and relays what changed; ids a session set there are that session's here too.
   */
  applyPresenceFromElsewhere(update: Uint8Array, sessionId: string | null, clientIds: readonly number[], from: string): void {
    if (this.broken) return;
    if (sessionId !== null) for (const id of clientIds) if (!this.clientOwners.has(id)) this.rememberOwner(id, sessionId);
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, PRESENCE_ELSEWHERE);
    for (const id of clientIds) {
      if (!this.awareness.states.has(id)) this.presenceFrom.delete(id);
      else if (!this.isHeldHere(id)) this.presenceFrom.set(id, from);
    }
  }

  /**
   * Removes, and tells this instance's connections of, the presence that came through an instance
   * that fell silent: without it the carets of its people would stay until presence times out.
   */
  forgetPresenceFrom(instance: string): void {
    if (this.broken) return;
    const gone = [...this.presenceFrom].filter(([id, from]) => from === instance && !this.isHeldHere(id)).map(([id]) => id);
    for (const id of gone) this.presenceFrom.delete(id);
    if (gone.length > 0) awarenessProtocol.removeAwarenessStates(this.awareness, gone, PRESENCE_ELSEWHERE);
  }

  private isHeldHere(clientId: number): boolean {
    for (const ids of this.connections.values()) if (ids.has(clientId)) return true;
    return false;
  }

  /**
   * Whether `connection` may set the presence of `clientId`; records it as the connection's when
   * it may. Stock clients echo every state they receive back to the server with its clock
   * unchanged: only a newer clock claims an id, and an id another connection holds moves only to
   * a connection of the same session (a reconnect before the old socket is gone).
   */
  private claimClientId(connection: SyncConnection, clientId: number, clock: number): boolean {
    const ids = this.connections.get(connection);
    if (!ids) return false;
    if (ids.has(clientId)) return true;
    const owner = this.clientOwners.get(clientId);
    if (owner !== undefined && owner !== connection.sessionId) return false;
    // An echo, or older than what is known: y-protocols would ignore it anyway.
    if (clock <= (this.awareness.meta.get(clientId)?.clock ?? -1)) return false;
    if (ids.size >= MAX_AWARENESS_CLIENTS_PER_CONNECTION) return false;
    for (const [other, otherIds] of this.connections) {
      if (other !== connection && otherIds.delete(clientId)) break;
    }
    ids.add(clientId);
    // Reconnected here (its instance may be gone): its presence is this instance's to keep now.
    this.presenceFrom.delete(clientId);
    if (owner === undefined) this.rememberOwner(clientId, connection.sessionId);
    return true;
  }

  private rememberOwner(clientId: number, sessionId: string): void {
    this.clientOwners.set(clientId, sessionId);
    if (this.clientOwners.size <= MAX_REMEMBERED_CLIENT_IDS) return;
    const held = new Set<number>();
    for (const ids of this.connections.values()) for (const id of ids) held.add(id);
    for (const id of this.clientOwners.keys()) {
      if (this.clientOwners.size <= MAX_REMEMBERED_CLIENT_IDS) break;
      if (!held.has(id)) this.clientOwners.delete(id);
    }
  }

  private log(message: string): void {
    this.events.log?.(message);
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

  /** Who stored an update, read from its transaction's origin: a connection's session, or a server edit's author. */
  private originOf(origin: unknown, transaction: Y.Transaction): StoredUpdateOrigin {
    const clients = writersOf(transaction);
    if (origin instanceof ServerEdit) return { kind: origin.kind, author: origin.author, clients, restoredFrom: origin.restoredFrom };
    if (isConnection(origin)) return { kind: 'edit', author: origin.user.username, clients };
    // Nothing else edits a room's document; should something, its update is stored without an author.
    this.log(`an update of ${this.name} came from no connection; stored without an author`);
    return { kind: 'edit', author: null, clients: [] };
  }

  /**
   * Queues an update the document emitted for storing. The updates of one turn of the event loop
   * (a room's messages that arrived together, and any that arrive while the previous write is
   * still being stored) are stored together in one transaction, then relayed, in order.
   */
  private readonly handleDocUpdate = (update: Uint8Array, origin: unknown, _doc: Y.Doc, transaction: Y.Transaction): void => {
    if (origin === STORED_ELSEWHERE) {
      const message = encodeUpdate(update);
      for (const connection of this.connections.keys()) connection.send(message);
      return;
    }
    const edit = origin instanceof ServerEdit ? origin : null;
    if (edit) edit.emitted = true;
    const stored = { ...this.originOf(origin, transaction), at: this.persistence.now().toISOString() };
    const write: PendingWrite = { update, origin: stored, sender: origin, edit, audit: edit?.audit ?? null };
    if (this.batch) {
      this.batch.push(write);
      return;
    }
    const batch = [write];
    this.batch = batch;
    const turnEnded = endOfTurn();
    this.writes = this.writes
      .then(() => turnEnded)
      .then(() => {
        // Closed once its turn has ended and the writes before it are stored: later updates start the next.
        if (this.batch === batch) this.batch = null;
        return this.storeBatch(batch);
      });
  };

  /**
   * The document's state while it holds only stored updates: asked right after a batch has
   * committed, it is that while no update has been applied since (one would have opened the next
   * batch). For compaction, which otherwise builds the document from its log again.
   */
  private readonly storedState = (): Uint8Array | null => (this.batch === null && !this.broken ? Y.encodeStateAsUpdate(this.doc) : null);

  /** Stores a batch in one transaction, then relays each of its updates to everyone but its sender. */
  private async storeBatch(batch: readonly PendingWrite[]): Promise<void> {
    if (this.broken) {
      for (const { edit } of batch) edit?.fail(new Error(`${this.name} could not be stored`));
      return;
    }
    let appended: AppendedUpdate[];
    try {
      appended = await this.persistence.storeUpdates(this.name, batch, this.storedState);
    } catch (error) {
      this.broken = true;
      // What is in memory now is not all stored: drop the room; clients still hold their
      // edits and send them again when they reconnect to a freshly loaded document.
      // Each step on its own: the room's chain of writes must not reject with nobody waiting on
      // it, and whoever holds the room is told even if closing its sockets failed.
      const attempt = (step: () => void): void => {
        try {
          step();
        } catch (failure) {
          this.log(`dropping ${this.name} after a failed write failed too: ${String(failure)}`);
        }
      };
      attempt(() => this.destroy(CLOSE_CODES.INTERNAL_ERROR, 'storage failed'));
      attempt(() => this.events.onBroken?.(this, error));
      for (const { edit } of batch) edit?.fail(error);
      return;
    }
    batch.forEach(({ update, origin, sender, edit }, index) => {
      try {
        // Encoded once for the room, not once per receiver.
        const message = encodeUpdate(update);
        for (const connection of this.connections.keys()) {
          if (connection !== sender) connection.send(message);
        }
        this.events.onStoredUpdate?.(this, update, origin);
      } catch (error) {
        // The update is stored; a failing send or listener must not stall the updates after it.
        this.log(`relaying an update of ${this.name} failed: ${String(error)}`);
      }
      edit?.done(appended[index] ?? null);
    });
  }

  private readonly handleAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const changed = [...added, ...updated, ...removed];
    const owned = this.connections.get(origin as SyncConnection);
    // One message may say goodbye and then hello again for one id: it is removed only if gone.
    if (owned) for (const id of removed) if (!this.awareness.states.has(id)) owned.delete(id);
    for (const id of removed) if (!this.awareness.states.has(id)) this.presenceFrom.delete(id);
    const message = encodeAwareness(this.awareness, changed);
    for (const connection of this.connections.keys()) connection.send(message);
    // A connection of this instance closed; presence that timed out here is timed out on every instance.
    if (origin !== PRESENCE_ELSEWHERE && origin !== 'timeout') this.events.onAwareness?.(this, message, null);
  };
}
