import { useSyncExternalStore } from 'react';
import { fetchThreads, patchMeasure, replyToThread, setReady, startThread } from '../api.js';

/** The measure page's own calls: resolves and deletions are made there, which has them loaded already. */
const measureApi = () => import('../api/measure.js');
import { currentConnection, subscribeConnection } from '../connection.js';
import { noteUnconfirmed, onLocalDataCleared, OUTBOX_NOTE, outboxKey } from '../localData.js';
import { currentSession, subscribeSession } from '../session.js';
import type { Change, Pending } from './changes.js';
import { Outbox, type Answer, type OutboxStore, type OutboxTransport } from './Outbox.js';

/** Sends each kind of change the way the API takes it, with `base` for fields. */
const apiTransport: OutboxTransport = {
  send(change: Change): Promise<Answer> {
    switch (change.kind) {
      case 'status':
        return patchMeasure(change.roundId, change.number, { status: change.value, base: { status: change.base } });
      case 'ready':
        return setReady(change.roundId, change.number, { ready: change.value, ministry: change.ministry, base: change.base });
      case 'thread':
        return startThread(change.roundId, change.number, change.anchor ? { body: change.body, anchor: change.anchor } : { body: change.body });
      case 'reply':
        return replyToThread(change.threadId, change.body);
      case 'resolve':
        return measureApi().then((api) => api.setThreadResolved(change.threadId, change.value));
      case 'delete':
        return measureApi()
          .then((api) => api.deleteComment(change.commentId))
          .then(() => null);
    }
  },
  threads: (roundId, number) => fetchThreads(roundId, number),
};

/**
 * The account's list in localStorage, noted in the unconfirmed list while it holds anything (so
 * that signing out warns); other tabs' writes arrive as `storage` events. Where storage is
 * blocked, the list lives in this page only.
 */
function localStorageStore(username: string): OutboxStore {
  const key = outboxKey(username);
  let inPage: unknown = [];
  let blocked = false;
  return {
    read() {
      if (blocked) return inPage;
      try {
        return JSON.parse(localStorage.getItem(key) ?? '[]') as unknown;
      } catch {
        return [];
      }
    },
    write(list: readonly Pending[]) {
      inPage = list;
      try {
        if (list.length === 0) localStorage.removeItem(key);
        else localStorage.setItem(key, JSON.stringify(list));
        blocked = false;
      } catch {
        blocked = true;
      }
      noteUnconfirmed(username, OUTBOX_NOTE, list.length > 0);
    },
    subscribe(onChange) {
      const listener = (event: StorageEvent): void => {
        if (event.key === key || event.key === null) onChange();
      };
      window.addEventListener('storage', listener);
      return () => window.removeEventListener('storage', listener);
    },
  };
}

/** Runs `task` while no other tab of this browser sends (a change must not go twice). */
async function exclusive<T>(username: string, task: () => Promise<T>): Promise<T> {
  if (!navigator.locks) return task();
  let result: T | undefined;
  await navigator.locks.request(`${outboxKey(username)}.send`, async () => {
    result = await task();
  });
  return result as T;
}

const outboxes = new Map<string, Outbox>();

/** The outbox of `username` in this page (one per account, kept while the page lives or until sign-out). */
export function outboxFor(username: string): Outbox {
  let outbox = outboxes.get(username);
  if (!outbox) {
    outbox = new Outbox(username, apiTransport, localStorageStore(username), {
      canSend: () => {
        const session = currentSession();
        return session.status === 'signedIn' && session.user.username === username;
      },
      exclusive: (task) => exclusive(username, task),
    });
    outboxes.set(username, outbox);
  }
  return outbox;
}

let started = false;

/**
 * Sends what waits whenever it may go: at sign-in (of its own account), when the browser is
 * online again, and when the connection comes back; forgets it at sign-out.
 */
export function startOutboxes(): void {
  if (started) return;
  started = true;
  const kickSignedIn = (): void => {
    const session = currentSession();
    if (session.status === 'signedIn') outboxFor(session.user.username).kick();
  };
  subscribeSession(kickSignedIn);
  window.addEventListener('online', kickSignedIn);
  let connected = currentConnection().state === 'connected';
  subscribeConnection(() => {
    const now = currentConnection().state === 'connected';
    if (now && !connected) kickSignedIn();
    connected = now;
  });
  onLocalDataCleared((username) => {
    const outbox = outboxes.get(username);
    if (!outbox) return;
    outbox.stop();
    outbox.forget();
    outboxes.delete(username);
  });
  kickSignedIn();
}

const NOTHING: readonly Pending[] = [];
const noChanges = (): (() => void) => () => undefined;
const nothing = (): readonly Pending[] => NOTHING;

/** The signed-in person's changes waiting for the server (none while nobody is signed in), live. */
export function useSignedInPending(username: string | null): readonly Pending[] {
  const outbox = username === null ? null : outboxFor(username);
  return useSyncExternalStore(outbox?.subscribe ?? noChanges, outbox?.getSnapshot ?? nothing);
}
