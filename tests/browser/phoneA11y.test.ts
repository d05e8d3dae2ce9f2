import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  openMeasure,
  overviewPath,
  signInWithForm,
  waitForSignInError,
  waitForConnection,
  waitForSignInPage,
} from '../helpers/browser.js';
import { browserSuite } from '../helpers/browserSuite.js';
import { PHONE, expectNoSidewaysPanning, expectNoViolations } from '../helpers/phone.js';
import { waitFor } from '../helpers/waitFor.js';

/** Both checks of a page at phone size: it fits the window and axe finds nothing. */
async function expectFitsAndPasses(page: Page, name: string): Promise<void> {
  await expectNoSidewaysPanning(page, name);
  await expectNoViolations(page, name, `phone - ${name}`);
}

/** The pages narrowScreens.test.ts leaves out, at 390×844: signing in and out, the coordinator's overview and import notes. */
describe('phones (390×844): the sign-in page, the coordinator’s overview and import notes pass axe and fit', { timeout: 120_000 }, () => {
  const { person } = browserSuite();

  it('the sign-in page, empty, with its error summary for empty fields, and after a wrong password', async () => {
    const p = await person();
    await p.page.setViewportSize(PHONE);
    await p.page.goto('/');
    await waitForSignInPage(p.page);
    await expectFitsAndPasses(p.page, 'sign-in, empty');

    // Nothing filled in: the summary lists both fields.
    await p.page.getByRole('button', { name: 'Logg inn' }).click();
    const summary = p.page.getByTestId('sign-in-error');
    await summary.waitFor({ state: 'visible' });
    await waitFor(async () => (await summary.innerText()).includes('Skriv passordet ditt.'), { what: 'the summary names the empty fields' });
    expect(await summary.innerText()).toContain('Skriv brukernavnet ditt.');
    await expectFitsAndPasses(p.page, 'sign-in, empty fields');

    // The server refuses a wrong password: the summary says so.
    await signInWithForm(p.page, 'hod', 'not-the-password');
    await waitForSignInError(p.page, 'Brukernavnet eller passordet er feil');
    await waitForSignInPage(p.page, 'after a wrong password');
    await expectFitsAndPasses(p.page, 'sign-in, wrong password');
  });

  it('the sign-in page saying "Du er logget ut" after Logg ut from the phone’s menu', async () => {
    const p = await person('jd');
    await p.page.setViewportSize(PHONE);
    await p.page.goto(overviewPath());
    await waitFor(async () => (await p.page.locator('table[data-testid="measures-table"] tr[data-measure]').count()) === 35, { what: '35 measures' });
    await waitForConnection(p.page, 'connected', { who: 'jd' });

    // On a phone Logg ut is inside the folded menu.
    const signOut = p.page.getByTestId('sign-out');
    expect(await signOut.isVisible(), 'Logg ut folded away with the menu').toBe(false);
    await p.page.getByRole('button', { name: 'Meny' }).click();
    await signOut.waitFor({ state: 'visible' });
    await signOut.click();
    await waitForSignInPage(p.page, 'after Logg ut');
    const said = p.page.getByTestId('signed-out');
    await waitFor(async () => (await said.innerText()).includes('Du er logget ut.'), { what: '"Du er logget ut."' });
    await expectFitsAndPasses(p.page, 'signed out');
  });

  it('the coordinator’s overview with the readiness summary and the status counts', async () => {
    const p = await person('koordinator');
    await p.page.setViewportSize(PHONE);
    const page = p.page;
    await page.goto(overviewPath());
    await waitFor(async () => (await page.locator('table[data-testid="measures-table"] tr[data-measure]').count()) === 35, { what: '35 measures' });
    await waitForConnection(page, 'connected', { who: 'koordinator' });
    // What the checks are about is on the page.
    await page.getByTestId('readiness-summary').waitFor({ state: 'visible' });
    expect(await page.locator('[data-testid="readiness-summary"] tr[data-ministry]').count(), 'a row per ministry').toBe(7);
    await page.getByTestId('status-counts').waitFor({ state: 'visible' });
    await page.getByTestId('status-counts').scrollIntoViewIfNeeded();
    await expectFitsAndPasses(page, 'coordinator overview');
  });

  it('the coordinator’s measure 10 with the import notes open', async () => {
    const p = await person('koordinator');
    await p.page.setViewportSize(PHONE);
    await openMeasure(p, 10, { expectText: true });
    const notes = p.page.getByTestId('import-notes');
    await notes.waitFor({ state: 'visible' });
    // Open for the coordinator, who applies the suggestions: the notes themselves are checked.
    expect(await notes.evaluate((details) => (details as HTMLDetailsElement).open), 'the notes open for the coordinator').toBe(true);
    const note = notes.getByTestId('import-note').first();
    await note.waitFor({ state: 'visible' });
    expect(await notes.getByTestId('import-note').count(), 'measure 10’s import notes').toBeGreaterThan(0);
    await notes.scrollIntoViewIfNeeded();
    await expectFitsAndPasses(p.page, 'coordinator measure 10 import notes');
  });
});
