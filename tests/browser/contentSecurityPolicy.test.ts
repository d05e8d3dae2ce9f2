import { describe, expect, it } from 'vitest';
import { MeasureDetailSchema } from '../../shared/measure.js';
import {
  ROUND_ID,
  focusEditorEnd,
  hexToRgb,
  measurePath,
  openMeasure,
  screenshot,
  signInWithForm,
  waitForConnection,
  waitForEditorText,
  waitForSignInPage,
  waitForSignedIn,
  type Person,
} from '../helpers/browser.js';
import { browserSuite } from '../helpers/browserSuite.js';
import { api } from '../helpers/session.js';
import { waitFor } from '../helpers/waitFor.js';

/** Measure 5 is JD's alone. */
const MEASURE = 5;
/** The coordinator's caret colour, so that JD's page can be checked for it. */
const COORDINATOR_COLOR = '#b3005a';

/** What the page's `securitypolicyviolation` listener recorded (installed before any script of the app runs). */
async function violations(person: Person): Promise<string[]> {
  return person.page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? []);
}

/** The app under its Content-Security-Policy, used as people use it: nothing is refused. */
describe('the app under its Content-Security-Policy', { timeout: 120_000 }, () => {
  const { server, person } = browserSuite();

  it('signing in, opening a measure and typing trip no policy; an injected inline script is refused', async () => {
    const p = await person(undefined, { label: 'jd (csp)' });
    const consoleCsp: string[] = [];
    p.page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) consoleCsp.push(message.text());
    });
    await p.page.addInitScript(() => {
      const recorded: string[] = [];
      (window as unknown as { __cspViolations: string[] }).__cspViolations = recorded;
      document.addEventListener('securitypolicyviolation', (event) => {
        recorded.push(`${event.effectiveDirective} blocked ${event.blockedURI || '(inline)'} at ${event.sourceFile}:${event.lineNumber}`);
      });
    });

    const landing = await p.page.goto(measurePath(MEASURE));
    expect(landing?.headers()['content-security-policy']).toMatch(/script-src 'self'(;|$)/);
    await waitForSignInPage(p.page);
    await signInWithForm(p.page, 'jd');
    await waitForSignedIn(p.page, 'jd');
    await waitForEditorText(p.page, (text) => text.trim().length > 0, { what: 'measure 5’s stored narrative in the editor' });
    await waitForConnection(p.page, 'connected', { unsynced: false, who: p.label });

    const sentence = ' Skrevet under en streng innholdssikkerhetspolicy.';
    await focusEditorEnd(p.page);
    await p.page.keyboard.type(sentence);
    await waitFor(
      async () => {
        const response = await api(server, `/api/rounds/${ROUND_ID}/measures/${MEASURE}`);
        return MeasureDetailSchema.parse(await response.json()).narrative.includes(sentence.trim());
      },
      { timeoutMs: 15_000, what: 'the typed sentence stored by the server (over the websocket)' },
    );
    // Another person's caret: its colour comes in a style attribute.
    const coordinator = await person('koordinator', { color: COORDINATOR_COLOR });
    await openMeasure(coordinator, MEASURE, { expectText: true });
    await focusEditorEnd(coordinator.page);
    await coordinator.page.keyboard.type(' Koordinatoren skriver også.');
    await waitFor(
      async () =>
        (
          await p.page.$$eval('[data-testid="narrative-editor"] .collaboration-carets__caret', (carets) =>
            carets.map((caret) => getComputedStyle(caret).borderLeftColor),
          )
        ).includes(hexToRgb(COORDINATOR_COLOR)),
      { timeoutMs: 15_000, what: 'the coordinator’s caret in its colour on JD’s page' },
    );
    // The service worker registers and activates under the policy.
    await waitFor(() => p.page.evaluate(async () => (await navigator.serviceWorker.ready).active !== null), {
      what: 'the service worker active',
    });
    await screenshot(p.page, 'contentSecurityPolicy - typed');
    expect(await violations(p), 'violations while using the app').toEqual([]);
    expect(consoleCsp, 'CSP messages on the console').toEqual([]);

    // The policy is in force: a script another site managed to inject inline does not run.
    const ran = await p.page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__injectedRan = true;';
      document.body.append(script);
      return (window as unknown as { __injectedRan?: boolean }).__injectedRan === true;
    });
    expect(ran).toBe(false);
    await waitFor(async () => (await violations(p)).some((v) => v.startsWith('script-src')), {
      what: 'the refused inline script reported',
    });
  });

  it('an address that does not decode (/runder/%E0) shows the page-not-found text, not a blank app', async () => {
    const p = await person('jd', { label: 'jd (bad address)' });
    const errors: string[] = [];
    p.page.on('pageerror', (error) => errors.push(error.message));
    await p.page.goto('/runder/%E0');
    await waitForSignedIn(p.page, 'jd');
    await waitFor(async () => (await p.page.locator('main h1').innerText()) === 'Fant ikke siden', {
      what: 'the not-found text',
    });
    expect(errors).toEqual([]);
    await screenshot(p.page, 'contentSecurityPolicy - bad address');
  });
});
