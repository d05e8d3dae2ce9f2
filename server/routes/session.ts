import { Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import type { SessionResponse, SignOutResponse } from '../../shared/auth.js';
import { SignInRequestSchema } from '../../shared/signIn.js';
import { clearSessionCookie, clientAddress, SESSION_COOKIE, setSessionCookie, type AppEnv, type RequestPolicy } from '../auth/http.js';
import { sessionIdOf, type Sessions } from '../auth/sessions.js';
import type { SessionWatch } from '../auth/watch.js';
import type { AuditRecorder } from '../audit/record.js';
import { jsonBodyLimit, readJson } from '../http/body.js';
import { apiError } from '../http/errors.js';
import type { SignInObserver } from '../ops/metrics.js';

/** What sign-in and sign-out need besides sessions, beyond the password itself. */
export interface SessionRouteOptions {
  /** PASSWORD_SIGN_IN: false refuses every password sign-in (403) before anything is checked or counted. */
  passwordSignIn: boolean;
  /** The identity provider's sign-out for a session that began there (null: none). */
  providerSignOut: (idToken: string) => Promise<string | null>;
  observe: SignInObserver;
}

/**
 * `POST`, `GET` and `DELETE /api/session`: sign in, who is signed in, sign out. Signing out of
 * a session that began at the identity provider answers where its own sign-out is (200
 * `{"logoutUrl"}`); any other, 204.
 */
export function sessionRoutes(
  sessions: Sessions,
  watch: SessionWatch,
  policy: RequestPolicy,
  audit: AuditRecorder,
  options: SessionRouteOptions = { passwordSignIn: true, providerSignOut: async () => null, observe: () => undefined },
): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .get('/api/session', (c) => {
      const auth = c.get('auth');
      c.header('Cache-Control', 'no-store');
      if (!auth) return apiError(c, 401, 'unauthorized', 'not signed in');
      return c.json({ user: auth.user, expiresAt: auth.expiresAt } satisfies SessionResponse);
    })
    .post(
      '/api/session',
      jsonBodyLimit,
      async (c) => {
        if (!options.passwordSignIn) {
          options.observe('password', 'off');
          return apiError(c, 403, 'forbidden', 'password sign-in is turned off here: sign in through the organisation');
        }
        const { username, password } = await readJson(c, SignInRequestSchema);
        const address = clientAddress(c, policy);
        const result = await sessions.signIn(username, password, address);
        c.header('Cache-Control', 'no-store');
        // Who tried is only who they said they were until the password matched.
        const claimed = { username: username.toLowerCase().slice(0, 64), name: '' };
        options.observe('password', result.ok ? 'success' : result.reason);
        if (!result.ok) {
          if (result.reason !== 'busy') {
            await audit.userEvent(result.reason === 'throttled' ? 'signin.lockout' : 'signin.failure', claimed, { id: claimed.username }, { address });
          }
          if (result.reason === 'throttled') {
            c.header('Retry-After', String(Math.ceil(result.retryAfterMs / 1000)));
            return apiError(c, 429, 'too_many_attempts', 'too many failed sign-ins; wait and try again');
          }
          if (result.reason === 'busy') {
            c.header('Retry-After', String(Math.max(1, Math.ceil(result.retryAfterMs / 1000))));
            return apiError(c, 503, 'busy', 'too many sign-ins at once; try again shortly');
          }
          return apiError(c, 401, 'invalid_credentials', 'wrong username or password');
        }
        // A session that was open in this browser is replaced, not left behind.
        const previous = getCookie(c, SESSION_COOKIE);
        if (previous) {
          await sessions.signOut(sessionIdOf(previous));
          void watch.checkNow();
        }
        setSessionCookie(c, result.token, result.auth, policy);
        return c.json({ user: result.auth.user, expiresAt: result.auth.expiresAt } satisfies SessionResponse);
      },
    )
    .delete('/api/session', async (c) => {
      const auth = c.get('auth');
      clearSessionCookie(c, policy);
      if (!auth) return c.body(null, 204);
      // Read before the session goes: the ID token goes with it.
      const idToken = await sessions.idTokenOf(auth.sessionId);
      await sessions.signOut(auth.sessionId, auth.user);
      await watch.checkNow();
      const logoutUrl = idToken === null ? null : await options.providerSignOut(idToken);
      return logoutUrl === null ? c.body(null, 204) : c.json({ logoutUrl } satisfies SignOutResponse);
    });
}
