import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { actorOf } from '../../shared/auth.js';
import { can } from '../../shared/permissions.js';
import { apiError } from '../http/errors.js';
import type { Authenticated, Sessions } from './sessions.js';

/** The Hono environment of every route: the request's session, if any. */
export type AppEnv = { Variables: { auth: Authenticated | null } };

export const SESSION_COOKIE = 'samskriv_session';

/** How the server decides where a request comes from and which origins it trusts. */
export interface RequestPolicy {
  /** Origins allowed besides the server's own; null means only the server's own. */
  allowedOrigins: readonly string[] | null;
  /** Behind a reverse proxy: believe X-Forwarded-Proto, X-Forwarded-Host and X-Forwarded-For. */
  trustProxy: boolean;
}

/**
 * The origin the browser used to reach us, from the Host header (the websocket upgrade's
 * request URL does not carry it) or, behind a trusted proxy, the forwarded headers.
 */
export function ownOrigin(c: Context, policy: RequestPolicy): string {
  const url = new URL(c.req.url);
  let proto = url.protocol.slice(0, -1);
  let host = c.req.header('host') ?? url.host;
  if (policy.trustProxy) {
    proto = c.req.header('x-forwarded-proto')?.split(',')[0]?.trim() ?? proto;
    host = c.req.header('x-forwarded-host')?.split(',')[0]?.trim() ?? host;
  }
  return `${proto}://${host}`;
}

/** True for the server's own origin and any configured one. */
export function originAllowed(origin: string, c: Context, policy: RequestPolicy): boolean {
  return origin === ownOrigin(c, policy) || (policy.allowedOrigins?.includes(origin) ?? false);
}

export function isHttps(c: Context, policy: RequestPolicy): boolean {
  return ownOrigin(c, policy).startsWith('https:');
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

/**
 * Cross-site request protection for every mutating request: a browser's Origin (or, failing
 * that, Sec-Fetch-Site) must be ours, and a body must be JSON, which no HTML form can send
 * and no other site can send without a CORS preflight we never grant.
 */
export function crossSiteGuard(policy: RequestPolicy): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next();
    const origin = c.req.header('origin');
    if (origin !== undefined) {
      if (!originAllowed(origin, c, policy)) return apiError(c, 403, 'cross_site', `origin ${origin} is not allowed`);
    } else {
      const site = c.req.header('sec-fetch-site');
      if (site !== undefined && site !== 'same-origin' && site !== 'none') {
        return apiError(c, 403, 'cross_site', 'cross-site request refused');
      }
    }
    const type = c.req.header('content-type');
    if (type !== undefined && !/^application\/json\s*(;|$)/i.test(type)) {
      return apiError(c, 415, 'unsupported_media_type', 'request bodies must be application/json');
    }
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
    secure: isHttps(c, policy),
    expires: new Date(auth.expiresAt),
  });
}

export function clearSessionCookie(c: Context, policy: RequestPolicy): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'Lax', secure: isHttps(c, policy) });
}
