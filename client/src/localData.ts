/**
 * What this browser keeps of a signed-in person between visits, named per account so that
 * one person's offline edits are never loaded, let alone sent, under another account; and
 * the functions that forget it when that person signs out.
 */

const PREFIX = 'samskriv';

/** The IndexedDB database (y-indexeddb) that keeps `username`'s copy of a narrative. */
export function localDocName(username: string, docName: string): string {
  return `${PREFIX}.${username}/${docName}`;
}

/** The localStorage key of the state vector the server last confirmed for `username`'s copy. */
export function confirmedKey(username: string, docName: string): string {
  return `${PREFIX}.confirmed.${username}/${docName}`;
}

/** The localStorage key listing `username`'s narratives that hold edits the server has not confirmed. */
const unconfirmedKey = (username: string): string => `${PREFIX}.unconfirmed.${username}`;

/** The localStorage key of `username`'s changes of fields and comments waiting for the server (outbox/). */
export function outboxKey(username: string): string {
  return `${PREFIX}.outbox.${username}`;
}

/** The localStorage key of `username`'s comments being written and not sent (threads/commentDrafts.ts). */
export function draftsKey(username: string): string {
  return `${PREFIX}.drafts.${username}`;
}

/** The localStorage key of `username`'s copies of rounds' measures, as their streams last told them (measuresCopy.ts). */
export function measuresKey(username: string): string {
  return `${PREFIX}.measures.${username}`;
}

/** The localStorage key of when `username`'s copy of `docName` was last in step with the server. */
export function fetchedKey(username: string, docName: string): string {
  return `${PREFIX}.fetched.${username}/${docName}`;
}

/**
 * The name under which the outbox is noted in the unconfirmed list while it holds changes, so
 * that signing out warns about them as it does about a narrative's edits.
 */
export const OUTBOX_NOTE = 'outbox';

/**
 * The header the service worker (sw.ts) adds to an API answer it serves from its cache: the
 * answer is this browser's copy, as the server gave it at its `Date`, not the server's word now.
 */
export const BROWSER_COPY_HEADER = 'x-samskriv-browser-copy';

function readUnconfirmed(username: string): string[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(unconfirmedKey(username)) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((item): item is string => typeof item === 'string') : [];
  } catch {
    return [];
  }
}

/**
 * Notes whether `username`'s copy of `docName` (or the outbox, `OUTBOX_NOTE`) holds unconfirmed
 * changes, so that signing out can warn about them also after the measure was closed or the
 * page reloaded.
 */
export function noteUnconfirmed(username: string, docName: string, unconfirmed: boolean): void {
  const docs = new Set(readUnconfirmed(username));
  if (unconfirmed === docs.has(docName)) return;
  if (unconfirmed) docs.add(docName);
  else docs.delete(docName);
  try {
    if (docs.size === 0) localStorage.removeItem(unconfirmedKey(username));
    else localStorage.setItem(unconfirmedKey(username), JSON.stringify([...docs]));
  } catch {
    // Storage blocked: the open documents still say it themselves.
  }
}

/** The narratives of `username` (and the outbox) this browser last knew to hold unconfirmed changes. */
export function unconfirmedDocs(username: string): string[] {
  return readUnconfirmed(username);
}

/**
 * The service worker's cache of API reads (see sw.ts: `API_CACHE_PREFIX`). Deleted from the
 * page too, so that signing out clears it even when no worker is running.
 */
const API_CACHE_PREFIX = 'samskriv-api';

/** Forgets the API reads the service worker kept; they belong to whoever was signed in. */
export async function clearApiCache(): Promise<void> {
  try {
    navigator.serviceWorker?.controller?.postMessage({ type: 'clear-api' });
  } catch {
    // No worker: nothing it could re-add.
  }
  if (!('caches' in window)) return;
  try {
    for (const name of await caches.keys()) if (name.startsWith(API_CACHE_PREFIX)) await caches.delete(name);
  } catch {
    // CacheStorage unavailable (private mode): nothing was cached.
  }
}

/** Deletes one IndexedDB database; resolves when it is gone or cannot be deleted. */
function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve) => {
    try {
      const request = indexedDB.deleteDatabase(name);
      request.onsuccess = () => resolve();
      request.onerror = () => resolve();
      // Blocked by a connection in another tab: it completes once that tab lets go.
      request.onblocked = () => resolve();
    } catch {
      resolve();
    }
  });
}

/**
 * Forgets `username`'s narratives in this browser (IndexedDB), what the server confirmed of
 * them, the changes and comments waiting for the server, the comments being written and the
 * copies of rounds' measures (localStorage). Call after that person's documents are closed.
 */
export async function clearLocalData(username: string, knownDocNames: readonly string[] = []): Promise<void> {
  const names = new Set(knownDocNames.map((docName) => localDocName(username, docName)));
  try {
    const databases = typeof indexedDB.databases === 'function' ? await indexedDB.databases() : [];
    for (const { name } of databases) if (name?.startsWith(localDocName(username, ''))) names.add(name);
  } catch {
    // indexedDB.databases() unsupported: the names this page knows are deleted.
  }
  await Promise.all([...names].map(deleteDatabase));
  try {
    const ownKeys: string[] = [];
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      if (key?.startsWith(confirmedKey(username, '')) || key?.startsWith(fetchedKey(username, ''))) ownKeys.push(key);
    }
    for (const key of ownKeys) localStorage.removeItem(key);
    localStorage.removeItem(unconfirmedKey(username));
    localStorage.removeItem(outboxKey(username));
    localStorage.removeItem(draftsKey(username));
    localStorage.removeItem(measuresKey(username));
  } catch {
    // Storage blocked: nothing was kept there.
  }
  for (const listener of clearedListeners) listener(username);
}

const clearedListeners = new Set<(username: string) => void>();

/** Hears when a person's data in this browser was forgotten (sign-out), so that what holds it in memory lets go too. */
export function onLocalDataCleared(listener: (username: string) => void): () => void {
  clearedListeners.add(listener);
  return () => clearedListeners.delete(listener);
}

/**
 * Forgets `username`'s copy of one narrative: its IndexedDB database, what the server last
 * confirmed of it and the note that it held unconfirmed edits. Call after the copy is closed.
 */
export async function forgetLocalDoc(username: string, docName: string): Promise<void> {
  await deleteDatabase(localDocName(username, docName));
  try {
    localStorage.removeItem(confirmedKey(username, docName));
    localStorage.removeItem(fetchedKey(username, docName));
  } catch {
    // Storage blocked: nothing was kept there.
  }
  noteUnconfirmed(username, docName, false);
}
