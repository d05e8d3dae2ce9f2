import { getConnInfo } from '@hono/node-server/conninfo';
import { Hono, type Context } from 'hono';
import { createHash, timingSafeEqual } from 'node:crypto';
import { isLoopbackHostname } from '../oidc/config.js';
import { apiError } from '../http/errors.js';
import type { Metrics } from '../ops/metrics.js';

/** Headers a reverse proxy adds: a request carrying one came through it, from anywhere. */
const FORWARDING_HEADERS = ['x-forwarded-for', 'forwarded', 'x-real-ip'];

const sha256 = (text: string): Buffer => createHash('sha256').update(text).digest();

/** True when the request comes from this machine itself, not through a proxy on it. */
function fromLocalhost(c: Context): boolean {
  if (FORWARDING_HEADERS.some((name) => c.req.header(name) !== undefined)) return false;
  try {
    const address = getConnInfo(c).remote.address;
    return address !== undefined && isLoopbackHostname(address.replace(/^::ffff:/, ''));
  } catch {
    return false;
  }
}

/** True when the request carries `Authorization: Bearer <token>` with the configured token. */
function hasToken(c: Context, token: string): boolean {
  const given = /^Bearer (.+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
  return given !== undefined && timingSafeEqual(sha256(given), sha256(token));
}

/**
 * `GET /metrics`: the Prometheus text format. With METRICS_TOKEN, only for a request bearing it;
 * without, only from localhost (the socket's own address, and no proxy's forwarding headers,
 * since a reverse proxy on the same machine would make every request look local).
 */
export function metricsRoutes(metrics: Metrics, token: string | undefined): Hono {
  return new Hono().get('/metrics', async (c) => {
    const allowed = token === undefined ? fromLocalhost(c) : hasToken(c, token);
    if (!allowed) {
      return apiError(c, 403, 'forbidden', token === undefined ? 'metrics are served to localhost only' : 'metrics need the bearer token (METRICS_TOKEN)');
    }
    const { body, contentType } = await metrics.exposition();
    c.header('Cache-Control', 'no-store');
    return c.body(body, 200, { 'Content-Type': contentType });
  });
}
