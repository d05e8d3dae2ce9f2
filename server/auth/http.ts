import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { actorOf } from '../../shared/auth.js';
import { can } from '../../shared/permissions.js';
import { isJsonContentType, notJsonResponse } from '../http/body.js';
import { apiError } from '../http/errors.js';
import type { Authenticated, Sessions } from './sessions.js';

/** The Hono environment of every route: the request's session, if any, and its id (for the logs). */
export type AppEnv = { Variables: { auth: Authenticated | null; requestId: string } };

export const SESSION_COOKIE = 'samskriv_session';

/**
 * Which browser origins the server trusts, from its configuration (server/auth/origins.ts),
 * never from the request: a Host header is whatever the client sent.
 */
export interface RequestPolicy {
  /**
   * The server's own origins: its listen address (for a loopback HOST also `localhost`,
   * `127.0.0.1` and `[::1]` on its port) and PUBLIC_URL's. Filled in once the server listens.
   */
  readonly ownOrigins: Set<string>;
  /** ALLOWED_ORIGINS: other origins whose pages may write and open sockets. */
  readonly allowedOrigins: readonly string[];
  /** PUBLIC_URL's origin, when set; the session cookie is Secure when it is https. */
  readonly publicOrigin: string | null;
  /** Behind a reverse proxy: believe X-Forwarded-For (the client's address, for throttling). */
  readonly trustProxy: boolean;
}

/** True for the server's own origins and the configured others. */
export function originAllowed(origin: string, policy: RequestPolicy): boolean {
  return policy.ownOrigins.has(origin) || policy.allowedOrigins.includes(origin);
}

/** True when people reach the server over https (PUBLIC_URL says so; the server itself speaks http). */
export function isHttps(policy: RequestPolicy): boolean {
  return policy.publicOrigin?.startsWith('https:') ?? false;
}

/** The client's address, for throttling sign-ins. */
export function clientAddress(c: Context, policy: RequestPolicy): string {
  if (policy.trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** True when the request carries a body (a length above zero, or a chunked one). */
function carriesBody(c: Context): boolean {
  const length = c.req.header('content-length');
  return (length !== undefined && length.trim() !== '0') || c.req.header('transfer-encoding') !== undefined;
}

/**
 * Cross-site request protection for every mutating request: a browser's Origin (or, failing
 * that, Sec-Fetch-Site) must be ours, and a body must say it is JSON, which no HTML form can
 * send and no other site can send without a CORS preflight we never grant. A body without a
 * Content-Type is refused too; bodyless actions (resolve, reopen, DELETE) need none.
 */
export function crossSiteGuard(policy: RequestPolicy): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next();
    const origin = c.req.header('origin');
    if (origin !== undefined) {
      if (!originAllowed(origin, policy)) return apiError(c, 403, 'cross_site', `origin ${origin} is not allowed`);
    } else {
      const site = c.req.header('sec-fetch-site');
      if (site !== undefined && site !== 'same-origin' && site !== 'none') {
        return apiError(c, 403, 'cross_site', 'cross-site request refused');
      }
    }
    const type = c.req.header('content-type');
    if (type === undefined ? carriesBody(c) : !isJsonContentType(type)) return notJsonResponse(c);
    return next();
  };
}

/** Reads the session cookie into `c.var.auth` (null when absent, unknown or expired). */
export function sessionReader(sessions: Sessions): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = getCookie(c, SESSION_COOKIE);
    c.set('auth', token ? await sessions.resolve(token) : null);
    await next();
  };
}

/** 401 unless signed in; 403 unless the rule lets this session read. Routes check writes themselves. */
export const requireSession: MiddlewareHandler<AppEnv> = async (c, next) => {
  const auth = c.get('auth');
  if (!auth) return apiError(c, 401, 'unauthorized', 'sign in first');
  if (!can(actorOf(auth.user), { kind: 'read' })) return apiError(c, 403, 'forbidden', 'you may not read this');
  await next();
};

/** The signed-in session; only for routes behind `requireSession`. */
export function authOf(c: Context<AppEnv>): Authenticated {
  const auth = c.get('auth');
  if (!auth) throw new Error('route reached without a session');
  return auth;
}

export function setSessionCookie(c: Context, token: string, auth: Authenticated, policy: RequestPolicy): void {
  setCookie(c, SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax',
    secure: isHttps(policy),
    expires: new Date(auth.expiresAt),
  });
}

export function clearSessionCookie(c: Context, policy: RequestPolicy): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'Lax', secure: isHttps(policy) });
}
