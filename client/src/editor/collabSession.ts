import * as authProtocol from 'y-protocols/auth';
import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { LIMIT_REFUSAL_PREFIX } from '../../../shared/auth.js';
import { CLOSE_CODES } from '../../../shared/closeCodes.js';
import { fetchStoredStateVector, reportAuthTrouble } from '../api.js';
import type { ConnectionSnapshot, LinkState } from '../connection.js';
import { confirmedKey, forgetLocalDoc, localDocName, noteUnconfirmed } from '../localData.js';
import { registerDocument } from '../openDocuments.js';
import { recheckSession } from '../session.js';

/** Quiet time after a local edit before asking the server whether it has it. */
const CONFIRM_DELAY_MS = 400;
/** How often to ask again while edits are still unconfirmed. */
const CONFIRM_RETRY_MS = 1_500;
/** Failed reconnects after which the link counts as offline, not reconnecting. */
const OFFLINE_AFTER_FAILED_RECONNECTS = 2;
/** How long a document stays open after its last view closed (StrictMode remounts, quick returns). */
const RELEASE_DELAY_MS = 2_000;
/**
 * Least time between session checks prompted by failed connections: a refusal before the
 * upgrade (401 when signed out) reaches the browser only as a failed connection.
 */
const REFUSED_RECHECK_MS = 10_000;
/** y-protocols' message type for auth messages (y-websocket's `messageAuth`). */
const MESSAGE_AUTH = 2;

/** What a session knows about its sync, beyond what the header shows. */
export interface SessionStatus extends ConnectionSnapshot {
  /**
   * The server said (y-protocols auth "permission denied") that it does not take this
   * browser's edits, while this browser held some it lacks. Cleared once it has them all.
   */
  refused: boolean;
  /** `unsynced` is the server's own answer about what it stores, not a guess from a local edit. */
  checked: boolean;
  /**
   * Why the server refused: `rights` (a read-only connection), or `limit` (the edit would make
   * the text larger or more deeply nested than any narrative may be).
   */
  refusedFor: 'rights' | 'limit' | null;
}

/**
 * One measure's narrative in this browser: the Y.Doc, kept in IndexedDB so edits survive a
 * reload while offline, synced through the stock y-websocket provider. It also tracks
 * whether the server holds every edit this browser has: the protocol has no acknowledgement,
 * so the session compares its state vector with the one the server reports as stored.
 */
export class CollabSession {
  readonly doc = new Y.Doc();
  readonly provider: WebsocketProvider;
  readonly local: IndexeddbPersistence;
  private status: SessionStatus = { state: 'connecting', unsynced: false, refused: false, checked: false, refusedFor: null };
  private readonly listeners = new Set<() => void>();
  private confirmTimer: ReturnType<typeof setTimeout> | null = null;
  private destroyed: Promise<void> | null = null;
  private openedSinceConnect = false;
  private lastRefusedCheck = 0;

  /** `username`'s copy of `docName`: kept in that account's IndexedDB, synced under its session. */
  constructor(
    readonly docName: string,
    readonly username: string,
  ) {
    const wsUrl = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/sync`;
    this.local = new IndexeddbPersistence(localDocName(username, docName), this.doc);
    this.provider = new WebsocketProvider(wsUrl, docName, this.doc);
    // A read-only connection is told so on connect and for each update it sends anyway (which
    // the server drops). Instead of y-websocket's console warning: ask whether the rights
    // changed, and remember the refusal, so that edits the server will not take are shown.
    this.provider.messageHandlers[MESSAGE_AUTH] = (_encoder, decoder) =>
      authProtocol.readAuthMessage(decoder, this.doc, this.onPermissionDenied);
    this.doc.on('update', this.onUpdate);
    this.provider.on('status', this.onStatus);
    this.provider.on('sync', this.onSync);
    this.provider.on('connection-close', this.onConnectionClose);
    this.provider.on('closed', this.onClosed);
    window.addEventListener('online', this.refresh);
    window.addEventListener('offline', this.refresh);
    // After a reload: does what IndexedDB kept hold edits the server never confirmed?
    void this.local.whenSynced.then(() => this.scheduleCheck(0));
  }

  snapshot(): SessionStatus {
    return this.status;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Edits this browser holds that the server has not confirmed. */
  get unsynced(): boolean {
    return this.status.unsynced;
  }

  /** Closes the connection and the IndexedDB handle at once; resolves when IndexedDB let go. */
  destroy(): Promise<void> {
    if (this.destroyed) return this.destroyed;
    if (this.confirmTimer) clearTimeout(this.confirmTimer);
    window.removeEventListener('online', this.refresh);
    window.removeEventListener('offline', this.refresh);
    this.doc.off('update', this.onUpdate);
    this.provider.destroy();
    this.destroyed = this.local.destroy().then(
      () => this.doc.destroy(),
      () => this.doc.destroy(),
    );
    return this.destroyed;
  }

  private readonly onStatus = ({ status }: { status: string }): void => {
    if (status === 'connected') this.openedSinceConnect = true;
    this.refresh();
  };

  /**
   * A connection that closed before it ever opened may have been refused for want of a session
   * (HTTP 401 before the upgrade): ask the server, now and then, whether we are still signed in.
   */
  private readonly onConnectionClose = (event: CloseEvent | null): void => {
    const opened = this.openedSinceConnect;
    this.openedSinceConnect = false;
    if (event === null || opened || !navigator.onLine) return;
    if (Date.now() - this.lastRefusedCheck < REFUSED_RECHECK_MS) return;
    this.lastRefusedCheck = Date.now();
    void recheckSession();
  };

  /**
   * y-websocket stops reconnecting after a 44xx close. The session ended (4401): re-check it,
   * which shows the sign-in page, and reconnect if it turns out to be alive (a new session). The
   * rights changed (4403): re-check the session, which updates what the page allows, and
   * reconnect to get the new rights.
   */
  private readonly onClosed = ({ code }: { code: number }): void => {
    if (code !== CLOSE_CODES.SESSION_ENDED && code !== CLOSE_CODES.PERMISSIONS_CHANGED) return;
    void recheckSession().then((checked) => {
      if (this.destroyed || checked.status !== 'signedIn' || checked.user.username !== this.username) return;
      this.provider.connect();
    });
  };

  private readonly onPermissionDenied = (_doc: Y.Doc, reason: string): void => {
    const limit = reason.startsWith(LIMIT_REFUSAL_PREFIX);
    // A refusal for a limit says nothing about the session's rights.
    if (!limit) reportAuthTrouble(403);
    if (this.destroyed) return;
    this.setStatus({ ...this.status, refused: true, refusedFor: limit ? 'limit' : 'rights' });
  };

  private readonly onUpdate = (_update: Uint8Array, origin: unknown): void => {
    // Updates from the server or from IndexedDB are not edits waiting for the server.
    if (origin === this.provider || origin === this.local) return;
    this.markUnconfirmed();
  };

  private readonly onSync = (synced: boolean): void => {
    if (synced) this.scheduleCheck(0);
    this.refresh();
  };

  private readonly refresh = (): void => {
    const state: LinkState = this.provider.wsconnected
      ? this.provider.synced
        ? 'connected'
        : 'connecting'
      : !navigator.onLine || this.provider.wsUnsuccessfulReconnects >= OFFLINE_AFTER_FAILED_RECONNECTS
        ? 'offline'
        : 'connecting';
    this.setStatus({ ...this.status, state });
  };

  private markUnconfirmed(): void {
    // While the server refuses this browser's edits, a new one only adds to what it lacks.
    this.setStatus({ ...this.status, unsynced: true, checked: this.status.refused && this.status.checked });
    this.scheduleCheck(CONFIRM_DELAY_MS);
  }

  private scheduleCheck(delayMs: number): void {
    if (this.confirmTimer) clearTimeout(this.confirmTimer);
    this.confirmTimer = setTimeout(() => void this.check(), delayMs);
  }

  /**
   * Decides `unsynced`: online, by asking the server what it has stored; offline, by
   * comparing with what the server last confirmed. Asks again while edits are unconfirmed.
   */
  private async check(): Promise<void> {
    this.confirmTimer = null;
    if (this.destroyed) return;
    if (!this.provider.wsconnected || !this.provider.synced) {
      if (!this.covers(this.lastConfirmed())) this.setStatus({ ...this.status, unsynced: true });
      if (this.status.unsynced) this.scheduleCheck(CONFIRM_RETRY_MS);
      return;
    }
    const localBefore = Y.decodeStateVector(Y.encodeStateVector(this.doc));
    let stored: Uint8Array;
    try {
      stored = await fetchStoredStateVector(this.docName);
    } catch {
      if (!this.destroyed) this.scheduleCheck(CONFIRM_RETRY_MS);
      return;
    }
    if (this.destroyed) return;
    const storedClocks = Y.decodeStateVector(stored);
    if (covered(localBefore, storedClocks)) {
      try {
        localStorage.setItem(confirmedKey(this.username, this.docName), btoa(String.fromCharCode(...stored)));
      } catch {
        // Storage full or blocked: only the offline check after a reload gets less precise.
      }
    }
    const unsynced = !this.covers(storedClocks);
    // The server's answer settles it, also for a note left by an earlier visit.
    noteUnconfirmed(this.username, this.docName, unsynced);
    // With nothing missing, a refusal kept nothing from the server.
    const refused = unsynced && this.status.refused;
    this.setStatus({ ...this.status, unsynced, checked: true, refused, refusedFor: refused ? this.status.refusedFor : null });
    if (unsynced) this.scheduleCheck(CONFIRM_RETRY_MS);
  }

  private covers(server: Map<number, number>): boolean {
    return covered(Y.decodeStateVector(Y.encodeStateVector(this.doc)), server);
  }

  private lastConfirmed(): Map<number, number> {
    try {
      const raw = localStorage.getItem(confirmedKey(this.username, this.docName));
      if (!raw) return new Map();
      return Y.decodeStateVector(Uint8Array.from(atob(raw), (c) => c.charCodeAt(0)));
    } catch {
      return new Map();
    }
  }

  private setStatus(next: SessionStatus): void {
    const same =
      next.state === this.status.state &&
      next.unsynced === this.status.unsynced &&
      next.refused === this.status.refused &&
      next.refusedFor === this.status.refusedFor &&
      next.checked === this.status.checked;
    if (same) return;
    if (next.unsynced !== this.status.unsynced) noteUnconfirmed(this.username, this.docName, next.unsynced);
    this.status = next;
    for (const listener of this.listeners) listener();
  }
}

/** True when the server's clocks reach every clock of this browser. */
function covered(local: Map<number, number>, server: Map<number, number>): boolean {
  for (const [client, clock] of local) if ((server.get(client) ?? 0) < clock) return false;
  return true;
}

interface Entry {
  session: CollabSession;
  holders: number;
  timer: ReturnType<typeof setTimeout> | null;
  unregister: () => void;
}
const open = new Map<string, Entry>();

function close(key: string, entry: Entry): Promise<void> {
  if (entry.timer) clearTimeout(entry.timer);
  entry.timer = null;
  if (open.get(key) === entry) open.delete(key);
  entry.unregister();
  return entry.session.destroy();
}

/**
 * The session of `username`'s copy of a document, shared by every view of it, created outside
 * React state so a StrictMode double mount reuses it. Returns the session and the function that
 * lets it go.
 */
export function acquireSession(docName: string, username: string): { session: CollabSession; release: () => void } {
  const key = `${username}/${docName}`;
  let entry = open.get(key);
  if (!entry) {
    const session = new CollabSession(docName, username);
    const created: Entry = { session, holders: 0, timer: null, unregister: () => undefined };
    created.unregister = registerDocument({
      docName,
      username,
      hasUnconfirmedEdits: () => session.unsynced,
      pause: () => session.provider.disconnect(),
      resume: () => session.provider.connect(),
      close: () => close(key, created),
    });
    open.set(key, created);
    entry = created;
  }
  const held = entry;
  held.holders++;
  if (held.timer) {
    clearTimeout(held.timer);
    held.timer = null;
  }
  let released = false;
  return {
    session: held.session,
    release: () => {
      if (released) return;
      released = true;
      held.holders--;
      if (held.holders > 0) return;
      held.timer = setTimeout(() => {
        if (held.holders === 0) void close(key, held);
      }, RELEASE_DELAY_MS);
    },
  };
}

/**
 * Throws away `username`'s copy of `docName` in this browser, with every edit the server does
 * not have: closes the open session at once (whoever holds it), then deletes the IndexedDB
 * database and what was noted about it. The next `acquireSession` starts from the server.
 */
export async function discardLocalCopy(docName: string, username: string): Promise<void> {
  const key = `${username}/${docName}`;
  const entry = open.get(key);
  if (entry) await close(key, entry);
  await forgetLocalDoc(username, docName);
}
