import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { fetchStoredStateVector } from '../api.js';
import type { ConnectionSnapshot, LinkState } from '../connection.js';

/** Quiet time after a local edit before asking the server whether it has it. */
const CONFIRM_DELAY_MS = 400;
/** How often to ask again while edits are still unconfirmed. */
const CONFIRM_RETRY_MS = 1_500;
/** Failed reconnects after which the link counts as offline, not reconnecting. */
const OFFLINE_AFTER_FAILED_RECONNECTS = 2;
/** How long a document stays open after its last view closed (StrictMode remounts, quick returns). */
const RELEASE_DELAY_MS = 2_000;

const confirmedKey = (docName: string) => `samskriv.confirmed.${docName}`;

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
  private status: ConnectionSnapshot = { state: 'connecting', unsynced: false };
  private readonly listeners = new Set<() => void>();
  private confirmTimer: ReturnType<typeof setTimeout> | null = null;
  private destroyed = false;

  constructor(readonly docName: string) {
    const wsUrl = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/sync`;
    this.local = new IndexeddbPersistence(docName, this.doc);
    this.provider = new WebsocketProvider(wsUrl, docName, this.doc);
    this.doc.on('update', this.onUpdate);
    this.provider.on('status', this.refresh);
    this.provider.on('sync', this.onSync);
    window.addEventListener('online', this.refresh);
    window.addEventListener('offline', this.refresh);
    // After a reload: does what IndexedDB kept hold edits the server never confirmed?
    void this.local.whenSynced.then(() => this.scheduleCheck(0));
  }

  snapshot(): ConnectionSnapshot {
    return this.status;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  destroy(): void {
    this.destroyed = true;
    if (this.confirmTimer) clearTimeout(this.confirmTimer);
    window.removeEventListener('online', this.refresh);
    window.removeEventListener('offline', this.refresh);
    this.doc.off('update', this.onUpdate);
    this.provider.destroy();
    void this.local.destroy();
    this.doc.destroy();
  }

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
    this.setStatus({ ...this.status, unsynced: true });
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
        localStorage.setItem(confirmedKey(this.docName), btoa(String.fromCharCode(...stored)));
      } catch {
        // Storage full or blocked: only the offline check after a reload gets less precise.
      }
    }
    const unsynced = !this.covers(storedClocks);
    this.setStatus({ ...this.status, unsynced });
    if (unsynced) this.scheduleCheck(CONFIRM_RETRY_MS);
  }

  private covers(server: Map<number, number>): boolean {
    return covered(Y.decodeStateVector(Y.encodeStateVector(this.doc)), server);
  }

  private lastConfirmed(): Map<number, number> {
    try {
      const raw = localStorage.getItem(confirmedKey(this.docName));
      if (!raw) return new Map();
      return Y.decodeStateVector(Uint8Array.from(atob(raw), (c) => c.charCodeAt(0)));
    } catch {
      return new Map();
    }
  }

  private setStatus(next: ConnectionSnapshot): void {
    if (next.state === this.status.state && next.unsynced === this.status.unsynced) return;
    this.status = next;
    for (const listener of this.listeners) listener();
  }
}

/** True when the server's clocks reach every clock of this browser. */
function covered(local: Map<number, number>, server: Map<number, number>): boolean {
  for (const [client, clock] of local) if ((server.get(client) ?? 0) < clock) return false;
  return true;
}

const open = new Map<string, { session: CollabSession; holders: number; timer: ReturnType<typeof setTimeout> | null }>();

/**
 * The session of a document, shared by every view of it, created outside React state so a
 * StrictMode double mount reuses it. Returns the session and the function that lets it go.
 */
export function acquireSession(docName: string): { session: CollabSession; release: () => void } {
  let entry = open.get(docName);
  if (!entry) {
    entry = { session: new CollabSession(docName), holders: 0, timer: null };
    open.set(docName, entry);
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
        if (held.holders > 0) return;
        open.delete(docName);
        held.session.destroy();
      }, RELEASE_DELAY_MS);
    },
  };
}
