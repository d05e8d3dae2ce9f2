import { useEffect, useSyncExternalStore } from 'react';

/**
 * Whether the page shown keeps what is written while offline (the measure page: its text in
 * this browser's copy, status, readiness and comments in the outbox). The header's offline hint
 * ("Du kan skrive videre …") is true only there, so it is shown only while such a page says so.
 */
let keepers = 0;
const listeners = new Set<() => void>();

function notify(): void {
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Said by a page, for as long as it is shown, while what is written on it is kept offline. */
export function useKeepsChangesOffline(keeps: boolean): void {
  useEffect(() => {
    if (!keeps) return;
    keepers += 1;
    notify();
    return () => {
      keepers -= 1;
      notify();
    };
  }, [keeps]);
}

/** Whether a page shown now keeps what is written while offline. */
export function useChangesKeptOffline(): boolean {
  return useSyncExternalStore(subscribe, () => keepers > 0);
}
