import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { MeasureDetailSchema, type MeasureDetail } from '../../shared/measure.js';
import { RoundSchema } from '../../shared/round.js';
import {
  ROUND_ID,
  connectionState,
  editorText,
  focusEditorEnd,
  formatViolations,
  openMeasure,
  runAxe,
  screenshot,
  waitForConnection,
  waitForEditorText,
} from '../helpers/browser.js';
import { browserSuite } from '../helpers/browserSuite.js';
import { api, patchJson } from '../helpers/session.js';
import { waitFor } from '../helpers/waitFor.js';

/** Measure 14 is JD's (the 2012 report). */
const MEASURE = 14;
const SENTENCE = 'Denne setningen ble skrevet uten nett rett før fristen.';

/** Whether the warning about edits the server will not take is on screen. */
async function warningShown(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const alert = document.querySelector('[data-testid="unsaved-edits"]');
    return alert instanceof HTMLElement && alert.offsetParent !== null;
  });
}

/** The keys this browser keeps in localStorage about JD's copies (confirmed state vectors, unconfirmed notes). */
async function ownLocalKeys(page: Page): Promise<string[]> {
  return page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('samskriv.') && key.includes('jd')));
}

/**
 * Edits the server never stored, because the round froze before they reached it: the page
 * turns read-only, says so, and lets the editor throw them away for the server's text.
 */
describe('unsaved edits after the round froze', { timeout: 120_000 }, () => {
  // Deadlines are checked every 200 ms, so the round freezes right after its deadline.
  const { server, proxy, person } = browserSuite({ proxy: true, server: { deadlineCheckIntervalMs: 200 } });

  async function serverMeasure(): Promise<MeasureDetail> {
    const response = await api(server, `/api/rounds/${ROUND_ID}/measures/${MEASURE}`);
    expect(response.status).toBe(200);
    return MeasureDetailSchema.parse(await response.json());
  }

  it('JD’s offline sentence, refused after the freeze, is shown with a warning (axe clean) and discarded for the server’s text, also after a reload', async () => {
    const before = await serverMeasure();
    expect(before.ministries).toContain('JD');
    // JD reaches the server only through the proxy, so that its network can be cut.
    const jd = await person('jd', { label: 'jd (proxied)', baseUrl: proxy.url });
    await openMeasure(jd, MEASURE, { expectText: true });
    const editable = (): Promise<string | null> => jd.page.getByTestId('narrative-editor').getAttribute('data-editable');
    expect(await editable()).toBe('true');
    expect(await warningShown(jd.page)).toBe(false);

    // The network goes; JD types on: the sentence stays in JD's browser.
    proxy.cut();
    await waitFor(async () => (await connectionState(jd.page)).state !== 'connected', { what: 'JD leaves "connected" after the cut' });
    await focusEditorEnd(jd.page);
    await jd.page.keyboard.press('Enter');
    await jd.page.keyboard.type(SENTENCE);
    await waitForEditorText(jd.page, (text) => text.includes(SENTENCE), { what: 'JD’s own sentence in JD’s editor' });
    await waitFor(async () => (await connectionState(jd.page)).unsynced === 'true', { what: 'JD’s header reporting unconfirmed edits' });
    expect(await warningShown(jd.page), 'no warning while JD may still write').toBe(false);

    // The coordinator moves the deadline into the past: the server freezes the round.
    const patch = await patchJson(server, `/api/rounds/${ROUND_ID}`, { deadline: new Date(Date.now() - 60_000).toISOString() });
    expect(patch.status, await patch.clone().text()).toBe(200);
    await waitFor(
      async () => RoundSchema.parse(await (await api(server, `/api/rounds/${ROUND_ID}`)).json()).state === 'frozen',
      { what: 'the server froze the round' },
    );

    // The network returns: JD's page turns read-only and warns about the sentence the server refused.
    proxy.restore();
    await waitFor(async () => (await editable()) === 'false', { what: 'JD’s editor read-only after the freeze', timeoutMs: 20_000 });
    await waitFor(() => warningShown(jd.page), { what: 'the warning about JD’s unsaved edits', timeoutMs: 20_000 });
    const warning = jd.page.getByTestId('unsaved-edits');
    expect(await warning.getAttribute('data-reason')).toBe('frozen');
    expect(await warning.innerText()).toContain('Noen av endringene dine er ikke lagret');
    expect(await warning.innerText()).toContain('fristen har gått ut');
    expect(await warning.innerText()).toContain('be koordinatoren legge det inn');
    expect(await warning.evaluate((element) => element.closest('[aria-live="polite"]') !== null), 'the warning is in a live region').toBe(true);
    await waitForConnection(jd.page, 'connected', { unsynced: true, who: 'JD, connected read-only with refused edits' });
    expect(await editorText(jd.page)).toContain(SENTENCE);
    expect((await serverMeasure()).narrative, 'the server never got the sentence').not.toContain(SENTENCE);
    expect((await ownLocalKeys(jd.page)).some((key) => key.startsWith('samskriv.unconfirmed.')), 'sign-out would warn').toBe(true);
    await screenshot(jd.page, 'unsavedAfterFreeze - warning');

    const violations = await runAxe(jd.page);
    expect(violations, formatViolations(violations)).toEqual([]);

    // "Kopier min tekst" puts JD's text, the unsaved sentence included, on the clipboard.
    await jd.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: proxy.url });
    await jd.page.getByTestId('unsaved-copy').click();
    await waitFor(async () => (await jd.page.getByTestId('unsaved-status').innerText()).includes('kopiert'), { what: 'the copy confirmed' });
    expect(await jd.page.evaluate(() => navigator.clipboard.readText())).toContain(SENTENCE);

    // Cancelling the confirmation keeps everything.
    await jd.page.getByTestId('unsaved-discard').click();
    const dialog = jd.page.getByTestId('unsaved-discard-confirm');
    await dialog.waitFor({ state: 'visible' });
    await dialog.getByRole('button', { name: 'Avbryt' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await editorText(jd.page)).toContain(SENTENCE);
    expect(await warningShown(jd.page)).toBe(true);

    // Discarding, confirmed: the editor shows the server's text, and nothing is unconfirmed.
    await jd.page.getByTestId('unsaved-discard').click();
    await dialog.waitFor({ state: 'visible' });
    await screenshot(jd.page, 'unsavedAfterFreeze - confirm');
    await dialog.getByRole('button', { name: 'Forkast og vis serverens versjon' }).click();
    const stored = (await serverMeasure()).narrative;
    await waitForEditorText(jd.page, (text) => !text.includes(SENTENCE) && text.trim() === stored.trim(), {
      what: 'JD’s editor showing exactly the server’s text',
      timeoutMs: 20_000,
    });
    await waitForConnection(jd.page, 'connected', { unsynced: false, who: 'JD after discarding' });
    expect(await warningShown(jd.page)).toBe(false);
    expect(await jd.page.getByTestId('unsaved-status').innerText()).toContain('forkastet');
    expect(await ownLocalKeys(jd.page), 'no unconfirmed note left for sign-out to warn about').not.toContainEqual(
      expect.stringMatching(/^samskriv\.unconfirmed\./),
    );
    expect(await editable()).toBe('false');
    await screenshot(jd.page, 'unsavedAfterFreeze - discarded');

    // A reload loads what IndexedDB kept before syncing: it must be the server's text alone.
    await jd.page.reload();
    await waitFor(async () => (await editorText(jd.page)) !== undefined, { what: 'JD’s editor after the reload', timeoutMs: 20_000 });
    await waitForConnection(jd.page, 'connected', { who: 'JD after the reload' });
    await waitForEditorText(jd.page, (text) => text.trim() === stored.trim(), { what: 'the server’s text after the reload' });
    // Synced and checked against the server, with nothing from before.
    await waitFor(async () => (await jd.page.evaluate(() => document.querySelector('[data-testid="read-only-notice"]') !== null)), {
      what: 'the read-only notice after the reload',
    });
    await waitForConnection(jd.page, 'connected', { unsynced: false, who: 'JD after the reload' });
    expect(await editorText(jd.page)).not.toContain(SENTENCE);
    expect(await warningShown(jd.page)).toBe(false);
    expect((await serverMeasure()).narrative).toBe(stored);
  });
});
