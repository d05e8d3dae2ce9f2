import type { Workbox } from 'workbox-window';

/**
 * The service worker (sw.ts) precaches the app shell and keeps the API reads this browser has
 * made, so a reload while offline still opens the page; the narrative itself comes from
 * IndexedDB. Reads made before the worker took control are handed to it here.
 */
let workbox: Workbox | null = null;

/** Registers the service worker; workbox-window loads after the page, which does not wait for it. */
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return;
  import('workbox-window')
    .then(({ Workbox }) => {
      workbox = new Workbox('/sw.js');
      return workbox.register();
    })
    .then(
      () => cacheLoadedResources(),
      () => undefined,
    );
}

/** Asks the service worker to keep what this page has read so far; its routes decide what is kept. */
export function cacheLoadedResources(): void {
  if (!workbox) return;
  const urls = performance
    .getEntriesByType('resource')
    .map((entry) => entry.name)
    .filter((url) => new URL(url).origin === location.origin);
  // Workbox's router answers CACHE_URLS by running each URL through its routes; it replies only
  // when every one succeeded, so offline the answer never comes (nothing to wait for).
  void workbox.messageSW({ type: 'CACHE_URLS', payload: { urlsToCache: urls } }).catch(() => undefined);
}
