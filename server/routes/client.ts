import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { RequestPolicy } from '../auth/http.js';
import { apiError } from '../http/errors.js';

/**
 * The app's Content-Security-Policy: scripts, workers and connections only to the server's own
 * origins (websockets included, spelled out for browsers whose 'self' does not cover ws:), no
 * inline or evaluated script. Inline styles stay allowed: Tiptap injects its stylesheet as a
 * <style> element and the carets carry their colours in style attributes.
 */
export function appContentSecurityPolicy(ownOrigins: Iterable<string>): string {
  // A source cannot name an IPv6 address (`[::1]`); there 'self' alone covers the websocket.
  const sockets = [...ownOrigins].filter((origin) => !origin.includes('[')).map((origin) => origin.replace(/^http/, 'ws'));
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    ["connect-src 'self'", ...sockets].join(' '),
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "frame-ancestors 'none'",
    "form-action 'self'",
  ].join('; ');
}

/**
 * The built client from `dist/`, under the app's Content-Security-Policy. Paths the client
 * routes itself (e.g. `/runder/x/tiltak/3`) get `index.html`; unknown `/api/*` paths get the
 * API's JSON 404.
 */
export function clientRoutes(distDir: string, policy: RequestPolicy): Hono {
  const app = new Hono();
  app.all('/api/*', (c) => apiError(c, 404, 'not_found', `no such endpoint: ${c.req.method} ${c.req.path}`));
  app.use('*', async (c, next) => {
    await next();
    c.header('Content-Security-Policy', appContentSecurityPolicy(policy.ownOrigins));
  });
  if (!existsSync(join(distDir, 'index.html'))) {
    app.get('*', (c) => c.text('Klienten er ikke bygget ennå. Kjør «npm run build» eller «npm start».', 503));
    return app;
  }
  app.use('/assets/*', async (c, next) => {
    await next();
    // Vite puts a content hash in every asset name: they never change.
    if (c.res.ok) c.header('Cache-Control', 'public, max-age=31536000, immutable');
  });
  app.get('*', serveStatic({ root: distDir }));
  app.get('*', serveStatic({ root: distDir, path: 'index.html' }));
  return app;
}
