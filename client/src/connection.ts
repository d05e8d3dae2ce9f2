import { useSyncExternalStore } from 'react';

export type LinkState = 'connected' | 'connecting' | 'offline';

export interface ConnectionSnapshot {
  state: LinkState;
  /** This browser holds narrative edits the server has not confirmed. */
  unsynced: boolean;
}

/**
 * One open link to the server that the header should reflect (a round's event stream, a
 * narrative's sync). Its owner sets its state while it is open and releases it when it closes,
 * so a page with nothing live has nothing to reset.
 */
export interface Link {
  set: (state: LinkState | ConnectionSnapshot) => void;
  release: () => void;
}

const RANK: Record<LinkState, number> = { connected: 0, connecting: 1, offline: 2 };

/**
 * What the header shows: the worst state of the open links (connected when there are none:
 * nothing open yet is nothing wrong), offline whenever the browser says so, and whether any link
 * holds unconfirmed edits.
 */
export function combineLinks(links: Iterable<ConnectionSnapshot>, online: boolean): ConnectionSnapshot {
  let state: LinkState = 'connected';
  let unsynced = false;
  for (const link of links) {
    if (RANK[link.state] > RANK[state]) state = link.state;
    unsynced ||= link.unsynced;
  }
  return { state: online ? state : 'offline', unsynced };
}

const online = (): boolean => typeof navigator === 'undefined' || navigator.onLine;

const links = new Map<symbol, ConnectionSnapshot>();
let snapshot: ConnectionSnapshot = combineLinks([], online());
const listeners = new Set<() => void>();

function update(): void {
  const next = combineLinks(links.values(), online());
  if (next.state === snapshot.state && next.unsynced === snapshot.unsynced) return;
  snapshot = next;
  for (const listener of listeners) listener();
}

/** Opens a link the header reflects, `connecting` until its owner says otherwise. */
export function openLink(): Link {
  const id = Symbol('link');
  links.set(id, { state: 'connecting', unsynced: false });
  update();
  return {
    set: (state) => {
      if (!links.has(id)) return;
      links.set(id, typeof state === 'string' ? { state, unsynced: false } : state);
      update();
    },
    release: () => {
      if (links.delete(id)) update();
    },
  };
}

if (typeof window !== 'undefined') {
  window.addEventListener('online', update);
  window.addEventListener('offline', update);
}

/** What the header shows now. */
export const currentConnection = (): ConnectionSnapshot => snapshot;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useConnection(): ConnectionSnapshot {
  return useSyncExternalStore(subscribe, currentConnection);
}
