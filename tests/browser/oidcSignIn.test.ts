import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SessionResponseSchema } from '../../shared/auth.js';
import { formatViolations, measurePath, openMeasure, runAxe, screenshot, waitForSignedIn, waitForSignInPage } from '../helpers/browser.js';
import { browserSuite } from '../helpers/browserSuite.js';
import { startIdentityProvider } from '../helpers/identityProvider.js';
import { waitFor } from '../helpers/waitFor.js';

// The provider listens first: the server must know its issuer when it starts, and the provider
// learns the server's address (its redirect URL) once the server listens.
const idp = await startIdentityProvider({
  kari: { name: 'Kari Nordmann', email: 'kari.nordmann@jd.dep.no', email_verified: true, groups: ['samskriv-jd'] },
  ukjent: { name: 'Uno Ukjent', email: 'uno@example.no', groups: ['alle-ansatte'] },
});
afterAll(() => idp.close());
// A second provider for the server with passwords off (a provider knows one Samskriv's address).
const onlyIdp = await startIdentityProvider({
  kari: { name: 'Kari Nordmann', email: 'kari.nordmann@jd.dep.no', email_verified: true, groups: ['samskriv-jd'] },
});
afterAll(() => onlyIdp.close());

describe('signing in through the organisation, in Chromium, against a real OpenID provider', () => {
  const { server, person } = browserSuite({ server: { oidc: idp.options() } });
  beforeAll(() => idp.register(server.url));

  /** From Samskriv's sign-in page through the provider's form as `login`. */
  async function throughProvider(page: import('playwright-core').Page, login: string): Promise<void> {
    await page.getByRole('link', { name: 'Logg inn med Testleverandøren' }).click();
    await page.waitForURL((url) => url.origin === idp.issuer);
    await page.getByLabel('Brukernavn hos leverandøren').fill(login);
    await page.getByTestId('idp-sign-in').click();
  }

  it('signs in as the JD editor the mapping makes, on the page the person was going to, and signs out of Samskriv and the provider', async () => {
    const p = await person(undefined, { label: 'kari' });
    await p.page.goto(measurePath(1));
    await waitForSignInPage(p.page);
    // Both ways in: the organisation's first, the password form still there.
    await p.page.getByTestId('sign-in-provider').waitFor({ state: 'visible' });
    expect(await p.page.getByLabel('Passord', { exact: true }).count()).toBe(1);
    const violations = await runAxe(p.page);
    expect(violations, formatViolations(violations)).toEqual([]);
    await screenshot(p.page, 'oidc - sign-in page with the provider');

    await throughProvider(p.page, 'kari');
    await p.page.waitForURL((url) => url.origin === server.url && url.pathname === measurePath(1));
    await waitForSignedIn(p.page, 'kari.nordmann');
    const header = await p.page.getByTestId('signed-in-user').innerText();
    expect(header).toContain('Kari Nordmann');
    expect(header).toMatch(/\(JD\)/);
    const session = SessionResponseSchema.parse(await (await p.context.request.get(`${server.url}/api/session`)).json());
    expect(session.user).toEqual({ username: 'kari.nordmann', name: 'Kari Nordmann', ministry: 'JD', role: 'editor' });
    // Measure 1 is JD's too: the editor writes.
    await openMeasure(p, 1);
    await waitFor(async () => (await p.page.getByTestId('narrative-editor').getAttribute('data-editable')) === 'true', { what: 'an editable narrative' });

    // Signing out ends Samskriv's session, then the provider's (it asks, as providers do).
    await p.page.getByTestId('sign-out').click();
    await p.page.waitForURL((url) => url.origin === idp.issuer);
    expect((await p.context.request.get(`${server.url}/api/session`)).status(), 'Samskriv\'s session').toBe(401);
    await p.page.getByTestId('idp-sign-out').click();
    await p.page.waitForURL((url) => url.origin === server.url);
    await waitForSignInPage(p.page, 'after the provider signed out');
    // The provider's session is over too: it asks who it is again rather than signing kari in.
    await p.page.getByRole('link', { name: 'Logg inn med Testleverandøren' }).click();
    await p.page.getByLabel('Brukernavn hos leverandøren').waitFor({ state: 'visible' });
    await screenshot(p.page, 'oidc - the provider asks again after signing out');
  });

  it('refuses someone the mapping does not know with a page in bokmål, and signs nobody in', async () => {
    const p = await person(undefined, { label: 'ukjent' });
    await p.page.goto('/');
    await waitForSignInPage(p.page);
    await throughProvider(p.page, 'ukjent');
    await p.page.getByRole('heading', { name: 'Du har ikke tilgang til Samskriv', level: 1 }).waitFor({ state: 'visible' });
    expect(new URL(p.page.url()).pathname).toBe('/api/auth/oidc/callback');
    const text = await p.page.locator('main').innerText();
    expect(text).toContain('Samskriv kjenner deg ikke');
    expect(text).toContain('uno@example.no');
    expect(text).toContain('sekretariatet');
    expect(await p.page.evaluate(() => document.documentElement.lang)).toBe('nb');
    const violations = await runAxe(p.page);
    expect(violations, formatViolations(violations)).toEqual([]);
    await screenshot(p.page, 'oidc - refused');
    expect((await p.context.request.get(`${server.url}/api/session`)).status()).toBe(401);

    // Back to the sign-in page, to try again.
    await p.page.getByTestId('back-to-sign-in').click();
    await waitForSignInPage(p.page, 'after the refusal');
  });
});

describe('with password sign-in turned off, in Chromium', () => {
  const { server, person } = browserSuite({ server: { oidc: onlyIdp.options(), passwordSignIn: false, seed: false } });
  beforeAll(() => onlyIdp.register(server.url));

  it('the sign-in page offers the provider only: no username or password field, no submit button; the provider signs in', async () => {
    const p = await person(undefined, { label: 'provider only' });
    await p.page.goto(measurePath(1));
    await waitForSignInPage(p.page);
    // The provider's button and the password form come with the same answer (/api/auth/methods).
    const providerButton = p.page.getByRole('link', { name: 'Logg inn med Testleverandøren' });
    await providerButton.waitFor({ state: 'visible' });
    expect(await p.page.getByTestId('sign-in-provider').count()).toBe(1);
    expect(await p.page.getByLabel('Passord', { exact: true }).count(), 'a password field').toBe(0);
    expect(await p.page.getByLabel('Brukernavn', { exact: true }).count(), 'a username field').toBe(0);
    expect(await p.page.locator('input[type="password"]').count()).toBe(0);
    expect(await p.page.getByTestId('sign-in-submit').count()).toBe(0);
    const violations = await runAxe(p.page);
    expect(violations, formatViolations(violations)).toEqual([]);
    await screenshot(p.page, 'oidc - sign-in page with passwords off');

    await providerButton.click();
    await p.page.waitForURL((url) => url.origin === onlyIdp.issuer);
    await p.page.getByLabel('Brukernavn hos leverandøren').fill('kari');
    await p.page.getByTestId('idp-sign-in').click();
    await p.page.waitForURL((url) => url.origin === server.url && url.pathname === measurePath(1));
    await waitForSignedIn(p.page, 'kari.nordmann');
  });
});
