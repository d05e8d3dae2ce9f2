/**
 * The service worker (sw.ts) keeps the app shell and the API reads this browser has made,
 * so a reload while offline still opens the page; the narrative itself comes from
 * IndexedDB. Resources loaded before the worker took control are handed to it here.
 */
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return;
  navigator.serviceWorker.register('/sw.js').then(
    () => cacheLoadedResources(),
    () => undefined,
  );
}

/** Asks the service worker to keep what this page has loaded so far (scripts, styles, API reads). */
export function cacheLoadedResources(): void {
  if (!('serviceWorker' in navigator)) return;
  void navigator.serviceWorker.ready.then((registration) => {
    const urls = performance
      .getEntriesByType('resource')
      .map((entry) => entry.name)
      .filter((url) => new URL(url).origin === location.origin);
    registration.active?.postMessage({ type: 'cache', urls: [...urls, location.pathname] });
  });
}
