import { describe, expect, it } from 'vitest';
import { MeasureDetailSchema, type MeasureDetail } from '../../shared/measure.js';
import { STATUSES, type Status } from '../../shared/status.js';
import {
  ROUND_ID,
  focusEditorEnd,
  formatViolations,
  openMeasure,
  runAxe,
  screenshot,
  waitForSignInPage,
} from '../helpers/browser.js';
import { browserSuite } from '../helpers/browserSuite.js';
import { api } from '../helpers/session.js';
import { waitFor } from '../helpers/waitFor.js';

/** Measure 14 is JD's alone. */
const MEASURE = 14;
const BLUE = '#0062ba';
const MAGENTA = '#a6195c';

describe('the measure page by keyboard, and what it says it did', { timeout: 120_000 }, () => {
  const { server, person } = browserSuite();

  async function serverMeasure(): Promise<MeasureDetail> {
    const response = await api(server, `/api/rounds/${ROUND_ID}/measures/${MEASURE}`);
    expect(response.status).toBe(200);
    return MeasureDetailSchema.parse(await response.json());
  }

  it('arrow keys on the closed status list only show the choice; Enter saves it once, Escape goes back, leaving the list saves', async () => {
    const jd = await person('jd');
    await openMeasure(jd, MEASURE, { expectText: true });
    const page = jd.page;
    const patches: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'PATCH' && request.url().includes(`/measures/${MEASURE}`)) patches.push(request.postData() ?? '');
    });
    // Start from the first status, so that the arrows have somewhere to go.
    const select = page.getByTestId('status-select');
    if ((await select.inputValue()) !== STATUSES[0]) {
      await select.selectOption(STATUSES[0]);
      await waitFor(async () => (await serverMeasure()).status === STATUSES[0], { what: 'the first status stored' });
      // The server can have stored it before the browser's report of the request reaches this test.
      await waitFor(() => patches.length === 1, { what: 'the first status’s PATCH reported by the page' });
    }
    patches.length = 0;

    await select.focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await waitFor(async () => (await select.inputValue()) === STATUSES[2], { what: 'two steps down shown in the list' });
    expect((await page.getByTestId('status-message').innerText()).trim()).toBe('Trykk Enter for å lagre, eller Escape for å angre.');
    // A round trip to the server: had the steps been sent, they would be stored by now.
    expect((await serverMeasure()).status, 'nothing saved while stepping').toBe(STATUSES[0]);
    expect(patches, 'nothing sent while stepping').toEqual([]);

    await page.keyboard.press('Enter');
    await waitFor(async () => (await serverMeasure()).status === STATUSES[2], { what: 'Enter saves the choice' });
    await waitFor(async () => (await page.getByTestId('status-message').innerText()).trim() === 'Status lagret.', { what: '"Status lagret."' });
    expect(patches.map((body) => (JSON.parse(body) as { status: Status }).status), 'one change sent, with what it replaced').toEqual([STATUSES[2]]);
    expect(JSON.parse(patches[0]!)).toEqual({ status: STATUSES[2], base: { status: STATUSES[0] } });

    // Escape: back to what is saved, nothing sent.
    await page.keyboard.press('ArrowDown');
    await waitFor(async () => (await select.inputValue()) === STATUSES[3], { what: 'a step shown' });
    await page.keyboard.press('Escape');
    await waitFor(async () => (await select.inputValue()) === STATUSES[2], { what: 'Escape shows the saved status again' });

    // Leaving the list saves what it shows.
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Tab');
    await waitFor(async () => (await serverMeasure()).status === STATUSES[1], { what: 'leaving the list saves the choice' });
    // The server can have stored it before the browser's report of the request reaches this test.
    await waitFor(() => patches.length >= 2, { what: 'the second PATCH reported by the page' });
    expect(patches).toHaveLength(2);
  });

  it('resolving says so on screen; the remote caret’s name shows while its writer is at work and then leaves the line above free', async () => {
    const jd = await person('jd', { color: BLUE });
    const coordinator = await person('koordinator', { color: MAGENTA });
    await Promise.all([openMeasure(jd, MEASURE, { expectText: true }), openMeasure(coordinator, MEASURE, { expectText: true })]);
    const page = jd.page;

    // Resolve a thread: the panel says it, visibly.
    const panel = page.getByTestId('threads-panel');
    await panel.getByTestId('comment-measure').click();
    await panel.getByTestId('new-thread-form').getByRole('textbox').fill('Er teksten ferdig?');
    await panel.getByTestId('new-thread-form').getByRole('button', { name: 'Send' }).click();
    const card = panel.locator('[data-testid="thread"]').filter({ hasText: 'Er teksten ferdig?' });
    await card.getByTestId('resolve-thread').click();
    const notice = page.getByTestId('threads-notice');
    await notice.waitFor({ state: 'visible' });
    expect(await notice.innerText()).toContain('Kommentaren er markert som løst');
    expect(await notice.evaluate((element) => element.closest('[role="status"]') !== null), 'also said to screen readers').toBe(true);
    const box = await notice.boundingBox();
    expect(box && box.height > 0 && box.width > 100, 'the notice is drawn').toBe(true);
    await screenshot(page, 'keyboard - resolved notice');
    const violations = await runAxe(page);
    expect(violations, formatViolations(violations)).toEqual([]);

    // The coordinator types on the second line: JD sees the name, then only the caret.
    await coordinator.page.locator('[data-testid="narrative-editor"] .ProseMirror').click();
    await coordinator.page.keyboard.press('Control+Home');
    await coordinator.page.keyboard.press('ArrowDown');
    await coordinator.page.keyboard.type('X');
    const label = page.locator('[data-testid="narrative-editor"] .collaboration-carets__label');
    await waitFor(async () => (await label.count()) === 1 && (await label.evaluate((el) => getComputedStyle(el).visibility)) === 'visible', {
      what: 'JD sees the coordinator’s name while the coordinator types',
    });
    expect(await label.innerText()).toContain('Koordinator');
    await waitFor(async () => (await label.evaluate((el) => getComputedStyle(el).visibility)) === 'hidden', {
      what: 'the name goes once the coordinator rests',
      timeoutMs: 10_000,
    });
    // Where the label stood, the line above is what the pointer and the eye reach.
    const covered = await label.evaluate((element) => {
      const rect = element.getBoundingClientRect();
      const hit = document.elementFromPoint(rect.left + rect.width / 2, rect.top + rect.height / 2);
      return hit?.closest('.collaboration-carets__label') !== null;
    });
    expect(covered, 'the resting label covers nothing').toBe(false);
    await screenshot(page, 'keyboard - caret at rest');
  });

  it('signing out says so', async () => {
    const jd = await person('jd');
    await openMeasure(jd, MEASURE);
    await focusEditorEnd(jd.page);
    await jd.page.getByTestId('sign-out').click();
    await waitForSignInPage(jd.page, 'JD after signing out');
    const said = jd.page.getByTestId('signed-out');
    await waitFor(async () => (await said.innerText()).includes('Du er logget ut.'), { what: '"Du er logget ut."' });
    expect(await said.getAttribute('role')).toBe('status');
    const violations = await runAxe(jd.page);
    expect(violations, formatViolations(violations)).toEqual([]);
    await screenshot(jd.page, 'keyboard - signed out');
  });
});
