/**
 * Samskriv's service worker (Workbox, built by vite-plugin-pwa's injectManifest): makes a reload
 * work while offline. The app shell and every built asset are precached at install; a page
 * goes to the network and falls back to the precached shell; API reads go to the network first
 * and fall back to the last copy. Live streams, the state vector (which must be fresh to mean
 * anything), exports (drafts must never be served stale), comparisons (computed on demand),
 * sync and every write have no route: they always go to the network.
 *
 * API reads belong to whoever was signed in, so they are kept in a cache of their own that is
 * dropped when that person signs out (the page asks) or the server says nobody is signed in
 * (a 401); only successful answers are ever kept, never a 401 or 403.
 *
 * An answer served from that cache says so (`BROWSER_COPY_HEADER`, with the server's own
 * `Date` of when it was given), so that the page can tell the person it may be out of date.
 *
 * Custom code (injectManifest, not generateSW) because of that cache's rules: the sign-out
 * message, the generation check and the copy's mark below.
 */
import { clientsClaim, type WorkboxPlugin } from 'workbox-core';
import { cleanupOutdatedCaches, matchPrecache, precacheAndRoute, type PrecacheEntry } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { NetworkFirst, NetworkOnly } from 'workbox-strategies';
import { BROWSER_COPY_HEADER } from './localData.js';

/** The few parts of ServiceWorkerGlobalScope used here (the client's TypeScript has the DOM lib, not the worker's). */
interface WorkerScope {
  addEventListener(type: 'install' | 'activate', listener: (event: { waitUntil(promise: Promise<unknown>): void }) => void): void;
  addEventListener(type: 'message', listener: (event: { data: unknown; waitUntil(promise: Promise<unknown>): void }) => void): void;
  skipWaiting(): Promise<void>;
  /** The built files and their revisions, written in by vite-plugin-pwa. */
  __WB_MANIFEST: (string | PrecacheEntry)[];
}
const scope = self as unknown as WorkerScope;

/** API reads of the signed-in person; the page deletes caches by this prefix too (localData.ts). */
const API_CACHE = 'samskriv-api-v1';
/** The hand-written worker's cache of the shell and assets, now Workbox's precache. */
const LEGACY_CACHE = 'samskriv-v2';
/** Every page of the app is the same index.html. */
const SHELL = '/index.html';
/**
 * API reads that always go to the network (see the top of this file); `health` asks whether the
 * server answers now, and `auth/methods` is nobody's data (asked before anyone signs in).
 */
const API_NETWORK_ONLY = /\/(events|state-vector|compare|health|auth\/methods)$|\/export\.[a-z]+$/;

/**
 * Bumped whenever the API cache is dropped: an answer that was on its way at that moment was
 * fetched for the person who just left and is not kept.
 */
let apiGeneration = 0;

async function dropApiCache(): Promise<void> {
  apiGeneration++;
  await caches.delete(API_CACHE);
}

/** Keeps an API answer only if it is a success and nobody signed out meanwhile; a 401 drops them all. */
const keepForThisPerson: WorkboxPlugin = {
  requestWillFetch: async ({ request, state }) => {
    if (state) state.generation = apiGeneration;
    return request;
  },
  fetchDidSucceed: async ({ response }) => {
    if (response.status === 401) await dropApiCache();
    return response;
  },
  cacheWillUpdate: async ({ response, state }) => (response.ok && state?.generation === apiGeneration ? response : null),
  // Served from the cache (the network failed): marked as this browser's copy.
  cachedResponseWillBeUsed: async ({ cachedResponse }) => {
    if (!cachedResponse) return cachedResponse;
    const headers = new Headers(cachedResponse.headers);
    headers.set(BROWSER_COPY_HEADER, '1');
    return new Response(cachedResponse.body, { status: cachedResponse.status, statusText: cachedResponse.statusText, headers });
  },
};

scope.addEventListener('install', (event) => event.waitUntil(scope.skipWaiting()));
clientsClaim();
cleanupOutdatedCaches();
scope.addEventListener('activate', (event) => event.waitUntil(caches.delete(LEGACY_CACHE)));

// Spelled out in full: vite-plugin-pwa replaces `self.__WB_MANIFEST` in the built worker.
precacheAndRoute((self as unknown as WorkerScope).__WB_MANIFEST);

registerRoute(
  new NavigationRoute(new NetworkOnly({ plugins: [{ handlerDidError: () => matchPrecache(SHELL) }] }), {
    denylist: [/^\/api\//, /^\/sync\//, /^\/assets\//],
  }),
);

// Also serves the page's CACHE_URLS message (offline.ts): reads made before this worker took control.
registerRoute(
  ({ url, sameOrigin }) => sameOrigin && url.pathname.startsWith('/api/') && !API_NETWORK_ONLY.test(url.pathname),
  new NetworkFirst({ cacheName: API_CACHE, plugins: [keepForThisPerson] }),
);

scope.addEventListener('message', (event) => {
  if ((event.data as { type?: unknown } | null)?.type === 'clear-api') event.waitUntil(dropApiCache());
});
