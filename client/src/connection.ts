import { useSyncExternalStore } from 'react';

export type LinkState = 'connected' | 'connecting' | 'offline';

export interface ConnectionSnapshot {
  state: LinkState;
  /** This browser holds narrative edits the server has not confirmed. */
  unsynced: boolean;
}

/**
 * The connection state the header shows: the worse of the live-event stream (overview) and
 * the narrative sync (measure page), whichever are open.
 */
let events: LinkState | null = null;
let sync: ConnectionSnapshot | null = null;
/** Nothing open yet is nothing wrong: connected, unless the browser knows it is offline. */
let snapshot: ConnectionSnapshot = { state: navigator.onLine ? 'connected' : 'offline', unsynced: false };
const listeners = new Set<() => void>();

const RANK: Record<LinkState, number> = { connected: 0, connecting: 1, offline: 2 };

function update(): void {
  const states = [events, sync?.state].filter((s): s is LinkState => s !== null && s !== undefined);
  let state: LinkState = states.length === 0 ? 'connected' : states.reduce((a, b) => (RANK[b] > RANK[a] ? b : a));
  if (!navigator.onLine) state = 'offline';
  const next = { state, unsynced: sync?.unsynced ?? false };
  if (next.state === snapshot.state && next.unsynced === snapshot.unsynced) return;
  snapshot = next;
  for (const listener of listeners) listener();
}

export function reportEvents(state: LinkState | null): void {
  events = state;
  update();
}

export function reportSync(state: ConnectionSnapshot | null): void {
  sync = state;
  update();
}

window.addEventListener('online', update);
window.addEventListener('offline', update);

export function useConnection(): ConnectionSnapshot {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => snapshot,
  );
}
