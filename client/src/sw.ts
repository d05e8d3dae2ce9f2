/**
 * Samskriv's service worker: makes a reload work while offline. Hashed assets are served
 * from the cache first (they never change); pages and API reads go to the network first and
 * fall back to the last copy. Live streams, sync, the state vector (which must be fresh to
 * mean anything) and every write always go to the network.
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
const CACHE = 'samskriv-v1';
/** Every page of the app is the same index.html; it is kept under this key. */
const SHELL = '/index.html';

function kind(url: URL): 'asset' | 'page' | 'api' | 'network' {
  if (url.origin !== scope.location.origin) return 'network';
  if (url.pathname.startsWith('/assets/')) return 'asset';
  if (url.pathname.startsWith('/sync/')) return 'network';
  if (url.pathname.startsWith('/api/')) {
    if (url.pathname.endsWith('/events') || url.pathname.endsWith('/state-vector')) return 'network';
    return 'api';
  }
  return 'page';
}

async function networkFirst(request: Request, key: string): Promise<Response> {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(key, response.clone());
    return response;
  } catch (error) {
    const cached = await cache.match(key);
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
      for (const name of await caches.keys()) if (name !== CACHE) await caches.delete(name);
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
      if (request.mode === 'navigate') event.respondWith(networkFirst(request, SHELL));
      return;
    case 'api':
      event.respondWith(networkFirst(request, url.pathname + url.search));
      return;
    case 'network':
      return;
  }
});

scope.addEventListener('message', (event) => {
  const data = event.data as { type?: unknown; urls?: unknown };
  if (data.type !== 'cache' || !Array.isArray(data.urls)) return;
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
          if (response.ok) await cache.put(key, response);
        } catch {
          // Offline already: whatever is cached stays.
        }
      }
    })(),
  );
});
