import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { apiError } from '../http/errors.js';

/**
 * The built client from `dist/`. Paths the client routes itself (e.g. `/runder/x/tiltak/3`)
 * get `index.html`; unknown `/api/*` paths get the API's JSON 404.
 */
export function clientRoutes(distDir: string): Hono {
  const app = new Hono();
  app.all('/api/*', (c) => apiError(c, 404, 'not_found', `no such endpoint: ${c.req.method} ${c.req.path}`));
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
