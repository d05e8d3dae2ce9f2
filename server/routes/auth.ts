import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AuthMethods } from '../../shared/signIn.js';
import type { AuditRecorder } from '../audit/record.js';
import { clientAddress, isHttps, SESSION_COOKIE, setSessionCookie, type AppEnv, type RequestPolicy } from '../auth/http.js';
import { sessionIdOf, type Sessions } from '../auth/sessions.js';
import type { SessionWatch } from '../auth/watch.js';
import { OIDC_CALLBACK_PATH, OIDC_LOGIN_PATH, SIGN_IN_FLOW_TTL_MS } from '../oidc/config.js';
import type { OidcSignIn } from '../oidc/OidcSignIn.js';
import { failurePage, PAGE_CONTENT_SECURITY_POLICY, refusalPage } from '../oidc/pages.js';
import type { SignInObserver } from '../ops/metrics.js';

/** Binds a sign-in at the provider to the browser that started it (server/oidc/PendingSignIns.ts). */
export const SIGN_IN_FLOW_COOKIE = 'samskriv_oidc';
/** The longest `returnTo` kept: a path of the app, with its query and fragment. */
const MAX_RETURN_TO = 2_048;

/**
 * Where to go after signing in: a path on our own origin (`/…`, never `//host` or `/\host`,
 * which browsers read as another site), else the start page.
 */
export function safeReturnTo(value: string | undefined): string {
  if (value === undefined || value.length > MAX_RETURN_TO) return '/';
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\') || /[\u0000-\u001f\u007f]/.test(value)) return '/';
  return value;
}

export interface AuthRouteDeps {
  sessions: Sessions;
  watch: SessionWatch;
  policy: RequestPolicy;
  audit: AuditRecorder;
  /** PASSWORD_SIGN_IN: whether `POST /api/session` takes passwords. */
  passwordSignIn: boolean;
  /** The organisation's identity provider, when configured. */
  oidc: OidcSignIn | null;
  observe: SignInObserver;
  log: (message: string) => void;
}

/** An HTML page of the sign-in's end, under its own Content-Security-Policy. */
function htmlPage(c: Context, html: string, status: 400 | 403 | 503): Response {
  c.header('Content-Security-Policy', PAGE_CONTENT_SECURITY_POLICY);
  c.header('Cache-Control', 'no-store');
  return c.html(html, status);
}

/**
 * `GET /api/auth/methods`: how one may sign in. With an identity provider configured also
 * `GET /api/auth/oidc/login?returnTo=/path` (the sign-in page's button: off to the provider)
 * and `GET /api/auth/oidc/callback` (back from it: a session, the same cookie as a password
 * sign-in gives, and on to `returnTo`; or a refusal page in bokmål).
 */
export function authRoutes(deps: AuthRouteDeps): Hono<AppEnv> {
  const { sessions, watch, policy, audit, oidc, observe, log } = deps;
  const app = new Hono<AppEnv>().get('/api/auth/methods', (c) =>
    c.json({
      password: deps.passwordSignIn,
      provider: oidc ? { name: oidc.options.displayName, loginPath: OIDC_LOGIN_PATH } : null,
    } satisfies AuthMethods),
  );
  if (!oidc) return app;

  const flowCookie = { path: '/api/auth/oidc', httpOnly: true, sameSite: 'Lax', secure: isHttps(policy) } as const;

  return app
    .get(OIDC_LOGIN_PATH, async (c) => {
      c.header('Cache-Control', 'no-store');
      let started;
      try {
        started = await oidc.start(safeReturnTo(c.req.query('returnTo')), getCookie(c, SIGN_IN_FLOW_COOKIE));
      } catch (error) {
        log(`the identity provider cannot be reached: ${error instanceof Error ? error.message : String(error)}`);
        observe('oidc', 'provider_unreachable');
        return htmlPage(c, failurePage(false), 503);
      }
      // SameSite=Lax: sent along when the provider sends the browser back (a top-level GET).
      setCookie(c, SIGN_IN_FLOW_COOKIE, started.binding, { ...flowCookie, maxAge: Math.floor(SIGN_IN_FLOW_TTL_MS / 1000) });
      return c.redirect(started.url.href, 302);
    })
    .get(OIDC_CALLBACK_PATH, async (c) => {
      c.header('Cache-Control', 'no-store');
      const address = clientAddress(c, policy);
      const result = await oidc.finish(new URL(c.req.url).search, getCookie(c, SIGN_IN_FLOW_COOKIE));
      if (result.kind === 'failed') {
        log(`sign-in through the identity provider failed from ${address}: ${result.reason}`);
        observe('oidc', result.cancelled ? 'cancelled' : 'failed');
        return htmlPage(c, failurePage(result.cancelled), 400);
      }
      if (result.kind === 'refused') {
        const subject = typeof result.claims.sub === 'string' ? result.claims.sub : null;
        log(`sign-in through the identity provider refused (${result.reason}) for ${JSON.stringify(result.who.username)} from ${address}`);
        observe('oidc', `refused_${result.reason}`);
        await audit.userEvent('signin.failure', result.who, { id: null }, { address, method: 'oidc', reason: result.reason, subject });
        const signOut = await oidc.signOutUrl(result.idToken);
        return htmlPage(
          c,
          refusalPage({ reason: result.reason, providerName: oidc.options.displayName, name: result.who.name, identity: result.who.username, providerSignOut: signOut }),
          403,
        );
      }
      const started = await sessions.start(result.outcome.user, { idToken: result.idToken, after: { address, method: 'oidc', created: result.outcome.created } });
      // A session that was open in this browser is replaced, not left behind.
      const previous = getCookie(c, SESSION_COOKIE);
      if (previous) {
        await sessions.signOut(sessionIdOf(previous));
        void watch.checkNow();
      }
      deleteCookie(c, SIGN_IN_FLOW_COOKIE, flowCookie);
      setSessionCookie(c, started.token, started.auth, policy);
      observe('oidc', 'success');
      return c.redirect(result.returnTo, 302);
    });
}
