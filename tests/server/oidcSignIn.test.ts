import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditPageSchema, type AuditEntry } from '../../shared/audit.js';
import { SessionResponseSchema, SignOutResponseSchema } from '../../shared/auth.js';
import { AuthMethodsSchema } from '../../shared/signIn.js';
import { DEFAULT_ROUND } from '../../server/seed/buildRoundSeed.js';
import { startIdentityProvider, type TestIdentityProvider } from '../helpers/identityProvider.js';
import { userCli } from '../helpers/process.js';
import { RedirectDance, signInAtProvider } from '../helpers/redirectDance.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { api, patchJson, signIn, type Target } from '../helpers/session.js';

const ROUND = DEFAULT_ROUND.id;

/** Who the test provider knows (the login is the subject). */
const PEOPLE = {
  kari: { name: 'Kari Nordmann', email: 'kari.nordmann@jd.dep.no', email_verified: true, groups: ['samskriv-jd', 'alle-ansatte'] },
  ukjent: { name: 'Uno Ukjent', email: 'uno@example.no', groups: ['alle-ansatte'] },
  ola: { name: 'Ola Forhåndsregistrert', email: 'Ola.Forhand@HOD.dep.no' },
  per: { name: 'Per Subjekt' },
  tvetydig: { name: 'To Departementer', groups: ['samskriv-jd', 'samskriv-hod'] },
  ulf: { name: 'Ulf Uverifisert', email: 'ulf@jd.dep.no', email_verified: false },
  nina: { name: 'Nina Ny', email: 'nina@jd.dep.no', groups: ['samskriv-jd'] },
  dagny: { name: 'Dagny Deaktivert', email: 'dagny@jd.dep.no', groups: ['samskriv-jd'] },
} as const;

/** `samskriv_sign_in_failures_total` for one method and reason, as the server's /metrics says (0 before the first). */
async function signInFailures(url: string, method: 'oidc' | 'password', reason: string): Promise<number> {
  const response = await fetch(`${url}/metrics`);
  expect(response.status).toBe(200);
  const line = (await response.text())
    .split('\n')
    .find((l) => l.startsWith('samskriv_sign_in_failures_total{') && l.includes(`method="${method}"`) && l.includes(`reason="${reason}"`));
  return line === undefined ? 0 : Number(line.slice(line.lastIndexOf(' ') + 1));
}

/** The base64url JSON in the middle of a JWT. */
function payloadOf(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}

describe('sign-in through the organisation (OpenID Connect against a real provider)', () => {
  let idp: TestIdentityProvider;
  let server: TestServer;
  let coordinator: Target;

  const oidcEnv = (): Record<string, string> => ({ OIDC_ISSUER: idp.issuer, OIDC_CLIENT_ID: idp.clientId });

  /** The whole dance as `login`: Samskriv's answer to the provider's callback, and the browser. */
  async function signInAs(login: string, returnTo = '/'): Promise<{ response: Response; dance: RedirectDance }> {
    const dance = new RedirectDance();
    const callback = await signInAtProvider(dance, server.url, login, returnTo);
    return { response: await dance.request(callback), dance };
  }

  async function auditOf(kind: string): Promise<AuditEntry[]> {
    const response = await api(coordinator, `/api/audit?kind=${kind}&limit=500`);
    expect(response.status).toBe(200);
    return AuditPageSchema.parse(await response.json()).entries;
  }

  beforeAll(async () => {
    idp = await startIdentityProvider(PEOPLE);
    server = await startTestServer({ oidc: idp.options() });
    idp.register(server.url);
    coordinator = { url: server.url, cookie: server.cookie };
  });
  afterAll(async () => {
    await server?.stop();
    await idp?.close();
  });

  it('tells the sign-in page both ways in', async () => {
    const response = await fetch(`${server.url}/api/auth/methods`);
    expect(response.status).toBe(200);
    expect(AuthMethodsSchema.parse(await response.json())).toEqual({
      password: true,
      provider: { name: 'Testleverandøren', loginPath: '/api/auth/oidc/login' },
    });
  });

  it('sends the browser to the provider with the code flow, PKCE (S256), state and nonce, bound to this browser by a cookie', async () => {
    const response = await fetch(`${server.url}/api/auth/oidc/login?returnTo=%2Frunder`, { redirect: 'manual' });
    expect(response.status).toBe(302);
    const to = new URL(response.headers.get('location') ?? '');
    expect(to.origin).toBe(idp.issuer);
    const params = Object.fromEntries(to.searchParams);
    expect(params).toMatchObject({
      response_type: 'code',
      client_id: idp.clientId,
      redirect_uri: `${server.url}/api/auth/oidc/callback`,
      scope: 'openid profile email groups',
      code_challenge_method: 'S256',
    });
    expect(params.state).toMatch(/^[\w-]{40,}$/);
    expect(params.nonce).toMatch(/^[\w-]{40,}$/);
    expect(params.code_challenge).toMatch(/^[\w-]{43}$/);
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith('samskriv_oidc='));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\/api\/auth\/oidc/);
  });

  it('signs in someone whose group the mapping knows as what it says (JD editor): the same session cookie as a password gives, back where they were going', async () => {
    const { response, dance } = await signInAs('kari', `/runder/${ROUND}/tiltak/1?fra=x#kommentar-1`);
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe(`/runder/${ROUND}/tiltak/1?fra=x#kommentar-1`);
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith('samskriv_session='));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(dance.cookie(server.url, 'samskriv_oidc'), 'the flow cookie is cleared').toBeUndefined();

    const kari: Target = { url: server.url, cookie: dance.sessionCookie(server.url) };
    const session = SessionResponseSchema.parse(await (await api(kari, '/api/session')).json());
    expect(session.user).toEqual({ username: 'kari.nordmann', name: 'Kari Nordmann', ministry: 'JD', role: 'editor' });
    // The rights are JD's: measure 1 (UD, JD, BLD) yes, measure 10 is JD's too; 14 is HOD's only.
    expect((await patchJson(kari, `/api/rounds/${ROUND}/measures/1`, { status: 'Løpende' })).status).toBe(200);
    const hods = await api(kari, `/api/rounds/${ROUND}/measures`).then((r) => r.json() as Promise<{ number: number; ministries: string[] }[]>);
    const notOurs = hods.find((m) => !m.ministries.includes('JD'));
    expect((await patchJson(kari, `/api/rounds/${ROUND}/measures/${notOurs?.number}`, { status: 'Løpende' })).status).toBe(403);

    const added = (await auditOf('account.add')).find((e) => e.target.id === 'kari.nordmann');
    expect(added?.actor).toEqual({ kind: 'system' });
    expect(added?.after).toMatchObject({ name: 'Kari Nordmann', role: 'editor', ministry: 'JD', via: 'oidc', subject: 'kari' });
    const signedIn = (await auditOf('signin.success')).find((e) => e.target.id === 'kari.nordmann');
    expect(signedIn?.actor).toEqual({ kind: 'user', username: 'kari.nordmann', name: 'Kari Nordmann' });
    expect(signedIn?.after).toMatchObject({ method: 'oidc', created: true });

    // Again: the same account, not a second one.
    const again = await signInAs('kari');
    expect(again.response.status).toBe(302);
    const second = SessionResponseSchema.parse(await (await api({ url: server.url, cookie: again.dance.sessionCookie(server.url) }, '/api/session')).json());
    expect(second.user.username).toBe('kari.nordmann');
    expect((await auditOf('account.add')).filter((e) => e.target.id?.startsWith('kari')).length).toBe(1);
  });

  it('refuses someone the mapping does not know with a page in bokmål, makes no account, and counts the failure', async () => {
    const before = await signInFailures(server.url, 'oidc', 'refused_unknown');
    const { response } = await signInAs('ukjent');
    expect(response.status).toBe(403);
    expect(await signInFailures(server.url, 'oidc', 'refused_unknown')).toBe(before + 1);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    expect(response.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    expect(response.headers.getSetCookie().some((c) => c.startsWith('samskriv_session='))).toBe(false);
    const page = await response.text();
    expect(page).toContain('<html lang="nb">');
    expect(page).toContain('Du har ikke tilgang til Samskriv');
    expect(page).toContain('Samskriv kjenner deg ikke');
    expect(page).toContain('uno@example.no');
    expect(page).toMatch(/href="http:\/\/127\.0\.0\.1:\d+\/session\/end\?[^"]*id_token_hint=/);

    const mentionable = (await (await api(coordinator, `/api/rounds/${ROUND}/mentionables`)).json()) as { people: { username: string }[] };
    expect(mentionable.people.map((p) => p.username)).not.toContain('uno');
    const refused = (await auditOf('signin.failure')).find((e) => e.actor.kind === 'user' && e.actor.username === 'uno@example.no');
    expect(refused?.after).toMatchObject({ method: 'oidc', reason: 'unknown', subject: 'ukjent' });
  });

  it('refuses someone whose groups give two ministries, rather than choosing one', async () => {
    const { response } = await signInAs('tvetydig');
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('flere departementer');
  });

  it('signs in accounts pre-registered with the CLI: by e-mail (bound to the subject at the first sign-in) and by subject', async () => {
    const added = await userCli(server.dataDir, ['add', 'ola', '--name', 'Ola Forhånd', '--role', 'editor', '--ministry', 'HOD', '--oidc-email', 'ola.forhand@hod.dep.no']);
    expect(added.output).toMatch(/added ola \(editor, HOD\), signs in through the identity provider as ola\.forhand@hod\.dep\.no/);
    expect(added.code).toBe(0);
    const bySubject = await userCli(server.dataDir, ['add', 'per', '--name', 'Per Koordinator', '--role', 'coordinator', '--oidc-subject', 'per'], '', oidcEnv());
    expect(bySubject.code, bySubject.output).toBe(0);
    // Without OIDC_ISSUER the CLI cannot know whose subject it is.
    const noIssuer = await userCli(server.dataDir, ['link', 'per', '--subject', 'per']);
    expect(noIssuer.code).toBe(2);
    expect(noIssuer.output).toMatch(/needs OIDC_ISSUER/);

    const ola = await signInAs('ola');
    expect(ola.response.status).toBe(302);
    const olaSession = SessionResponseSchema.parse(await (await api({ url: server.url, cookie: ola.dance.sessionCookie(server.url) }, '/api/session')).json());
    // The account the CLI made, with what the CLI gave it (the provider's name and no groups do not matter).
    expect(olaSession.user).toEqual({ username: 'ola', name: 'Ola Forhånd', ministry: 'HOD', role: 'editor' });

    const per = await signInAs('per');
    expect(per.response.status).toBe(302);
    const perSession = SessionResponseSchema.parse(await (await api({ url: server.url, cookie: per.dance.sessionCookie(server.url) }, '/api/session')).json());
    expect(perSession.user).toMatchObject({ username: 'per', role: 'coordinator' });

    const list = await userCli(server.dataDir, ['list']);
    expect(list.output).toMatch(/^ola\teditor\tHOD\tactive\tno password\toidc ola\t/m);
    expect(list.output).toMatch(/^per\tcoordinator\t-\tactive\tno password\toidc per\t/m);
    const links = (await auditOf('account.link')).map((e) => [e.actor.kind, e.target.id]);
    expect(links).toEqual(expect.arrayContaining([['cli', 'ola'], ['system', 'ola'], ['cli', 'per']]));

    // A password does nothing for an account without one, and counts as a failure.
    const failuresBefore = await signInFailures(server.url, 'password', 'invalid');
    const password = await fetch(`${server.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'ola', password: '!' }),
    });
    expect(password.status).toBe(401);
    expect(await signInFailures(server.url, 'password', 'invalid')).toBe(failuresBefore + 1);
  });

  it('does not bind a pre-registration to an e-mail the provider calls unverified', async () => {
    expect((await userCli(server.dataDir, ['add', 'ulf', '--name', 'Ulf', '--role', 'reader', '--oidc-email', 'ulf@jd.dep.no'])).code).toBe(0);
    const { response } = await signInAs('ulf');
    expect(response.status).toBe(403);
  });

  it('follows the claims of an account the mapping made, and refuses a disabled account', async () => {
    const first = await signInAs('nina');
    expect(first.response.status).toBe(302);
    idp.people.set('nina', { ...PEOPLE.nina, groups: ['samskriv-lesere'] });
    const moved = await signInAs('nina');
    const session = SessionResponseSchema.parse(await (await api({ url: server.url, cookie: moved.dance.sessionCookie(server.url) }, '/api/session')).json());
    expect(session.user).toMatchObject({ username: 'nina', role: 'reader', ministry: null });
    const change = (await auditOf('account.role')).find((e) => e.target.id === 'nina');
    expect(change).toMatchObject({ actor: { kind: 'system' }, before: { role: 'editor', ministry: 'JD' }, after: { role: 'reader', ministry: null } });
    idp.people.set('nina', { ...PEOPLE.nina, groups: [] });
    expect((await signInAs('nina')).response.status, 'out of every mapped group: refused').toBe(403);

    expect((await signInAs('dagny')).response.status).toBe(302);
    expect((await userCli(server.dataDir, ['disable', 'dagny'])).code).toBe(0);
    const disabled = await signInAs('dagny');
    expect(disabled.response.status).toBe(403);
    expect(await disabled.response.text()).toContain('deaktivert');
  });

  it('refuses a tampered ID token: no session, the reason in the log, and a failure counted', async () => {
    const before = await signInFailures(server.url, 'oidc', 'failed');
    idp.tamperNextIdToken((token) => {
      const [header, , signature] = token.split('.');
      const payload = { ...payloadOf(token), sub: 'per' };
      return `${header}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${signature}`;
    });
    const { response } = await signInAs('ukjent');
    expect(response.status).toBe(400);
    expect(response.headers.getSetCookie().some((c) => c.startsWith('samskriv_session='))).toBe(false);
    expect(await response.text()).toContain('Innloggingen kunne ikke fullføres');
    expect(server.logs().some((line) => /sign-in through the identity provider failed .*signature/i.test(line))).toBe(true);
    expect(await signInFailures(server.url, 'oidc', 'failed')).toBe(before + 1);
  });

  it('refuses a wrong state, and a callback carried to another browser; the right one in the right browser still works', async () => {
    const dance = new RedirectDance();
    const callback = new URL(await signInAtProvider(dance, server.url, 'kari'));
    const wrong = new URL(callback);
    wrong.searchParams.set('state', 'x'.repeat(43));
    const refused = await dance.request(wrong.href);
    expect(refused.status).toBe(400);
    expect(refused.headers.getSetCookie().some((c) => c.startsWith('samskriv_session='))).toBe(false);

    // Login CSRF: someone else's callback in a browser that did not start the sign-in.
    const other = new RedirectDance();
    await other.request(`${server.url}/api/auth/oidc/login`);
    const carried = await other.request(callback.href);
    expect(carried.status).toBe(400);
    expect(carried.headers.getSetCookie().some((c) => c.startsWith('samskriv_session='))).toBe(false);

    // Neither refusal used the sign-in up: the browser that started it finishes it.
    const right = await dance.request(callback.href);
    expect(right.status).toBe(302);
    expect(right.headers.get('location')).toBe('/');
    const session = SessionResponseSchema.parse(await (await api({ url: server.url, cookie: dance.sessionCookie(server.url) }, '/api/session')).json());
    expect(session.user.username).toBe('kari.nordmann');
  });

  it('refuses a replayed code: the same callback again, and the code inside another sign-in', async () => {
    const dance = new RedirectDance();
    const callback = new URL(await signInAtProvider(dance, server.url, 'kari'));
    expect((await dance.request(callback.href)).status).toBe(302);
    const replayed = await dance.request(callback.href);
    expect(replayed.status).toBe(400);
    expect(replayed.headers.getSetCookie().some((c) => c.startsWith('samskriv_session='))).toBe(false);

    // The used code, smuggled into a fresh sign-in of this browser (its own state and verifier): the provider refuses it.
    const fresh = new URL(await signInAtProvider(dance, server.url, 'kari'));
    fresh.searchParams.set('code', callback.searchParams.get('code') ?? '');
    const smuggled = await dance.request(fresh.href);
    expect(smuggled.status).toBe(400);
    expect(server.logs().some((line) => /failed .*invalid_grant/.test(line))).toBe(true);
  });

  it('never sends the browser off-site after signing in', async () => {
    for (const returnTo of ['//evil.example/x', 'https://evil.example/', '/\\evil.example']) {
      const { response } = await signInAs('kari', returnTo);
      expect(response.status).toBe(302);
      expect(response.headers.get('location'), returnTo).toBe('/');
    }
  });

  it('signs out of Samskriv and hands the browser the provider\'s sign-out (RP-initiated logout); a password session gets a bare 204', async () => {
    const { dance } = await signInAs('kari');
    const kari: Target = { url: server.url, cookie: dance.sessionCookie(server.url) };
    const out = await api(kari, '/api/session', { method: 'DELETE' });
    expect(out.status).toBe(200);
    const logout = new URL(SignOutResponseSchema.parse(await out.json()).logoutUrl);
    expect(logout.origin).toBe(idp.issuer);
    expect(logout.pathname).toBe('/session/end');
    expect(logout.searchParams.get('post_logout_redirect_uri')).toBe(`${server.url}/`);
    expect(payloadOf(logout.searchParams.get('id_token_hint') ?? '')).toMatchObject({ sub: 'kari', aud: idp.clientId });
    expect((await api(kari, '/api/session')).status).toBe(401);

    // The provider's own sign-out, confirmed as its page asks, comes back to Samskriv.
    const confirm = await dance.follow(logout.href);
    const form = await confirm.response?.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(form ?? '')?.[1];
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(form ?? '')?.[1];
    expect(action && xsrf, form).toBeTruthy();
    const ended = await dance.postForm(new URL(action ?? '', logout).href, { xsrf: xsrf ?? '', logout: 'yes' });
    expect(ended.headers.get('location')).toBe(`${server.url}/`);

    const password = await signIn(server.url, 'jd');
    expect((await api(password, '/api/session', { method: 'DELETE' })).status).toBe(204);
  });
});

describe('with password sign-in turned off', () => {
  let idp: TestIdentityProvider;
  let server: TestServer;

  beforeAll(async () => {
    idp = await startIdentityProvider({ kari: PEOPLE.kari });
    // The demo accounts are made as always; the coordinator is signed in before passwords are off.
    server = await startTestServer({ oidc: idp.options(), passwordSignIn: false, seed: false });
    idp.register(server.url);
  });
  afterAll(async () => {
    await server?.stop();
    await idp?.close();
  });

  it('refuses every password (counted as a failure) and tells the sign-in page so; the provider still signs people in', async () => {
    const before = await signInFailures(server.url, 'password', 'off');
    const methods = AuthMethodsSchema.parse(await (await fetch(`${server.url}/api/auth/methods`)).json());
    expect(methods.password).toBe(false);
    const response = await fetch(`${server.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'koordinator', password: 'whatever' }),
    });
    expect(response.status).toBe(403);
    expect(await signInFailures(server.url, 'password', 'off')).toBe(before + 1);
    const dance = new RedirectDance();
    expect((await dance.request(await signInAtProvider(dance, server.url, 'kari'))).status).toBe(302);
  });
});
