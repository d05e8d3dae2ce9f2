import { useSyncExternalStore } from 'react';
import type { Pending } from './changes.js';
import type { Outbox } from './Outbox.js';
import { outboxFor } from './outboxes.js';

/** The changes of `username` waiting for the server, live, and the outbox that holds them (the measure page's). */
export function useOutbox(username: string): { outbox: Outbox; pending: readonly Pending[] } {
  const outbox = outboxFor(username);
  const pending = useSyncExternalStore(outbox.subscribe, outbox.getSnapshot);
  return { outbox, pending };
}
