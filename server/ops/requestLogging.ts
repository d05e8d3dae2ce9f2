import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { AppEnv } from '../auth/http.js';
import type { RequestLogEntry } from './logger.js';

export const REQUEST_ID_HEADER = 'X-Request-Id';
/** A request id a reverse proxy may hand on: short, and nothing a log line could be broken with. */
const FORWARDED_ID = /^[\w.:-]{1,128}$/;

/**
 * The first middleware: gives each request an id (the proxy's `X-Request-Id` when the proxy is
 * trusted, else a new one), answers with it, and, once the answer begins, logs the request and
 * counts it by route. Only what `RequestLogEntry` names is logged.
 */
export function requestLogging(options: {
  trustProxy: boolean;
  write: ((entry: RequestLogEntry) => void) | null;
  observe: (method: string, route: string, status: number, seconds: number) => void;
}): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    const forwarded = options.trustProxy ? c.req.header(REQUEST_ID_HEADER) : undefined;
    const requestId = forwarded !== undefined && FORWARDED_ID.test(forwarded) ? forwarded : randomUUID();
    c.set('requestId', requestId);
    await next();
    c.res.headers.set(REQUEST_ID_HEADER, requestId);
    const seconds = (performance.now() - started) / 1000;
    const route = routePath(c);
    // An upgrade the sync route takes is answered with an empty 200; SocketUpgrades then switches protocols.
    const upgraded = c.res.status === 200 && c.req.header('upgrade')?.toLowerCase() === 'websocket';
    const status = upgraded ? 101 : c.res.status;
    options.observe(c.req.method, route, status, seconds);
    options.write?.({
      requestId,
      method: c.req.method,
      route,
      path: c.req.path,
      status,
      ms: Math.round(seconds * 10_000) / 10,
      account: c.get('auth')?.user.username ?? null,
    });
  };
}
