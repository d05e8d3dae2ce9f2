/**
 * Samskriv's service worker: makes a reload work while offline. Hashed assets are served
 * from the cache first (they never change); pages and API reads go to the network first and
 * fall back to the last copy. Live streams, sync, the state vector (which must be fresh to
 * mean anything) and every write always go to the network.
 *
 * API reads belong to whoever was signed in, so they are kept in a cache of their own that is
 * dropped when that person signs out (the page asks) or the server says nobody is signed in
 * (a 401); only successful answers are ever kept, never a 401 or 403.
 */

interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  readonly request: Request;
  respondWith(response: Response | Promise<Response>): void;
}
interface ExtendableMessageEvent extends ExtendableEvent {
  readonly data: unknown;
}
interface WorkerScope {
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void;
  addEventListener(type: 'message', listener: (event: ExtendableMessageEvent) => void): void;
  skipWaiting(): Promise<void>;
  readonly clients: { claim(): Promise<void> };
  readonly location: Location;
}

const scope = self as unknown as WorkerScope;
/** The app shell and hashed assets: the same for everyone. */
const CACHE = 'samskriv-v2';
/** API reads of the signed-in person; the page deletes caches by this prefix too (localData.ts). */
const API_CACHE = 'samskriv-api-v1';
const KEEP = new Set([CACHE, API_CACHE]);
/**
 * Bumped whenever the API cache is dropped: an answer that was on its way at that moment was
 * fetched for the person who just left and is not kept.
 */
let apiGeneration = 0;

async function dropApiCache(): Promise<void> {
  apiGeneration++;
  await caches.delete(API_CACHE);
}

/** Keeps an API answer if it is a success and nobody signed out meanwhile; a 401 drops them all. */
async function keepApiAnswer(key: string, response: Response, generation: number): Promise<void> {
  if (response.status === 401) {
    await dropApiCache();
    return;
  }
  if (!response.ok || generation !== apiGeneration) return;
  await (await caches.open(API_CACHE)).put(key, response.clone());
}
/** Every page of the app is the same index.html; it is kept under this key. */
const SHELL = '/index.html';

function kind(url: URL): 'asset' | 'page' | 'api' | 'network' {
  if (url.origin !== scope.location.origin) return 'network';
  if (url.pathname.startsWith('/assets/')) return 'asset';
  if (url.pathname.startsWith('/sync/')) return 'network';
  if (url.pathname.startsWith('/api/')) {
    if (url.pathname.endsWith('/events') || url.pathname.endsWith('/state-vector')) return 'network';
    // Exports are downloads (drafts must never be served stale) and comparisons are computed on demand.
    if (/\/export\.[a-z]+$/.test(url.pathname) || url.pathname.endsWith('/compare')) return 'network';
    return 'api';
  }
  return 'page';
}

async function networkFirst(request: Request, key: string, cacheName: string): Promise<Response> {
  const generation = apiGeneration;
  try {
    const response = await fetch(request);
    if (cacheName === API_CACHE) await keepApiAnswer(key, response, generation);
    else if (response.ok) await (await caches.open(cacheName)).put(key, response.clone());
    return response;
  } catch (error) {
    const cached = await (await caches.open(cacheName)).match(key);
    if (cached) return cached;
    throw error;
  }
}

async function cacheFirst(request: Request): Promise<Response> {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

scope.addEventListener('install', (event) => {
  event.waitUntil(scope.skipWaiting());
});

scope.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (!KEEP.has(name)) await caches.delete(name);
      await scope.clients.claim();
    })(),
  );
});

scope.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  switch (kind(url)) {
    case 'asset':
      event.respondWith(cacheFirst(request));
      return;
    case 'page':
      if (request.mode === 'navigate') event.respondWith(networkFirst(request, SHELL, CACHE));
      return;
    case 'api':
      event.respondWith(networkFirst(request, url.pathname + url.search, API_CACHE));
      return;
    case 'network':
      return;
  }
});

scope.addEventListener('message', (event) => {
  const data = event.data as { type?: unknown; urls?: unknown };
  if (data.type === 'clear-api') {
    event.waitUntil(dropApiCache());
    return;
  }
  if (data.type !== 'cache' || !Array.isArray(data.urls)) return;
  const generation = apiGeneration;
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      for (const raw of data.urls as unknown[]) {
        if (typeof raw !== 'string') continue;
        const url = new URL(raw, scope.location.origin);
        const what = kind(url);
        if (what === 'network') continue;
        const key = what === 'page' ? SHELL : what === 'api' ? url.pathname + url.search : url.href;
        if (what !== 'api' && (await cache.match(key))) continue;
        try {
          const response = await fetch(what === 'page' ? '/' : url.href, { credentials: 'same-origin' });
          if (what === 'api') await keepApiAnswer(key, response, generation);
          else if (response.ok) await cache.put(key, response);
        } catch {
          // Offline already: whatever is cached stays.
        }
      }
    })(),
  );
});
