import * as encoding from 'lib0/encoding';
import * as authProtocol from 'y-protocols/auth';
import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { LIMIT_REFUSAL_PREFIX } from '../../../shared/auth.js';
import { CLOSE_CODES } from '../../../shared/closeCodes.js';
import { NARRATIVE_FIELD } from '../../../shared/documentLayout.js';
import { MESSAGE_HEARTBEAT } from '../../../shared/syncMessages.js';
import { reportAuthTrouble } from '../api.js';
import { fetchStoredStateVector } from '../api/measure.js';
import { noteAnswer, type ConnectionSnapshot } from '../connection.js';
import { confirmedKey, fetchedKey, forgetLocalDoc, localDocName, noteUnconfirmed } from '../localData.js';
import { registerDocument } from '../openDocuments.js';
import { recheckSession } from '../session.js';
import { dropForeignChildren, judgeReceived } from './foreignChildren.js';
import {
  EditConfirmation,
  HEARTBEAT_QUIET_MS,
  HEARTBEAT_TIMEOUT_MS,
  linkStateOf,
  NOTHING_UNCONFIRMED,
  type Clocks,
  type Confirmation,
} from './editConfirmation.js';

/** How long a document stays open after its last view closed (StrictMode remounts, quick returns). */
const RELEASE_DELAY_MS = 2_000;
/**
 * Least time between session checks prompted by failed connections: a refusal before the
 * upgrade (401 when signed out) reaches the browser only as a failed connection.
 */
const REFUSED_RECHECK_MS = 10_000;
/** y-protocols' message type for auth messages (y-websocket's `messageAuth`). */
const MESSAGE_AUTH = 2;
/** How often the heartbeat looks at the connection. */
const HEARTBEAT_TICK_MS = 1_000;
/** Least time between two notes of when this copy was last in step with the server (localStorage writes). */
const FETCHED_NOTE_MS = 15_000;

/** What a session knows about its sync, beyond what the header shows (see Confirmation). */
export type SessionStatus = ConnectionSnapshot &
  Confirmation & {
    /** The text has been in step with the server since this session opened (not only this browser's copy). */
    syncedOnce: boolean;
  };

const clocksOf = (doc: Y.Doc): Clocks => Y.decodeStateVector(Y.encodeStateVector(doc));

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
  private status: SessionStatus = { state: 'connecting', ...NOTHING_UNCONFIRMED, syncedOnce: false };
  private readonly listeners = new Set<() => void>();
  private readonly confirmation: EditConfirmation;
  private destroyed: Promise<void> | null = null;
  private openedSinceConnect = false;
  private lastRefusedCheck = 0;
  private readonly heartbeat: ReturnType<typeof setInterval>;
  private lastProbe = 0;
  private lastSeenMessage = 0;
  private lastFetchedNote = 0;
  private readonly stopDroppingForeign: () => void;
  /**
   * Resolves once what this copy holds has been judged by the narrative schema's checks, which
   * load apart (foreignChildren.ts): the editor is made only then. Rejects when they cannot load.
   */
  readonly judged: Promise<void>;

  /** `username`'s copy of `docName`: kept in that account's IndexedDB, synced under its session. */
  constructor(
    readonly docName: string,
    readonly username: string,
  ) {
    const wsUrl = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/sync`;
    this.local = new IndexeddbPersistence(localDocName(username, docName), this.doc);
    this.provider = new WebsocketProvider(wsUrl, docName, this.doc);
    // Before either applies anything (both begin later): what y-prosemirror cannot render never
    // reaches the editor; deleted here as if the server had (not sent, not this person's edit).
    const fragment = this.doc.getXmlFragment(NARRATIVE_FIELD);
    this.stopDroppingForeign = dropForeignChildren(this.doc, fragment, this.provider);
    this.judged = judgeReceived(this.doc, fragment, this.provider);
    // NarrativeEditor says so when they cannot load; nothing else waits on it.
    this.judged.catch(() => undefined);
    this.confirmation = new EditConfirmation(
      {
        local: () => clocksOf(this.doc),
        connected: () => this.provider.wsconnected && this.provider.synced,
        fetchStored: () => fetchStoredStateVector(docName),
        lastConfirmed: () => this.lastConfirmed(),
        rememberConfirmed: (stored) => {
          try {
            localStorage.setItem(confirmedKey(username, docName), btoa(String.fromCharCode(...stored)));
          } catch {
            // Storage full or blocked: only the offline check after a reload gets less precise.
          }
        },
        // The server's answer settles it, also for a note left by an earlier visit.
        settled: (unsynced) => noteUnconfirmed(username, docName, unsynced),
      },
      (confirmation) => this.setStatus({ ...this.status, ...confirmation }),
    );
    // A read-only connection is told so on connect and for each update it sends anyway (which
    // the server drops). Instead of y-websocket's console warning: ask whether the rights
    // changed, and remember the refusal, so that edits the server will not take are shown.
    this.provider.messageHandlers[MESSAGE_AUTH] = (_encoder, decoder) =>
      authProtocol.readAuthMessage(decoder, this.doc, this.onPermissionDenied);
    // The heartbeat's answer: its arrival is all it says (the provider notes when it came).
    this.provider.messageHandlers[MESSAGE_HEARTBEAT] = () => undefined;
    this.doc.on('update', this.onUpdate);
    this.provider.on('status', this.onStatus);
    this.provider.on('sync', this.onSync);
    this.provider.on('connection-close', this.onConnectionClose);
    this.provider.on('closed', this.onClosed);
    window.addEventListener('online', this.refresh);
    window.addEventListener('offline', this.refresh);
    // After a reload: does what IndexedDB kept hold edits the server never confirmed?
    void this.local.whenSynced.then(() => this.confirmation.checkIn(0));
    this.heartbeat = setInterval(this.beat, HEARTBEAT_TICK_MS);
  }

  /**
   * When this copy was last in step with the server (ISO), as noted in this browser, or null
   * when it never was here: what "sist hentet" says while the text shown is this browser's copy.
   */
  fetchedAt(): string | null {
    try {
      return localStorage.getItem(fetchedKey(this.username, this.docName));
    } catch {
      return null;
    }
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
    clearInterval(this.heartbeat);
    this.confirmation.stop();
    window.removeEventListener('online', this.refresh);
    window.removeEventListener('offline', this.refresh);
    this.doc.off('update', this.onUpdate);
    this.stopDroppingForeign();
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
    // A refusal for a limit says nothing about the session's rights.
    if (!reason.startsWith(LIMIT_REFUSAL_PREFIX)) reportAuthTrouble(403);
    if (this.destroyed) return;
    this.confirmation.refused(reason);
  };

  private readonly onUpdate = (_update: Uint8Array, origin: unknown): void => {
    // Updates from the server or from IndexedDB are not edits waiting for the server.
    if (origin === this.provider || origin === this.local) return;
    this.confirmation.edited();
  };

  private readonly onSync = (synced: boolean): void => {
    if (synced) {
      this.confirmation.checkIn(0);
      this.noteFetched(true);
    }
    this.refresh();
  };

  /**
   * The heartbeat: the server's websocket pings are answered by the browser without telling the
   * page, so an open socket says nothing about a server that stopped answering. After a quiet
   * moment the session sends a heartbeat (shared/syncMessages.ts), which the server answers once
   * what it received is stored; the link counts as connected only while answers come.
   */
  private readonly beat = (): void => {
    const { provider } = this;
    const last = provider.wsLastMessageReceived;
    if (last > this.lastSeenMessage) {
      this.lastSeenMessage = last;
      noteAnswer(last);
      if (provider.synced) this.noteFetched(false);
    }
    const now = Date.now();
    if (provider.wsconnected && provider.ws?.readyState === WebSocket.OPEN && now - last >= HEARTBEAT_QUIET_MS && now - this.lastProbe >= HEARTBEAT_QUIET_MS) {
      this.lastProbe = now;
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_HEARTBEAT);
      provider.ws.send(encoding.toUint8Array(encoder));
    }
    this.refresh();
  };

  /** Notes that this copy is in step with the server now (at most every few seconds, unless `now`). */
  private noteFetched(now: boolean): void {
    const at = Date.now();
    if (!now && at - this.lastFetchedNote < FETCHED_NOTE_MS) return;
    this.lastFetchedNote = at;
    try {
      localStorage.setItem(fetchedKey(this.username, this.docName), new Date(at).toISOString());
    } catch {
      // Storage full or blocked: "sist hentet" is then unknown after a reload.
    }
  }

  private readonly refresh = (): void => {
    const answered = Date.now() - this.provider.wsLastMessageReceived < HEARTBEAT_TIMEOUT_MS;
    const state = linkStateOf({
      connected: this.provider.wsconnected,
      synced: this.provider.synced,
      online: navigator.onLine,
      failedReconnects: this.provider.wsUnsuccessfulReconnects,
      answered,
    });
    const syncedOnce = this.status.syncedOnce || (state === 'connected' && this.provider.synced);
    this.setStatus({ ...this.status, state, syncedOnce });
  };

  private lastConfirmed(): Clocks {
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
      next.checked === this.status.checked &&
      next.syncedOnce === this.status.syncedOnce;
    if (same) return;
    if (next.unsynced !== this.status.unsynced) noteUnconfirmed(this.username, this.docName, next.unsynced);
    this.status = next;
    for (const listener of this.listeners) listener();
  }
}

interface Entry {
  session: CollabSession;
  holders: number;
  timer: ReturnType<typeof setTimeout> | null;
  unregister: () => void;
}
const open = new Map<string, Entry>();
const openListeners = new Set<() => void>();

const keyOf = (docName: string, username: string): string => `${username}/${docName}`;

function openChanged(): void {
  for (const listener of openListeners) listener();
}

/** Hears when a session opens or closes. */
export function subscribeSessions(listener: () => void): () => void {
  openListeners.add(listener);
  return () => openListeners.delete(listener);
}

/** The open session of `username`'s copy of `docName`, or null (not acquired yet, or just thrown away). */
export function openSession(docName: string, username: string): CollabSession | null {
  return open.get(keyOf(docName, username))?.session ?? null;
}

function close(key: string, entry: Entry): Promise<void> {
  if (entry.timer) clearTimeout(entry.timer);
  entry.timer = null;
  if (open.get(key) === entry) {
    open.delete(key);
    openChanged();
  }
  entry.unregister();
  return entry.session.destroy();
}

/**
 * The session of `username`'s copy of a document, shared by every view of it, created outside
 * React state so a StrictMode double mount reuses it. Returns the session and the function that
 * lets it go.
 */
export function acquireSession(docName: string, username: string): { session: CollabSession; release: () => void } {
  const key = keyOf(docName, username);
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
    openChanged();
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
  const key = keyOf(docName, username);
  const entry = open.get(key);
  if (entry) await close(key, entry);
  await forgetLocalDoc(username, docName);
}
