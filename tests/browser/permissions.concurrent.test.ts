import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { MeasureDetailSchema, type MeasureDetail } from '../../shared/measure.js';
import {
  ROUND_ID,
  editorText,
  focusEditorEnd,
  openMeasure,
  screenshot,
  waitForConnection,
  waitForEditorText,
  waitForSignInPage,
} from '../helpers/browser.js';
import { browserSuite } from '../helpers/browserSuite.js';
import { api } from '../helpers/session.js';
import { userCli } from '../helpers/process.js';
import { waitFor } from '../helpers/waitFor.js';

/** Measure 14 is JD's alone (the 2012 report: "14 ... (JD)"). */
const JD_ONLY = 14;

/** Two ministries on one measure: the responsible one writes, the other may only read. */
describe('who may write a measure, in two browsers', { timeout: 120_000 }, () => {
  // The server notices role changes and disabled accounts made by the CLI within 200 ms.
  const { server, person } = browserSuite({ server: { sessionWatchIntervalMs: 200 } });

  async function serverMeasure(number: number): Promise<MeasureDetail> {
    const response = await api(server, `/api/rounds/${ROUND_ID}/measures/${number}`);
    expect(response.status).toBe(200);
    return MeasureDetailSchema.parse(await response.json());
  }

  it('JD writes its measure and HOD sees it live; HOD gets a read-only editor, a notice and a disabled status, and its typing changes nothing', async () => {
    expect((await serverMeasure(JD_ONLY)).ministries, `measure ${JD_ONLY}'s ministries`).toEqual(['JD']);
    const jd = await person('jd');
    const hod = await person('hod');
    await Promise.all([openMeasure(jd, JD_ONLY, { expectText: true }), openMeasure(hod, JD_ONLY, { expectText: true })]);

    // What each page offers.
    const writer: View = { editable: 'true', contenteditable: 'true', toolbar: 1, notice: null, statusDisabled: false };
    let jdView = await viewOf(jd.page);
    // The rule needs the measure's ministries, which load beside the editor.
    await waitFor(async () => JSON.stringify((jdView = await viewOf(jd.page))) === JSON.stringify(writer), { what: 'JD’s editable page' }).catch(
      () => undefined,
    );
    expect(jdView, 'JD’s measure page').toEqual(writer);
    await waitFor(async () => (await viewOf(hod.page)).notice !== null, { what: 'HOD’s read-only notice' });
    const hodView = await viewOf(hod.page);
    expect({ ...hodView, notice: null }, 'HOD’s measure page').toEqual({
      editable: 'false',
      contenteditable: 'false',
      toolbar: 0,
      notice: null,
      statusDisabled: true,
    });
    expect(hodView.notice).toContain('Du kan lese dette tiltaket, men ikke skrive i det');
    expect(hodView.notice).toContain('det er JDs ansvar, og du er logget inn for HOD');
    await screenshot(hod.page, 'permissions - HOD reads measure 14');

    // JD's typing reaches HOD.
    const JD_TEXT = 'JD skriver dette.';
    await focusEditorEnd(jd.page);
    await jd.page.keyboard.type(` ${JD_TEXT}`);
    await waitForEditorText(hod.page, (text) => text.includes(JD_TEXT), { what: 'JD’s text in HOD’s editor' });

    // HOD tries: typing, deleting, a new paragraph. None of it may land anywhere.
    const before = (await editorText(hod.page)) ?? '';
    const HOD_TEXT = 'HOD prøver å skrive.';
    await hod.page.locator('[data-testid="narrative-editor"] .ProseMirror').click();
    await hod.page.keyboard.press('Control+End');
    await hod.page.keyboard.type(` ${HOD_TEXT}`);
    await hod.page.keyboard.press('Backspace');
    await hod.page.keyboard.press('Enter');
    await hod.page.keyboard.press('Control+a');
    await hod.page.keyboard.press('Delete');
    // A later edit of JD's that reaches HOD shows that everything before it has been through.
    const MARK = 'JD igjen.';
    await focusEditorEnd(jd.page);
    await jd.page.keyboard.type(` ${MARK}`);
    await waitForEditorText(hod.page, (text) => text.includes(MARK), { what: 'JD’s second text in HOD’s editor' });
    await waitFor(async () => (await serverMeasure(JD_ONLY)).narrative.includes(MARK), { what: 'the server has JD’s second text' });

    const hodText = (await editorText(hod.page)) ?? '';
    expect(hodText, 'HOD’s editor after HOD typed').not.toContain(HOD_TEXT);
    expect(hodText.length, 'HOD’s delete-all removed nothing').toBeGreaterThan(before.length);
    expect(await editorText(jd.page), 'JD’s editor').not.toContain(HOD_TEXT);
    expect((await serverMeasure(JD_ONLY)).narrative, 'the stored narrative').not.toContain(HOD_TEXT);
    await waitFor(async () => (await editorText(jd.page)) === hodText, { what: 'JD and HOD show the same text' });

    // The status select cannot be changed from HOD's page.
    const status = (await serverMeasure(JD_ONLY)).status;
    expect(await hod.page.getByTestId('status-select').isDisabled()).toBe(true);
    expect((await serverMeasure(JD_ONLY)).status).toBe(status);
    await screenshot(jd.page, 'permissions - JD writes measure 14');
    await screenshot(hod.page, 'permissions - HOD after trying to type');
  });

  it('a measure of several ministries names them all in the notice', async () => {
    // Measure 25 is BLD's and JD's.
    expect((await serverMeasure(25)).ministries).toEqual(['BLD', 'JD']);
    const ud = await person('ud');
    await openMeasure(ud, 25);
    await waitFor(async () => (await viewOf(ud.page)).notice !== null, { what: 'UD’s read-only notice' });
    expect((await viewOf(ud.page)).notice).toContain('det er BLDs og JDs ansvar, og du er logget inn for UD');
  });

  it('rights changed while the page is open apply without a reload (4403); a disabled account gets the sign-in page (4401)', async () => {
    const password = 'et-langt-passord-1';
    const added = await userCli(server.dataDir, ['add', 'lise', '--name', 'Lise Leser', '--role', 'reader'], `${password}\n`);
    expect(added, added.output).toMatchObject({ code: 0 });
    const lise = await person('lise', { password });
    await openMeasure(lise, JD_ONLY, { expectText: true });
    await waitFor(async () => (await viewOf(lise.page)).notice !== null, { what: 'the reader’s read-only notice' });
    expect((await viewOf(lise.page)).notice).toContain('kontoen din har bare lesetilgang');
    await lise.page.evaluate(() => ((window as unknown as { __noReload?: boolean }).__noReload = true));

    // Made JD's editor: the server closes her socket (4403); the page asks who she is now.
    const role = await userCli(server.dataDir, ['role', 'lise', 'editor', '--ministry', 'jd']);
    expect(role, role.output).toMatchObject({ code: 0 });
    const writer: View = { editable: 'true', contenteditable: 'true', toolbar: 1, notice: null, statusDisabled: false };
    let seen = await viewOf(lise.page);
    await waitFor(async () => JSON.stringify((seen = await viewOf(lise.page))) === JSON.stringify(writer), {
      what: 'Lise’s page becomes editable',
      timeoutMs: 15_000,
    }).catch((error: Error) => {
      throw new Error(`${error.message}; the page shows ${JSON.stringify(seen)}`);
    });
    expect(await lise.page.getByTestId('signed-in-user').innerText()).toMatch(/\(JD\)/);
    expect(await lise.page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
    await waitForConnection(lise.page, 'connected', { who: 'Lise after the change', timeoutMs: 20_000 });
    const LISE_TEXT = 'Lise skriver for JD.';
    await focusEditorEnd(lise.page);
    await lise.page.keyboard.type(` ${LISE_TEXT}`);
    await waitFor(async () => (await serverMeasure(JD_ONLY)).narrative.includes(LISE_TEXT), {
      what: 'the server stores Lise’s text (her new connection writes)',
    });

    // Disabled: the session ends (4401) and the sign-in page shows.
    const disabled = await userCli(server.dataDir, ['disable', 'lise']);
    expect(disabled, disabled.output).toMatchObject({ code: 0 });
    await waitForSignInPage(lise.page, 'Lise after her account was disabled');
    await lise.page.getByTestId('session-ended').waitFor({ state: 'visible' });
    await screenshot(lise.page, 'permissions - account disabled');
  });
});

interface View {
  /** `data-editable` of the narrative editor. */
  editable: string | null;
  contenteditable: string | null;
  /** How many formatting toolbars. */
  toolbar: number;
  /** The read-only notice's text, or null without one. */
  notice: string | null;
  statusDisabled: boolean;
}

async function viewOf(page: Page): Promise<View> {
  return page.evaluate(() => {
    const editor = document.querySelector('[data-testid="narrative-editor"]');
    const select = document.querySelector('[data-testid="status-select"]');
    return {
      editable: editor?.getAttribute('data-editable') ?? null,
      contenteditable: editor?.querySelector('.ProseMirror')?.getAttribute('contenteditable') ?? null,
      toolbar: editor?.querySelectorAll('[role="toolbar"]').length ?? 0,
      notice: document.querySelector('[data-testid="read-only-notice"]')?.textContent ?? null,
      statusDisabled: select instanceof HTMLSelectElement ? select.disabled : false,
    };
  });
}
