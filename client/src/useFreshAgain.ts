import { useEffect, useRef } from 'react';
import type { BrowserCopy } from './api.js';
import { currentConnection, subscribeConnection } from './connection.js';

/**
 * How often a read shown from this browser's copy is tried again while the browser says it is
 * online: with no live link open, nothing else tells the page that the server answers again.
 */
export const RETRY_COPY_MS = 15_000;

/**
 * Reads again what is shown from this browser's copy (`copy`, an offline reload) once the
 * connection is back, and every RETRY_COPY_MS while the browser is online, until a read is
 * the server's own: what is shown is then fresh, and its StaleNote goes.
 */
export function useFreshAgain(copy: BrowserCopy | null, refetch: () => void): void {
  const latest = useRef(refetch);
  useEffect(() => {
    latest.current = refetch;
  });
  const stale = copy !== null;
  useEffect(() => {
    if (!stale) return;
    let was = currentConnection().state;
    const unsubscribe = subscribeConnection(() => {
      const now = currentConnection().state;
      if (now === 'connected' && was !== 'connected') latest.current();
      was = now;
    });
    const timer = setInterval(() => {
      if (navigator.onLine) latest.current();
    }, RETRY_COPY_MS);
    return () => {
      unsubscribe();
      clearInterval(timer);
    };
  }, [stale]);
}
