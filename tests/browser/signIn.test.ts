import type { Page } from 'playwright-core';
import { describe, expect, it, onTestFinished } from 'vitest';
import { MeasureDetailSchema } from '../../shared/measure.js';
import {
  ROUND_ID,
  connectionState,
  editorText,
  focusEditorEnd,
  measurePath,
  openMeasure,
  overviewPath,
  screenshot,
  signInWithForm,
  waitForSignInError,
  waitForConnection,
  waitForEditorText,
  waitForSignInPage,
  waitForSignedIn,
} from '../helpers/browser.js';
import { browserSuite } from '../helpers/browserSuite.js';
import { startTestServer } from '../helpers/server.js';
import { api } from '../helpers/session.js';
import { waitFor } from '../helpers/waitFor.js';

/** Signing in through the page, signing out, and losing the session while in the app. */
describe('signing in and out', { timeout: 120_000 }, () => {
  const { server, proxy, person } = browserSuite({ proxy: true });

  async function serverNarrative(number: number): Promise<string> {
    const response = await api(server, `/api/rounds/${ROUND_ID}/measures/${number}`);
    expect(response.status).toBe(200);
    return MeasureDetailSchema.parse(await response.json()).narrative;
  }

  it('the sign-in form refuses a wrong password with a message, then signs in and shows the overview with the name', async () => {
    const p = await person();
    await p.page.goto('/');
    await waitForSignInPage(p.page);
    expect(await p.page.title()).toBe('Logg inn – Samskriv');
    expect(await p.page.locator('table[data-testid="measures-table"]').count(), 'the overview while signed out').toBe(0);

    await signInWithForm(p.page, 'hod', 'not-the-password');
    await waitForSignInError(p.page, 'Brukernavnet eller passordet er feil');
    expect(await p.page.getByLabel('Passord', { exact: true }).inputValue(), 'the wrong password is cleared').toBe('');
    expect(await p.page.getByLabel('Brukernavn', { exact: true }).inputValue(), 'the username is kept').toBe('hod');
    await waitForSignInPage(p.page, 'after a wrong password');
    await screenshot(p.page, 'signIn - wrong password');

    await signInWithForm(p.page, 'hod');
    await waitForSignedIn(p.page, 'hod');
    await waitFor(() => new URL(p.page.url()).pathname === overviewPath(), { what: `the overview (now ${p.page.url()})` });
    const rows = p.page.locator('table[data-testid="measures-table"] tr[data-measure]');
    await waitFor(async () => (await rows.count()) === 35, { what: 'the overview lists 35 measures' });
    const header = await p.page.getByTestId('signed-in-user').innerText();
    expect(header).toContain('Redaktør HOD');
    expect(header).toMatch(/\(HOD\)/);
    expect(await p.page.title()).toBe('Samskriv');
    await screenshot(p.page, 'signIn - signed in');
  });

  it('after signing in, the page the person was going to shows, at the same address', async () => {
    const p = await person();
    await p.page.goto(measurePath(20));
    await waitForSignInPage(p.page);
    expect(await editorText(p.page), 'no editor behind the sign-in page').toBeUndefined();
    await signInWithForm(p.page, 'hod');
    await waitForSignedIn(p.page, 'hod');
    expect(new URL(p.page.url()).pathname).toBe(measurePath(20));
    await waitFor(async () => (await editorText(p.page)) !== undefined, { what: 'measure 20’s editor' });
    await waitFor(async () => /^20 \S/.test(await p.page.locator('h1').innerText()), { what: 'measure 20’s heading with its title' });
    // HOD is responsible for measure 20: the editor is for writing (once the measure and round are known).
    await waitFor(async () => (await p.page.getByTestId('narrative-editor').getAttribute('data-editable')) === 'true', {
      what: 'measure 20’s editor editable for HOD',
    });
  });

  it('too many failed attempts: the page says so and how long to wait', async () => {
    // A server that blocks an account for five minutes after its first failure.
    const strict = await startTestServer({
      accountLimits: { freeFailures: 1, baseDelayMs: 5 * 60_000, maxDelayMs: 15 * 60_000, forgetAfterMs: 60 * 60_000 },
    });
    onTestFinished(() => strict.stop());
    const p = await person(undefined, { baseUrl: strict.url });
    await p.page.goto('/');
    await waitForSignInPage(p.page);

    await signInWithForm(p.page, 'ud', 'not-the-password');
    await waitForSignInError(p.page, 'Brukernavnet eller passordet er feil');
    // Even the right password is refused now, and the page says how long to wait.
    await signInWithForm(p.page, 'ud');
    const said = await waitForSignInError(p.page, 'For mange mislykkede forsøk');
    expect(said).toMatch(/Vent 5 minutter \(til kl\. \d{2}[:.]\d{2}\)/);
    await waitForSignInPage(p.page, 'while blocked');
    await screenshot(p.page, 'signIn - too many attempts');
  });

  it('Logg ut returns to the sign-in page, forgets what this browser kept for the person, and a reload stays there', async () => {
    const p = await person('jd');
    await openMeasure(p, 21, { expectText: true });
    // What signing out must remove has to be there first.
    await waitFor(() => kept(p.page, 'jd'), { what: 'jd’s IndexedDB copy of measure 21 and the cached session', timeoutMs: 20_000 });

    await p.page.getByTestId('sign-out').click();
    await waitForSignInPage(p.page, 'after Logg ut');
    // It says so, in a status region, and not as a session that ended by itself.
    const said = p.page.getByTestId('signed-out');
    await waitFor(async () => (await said.innerText()).includes('Du er logget ut.'), { what: 'the sign-in page saying "Du er logget ut."' });
    expect(await said.getAttribute('role')).toBe('status');
    expect(await p.page.getByTestId('session-ended').count(), 'no "session ended" notice after Logg ut').toBe(0);
    expect(new URL(p.page.url()).pathname, 'the address stays, to come back to').toBe(measurePath(21));
    expect((await p.context.request.get(`${server.url}/api/session`)).status(), 'the session on the server').toBe(401);
    await waitFor(async () => !(await anyKept(p.page, 'jd')), { what: 'no IndexedDB copy, API cache entry or confirmed state of jd left' });

    await p.page.reload();
    await waitForSignInPage(p.page, 'after a reload');
    expect(await editorText(p.page)).toBeUndefined();
    // The reload's own `GET /api/session` (401) is not kept either.
    expect(await anyKept(p.page, 'jd'), 'anything of jd kept after the reload').toBe(false);
    expect(await p.page.getByTestId('session-ended').count(), 'no "session ended" notice after signing out oneself').toBe(0);
    await screenshot(p.page, 'signIn - signed out and reloaded');
  });

  it('Logg ut with edits the server has not confirmed asks first; Avbryt keeps the person and the edits', async () => {
    const p = await person('jd', { baseUrl: proxy.url });
    await openMeasure(p, 22);
    const UNSENT = 'Ikke sendt ennå.';

    proxy.cut();
    await focusEditorEnd(p.page);
    await p.page.keyboard.type(` ${UNSENT}`);
    await waitFor(async () => (await connectionState(p.page)).unsynced === 'true', { what: 'the edit is held as not confirmed' });

    // Away from the measure, the page still knows (the measure's copy notes it in this browser).
    await p.page.getByRole('link', { name: 'Til oversikten' }).click();
    await waitFor(() => new URL(p.page.url()).pathname === overviewPath(), { what: 'the overview' });
    const note = (): Promise<string | null> => p.page.evaluate(() => localStorage.getItem('samskriv.unconfirmed.jd'));
    expect(await note()).toContain(`${ROUND_ID}.22`);

    const dialog = p.page.getByTestId('sign-out-confirm');
    await p.page.getByTestId('sign-out').click();
    await dialog.waitFor({ state: 'visible' });
    expect(await dialog.innerText()).toContain('Endringene dine er ikke lagret på serveren');
    await screenshot(p.page, 'signIn - confirm sign-out');
    // Focus starts on the harmless choice.
    await waitFor(async () => (await p.page.evaluate(() => document.activeElement?.textContent?.trim())) === 'Avbryt', {
      what: 'focus on Avbryt in the sign-out dialog',
    });
    await dialog.getByRole('button', { name: 'Avbryt', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    await waitForSignedIn(p.page, 'jd', 'after Avbryt');
    expect((await p.context.request.get(`${proxy.url}/api/session`).catch(() => null))?.status() ?? 'no answer (cut)').toBe('no answer (cut)');

    // With the network back and the edit stored, Logg ut needs no question.
    proxy.restore();
    await p.page.goBack();
    await waitFor(async () => (await editorText(p.page)) !== undefined, { what: 'measure 22 again' });
    await waitForConnection(p.page, 'connected', { unsynced: false, who: 'after the network returns', timeoutMs: 30_000 });
    await waitFor(async () => (await serverNarrative(22)).includes(UNSENT), { what: 'the server has the edit' });
    await waitFor(async () => (await note()) === null, { what: 'the note of unconfirmed edits is gone' });
    await p.page.getByTestId('sign-out').click();
    await waitForSignInPage(p.page, 'after Logg ut');
    expect(await dialog.isVisible()).toBe(false);
  });

  it('a session ended elsewhere shows the sign-in page; signing in again returns to the page as it was', async () => {
    const p = await person('jd');
    await openMeasure(p, 23);
    const BEFORE = 'Skrevet før økten sluttet.';
    const AFTER = 'Skrevet etter ny innlogging.';
    await focusEditorEnd(p.page);
    await p.page.keyboard.type(` ${BEFORE}`);
    await waitForConnection(p.page, 'connected', { unsynced: false, who: 'jd' });
    // A marker that a reload would wipe: the page must come back without one.
    await p.page.evaluate(() => ((window as unknown as { __noReload?: boolean }).__noReload = true));

    // The session ends on the server (as when it expires): the server closes jd's sockets (4401).
    const ended = await p.context.request.delete(`${server.url}/api/session`, { headers: { origin: server.url } });
    expect(ended.status()).toBe(204);
    await waitForSignInPage(p.page, 'after the session ended');
    await p.page.getByTestId('session-ended').waitFor({ state: 'visible' });
    expect(new URL(p.page.url()).pathname).toBe(measurePath(23));
    await screenshot(p.page, 'signIn - session ended');

    await signInWithForm(p.page, 'jd');
    await waitForSignedIn(p.page, 'jd', 'after signing in again');
    expect(await p.page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload), 'the page was kept, not reloaded').toBe(true);
    await waitForEditorText(p.page, (text) => text.includes(BEFORE), { what: 'the narrative as it was' });
    await waitForConnection(p.page, 'connected', { who: 'jd after signing in again', timeoutMs: 20_000 });
    await focusEditorEnd(p.page);
    await p.page.keyboard.type(` ${AFTER}`);
    await waitFor(async () => (await serverNarrative(23)).includes(AFTER), { what: 'the new edit reaches the server' });
  });
});

/** Whether the browser keeps `username`'s IndexedDB copy of a narrative and the API cache holds the session. */
async function kept(page: Page, username: string): Promise<boolean> {
  return page.evaluate(async (name) => {
    const databases = await indexedDB.databases();
    const copy = databases.some((db) => db.name?.startsWith(`samskriv.${name}/`));
    return copy && (await caches.match('/api/session')) !== undefined;
  }, username);
}

/** Whether anything of `username` is left: an IndexedDB copy, an API response in any cache, a confirmed state vector. */
async function anyKept(page: Page, username: string): Promise<boolean> {
  return page.evaluate(async (name) => {
    const databases = await indexedDB.databases();
    if (databases.some((db) => db.name?.startsWith(`samskriv.${name}/`))) return true;
    for (const cacheName of await caches.keys()) {
      const keys = await (await caches.open(cacheName)).keys();
      if (keys.some((request) => new URL(request.url).pathname.startsWith('/api/'))) return true;
    }
    return Object.keys(localStorage).some((key) => key.startsWith(`samskriv.confirmed.${name}/`));
  }, username);
}
