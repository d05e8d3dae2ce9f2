import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SnapshotSummarySchema } from '../../shared/snapshot.js';
import { ROUND_ID, editorText, overviewPath, waitForConnection } from '../helpers/browser.js';
import { browserSuite } from '../helpers/browserSuite.js';
import { api } from '../helpers/session.js';
import { PHONE, expectNoSidewaysPanning, expectNoViolations as expectAxeClean } from '../helpers/phone.js';
import { waitFor } from '../helpers/waitFor.js';

/** No axe violations, with a screenshot named for this file. */
const expectNarrow = (page: Page, name: string): Promise<void> => expectAxeClean(page, name, `narrow - ${name}`);

const headerHeight = (page: Page): Promise<number> => page.locator('header.app-header').evaluate((header) => header.getBoundingClientRect().height);

/** Phones and narrow windows (390×844): tables that fit, a header that folds into a menu, long addresses that wrap. */
describe('phones and narrow windows', { timeout: 120_000 }, () => {
  const { server, person } = browserSuite();

  it('the overview fits the phone: no sideways panning, each measure a block of its own, the header one row with Meny', async () => {
    const p = await person('jd');
    await p.page.setViewportSize(PHONE);
    const page = p.page;
    await page.goto(overviewPath());
    await waitFor(async () => (await page.locator('table[data-testid="measures-table"] tr[data-measure]').count()) === 35, { what: '35 measures' });
    await waitForConnection(page, 'connected', { who: 'jd' });
    await page.getByTestId('waiting-list').waitFor();

    await expectNoSidewaysPanning(page, 'overview');
    const widest = await page.$$eval('table[data-testid="measures-table"] tr[data-measure]', (rows) => Math.max(...rows.map((row) => row.getBoundingClientRect().right)));
    expect(widest, 'every row inside the window').toBeLessThanOrEqual(PHONE.width);
    // The stacked row names its fields, as the table's header is out of sight.
    expect(await page.locator('tr[data-measure="14"]').innerText()).toMatch(/Ansvarlig:\s*JD[\s\S]*Status:[\s\S]*Klarmelding:/);

    // The header: one row (name, connection, Meny), the navigation folded away.
    expect(await headerHeight(page), 'header height').toBeLessThanOrEqual(72);
    const toggle = page.getByRole('button', { name: 'Meny' });
    const nav = page.getByRole('navigation', { name: 'Navigasjon' });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await nav.isVisible()).toBe(false);
    await expectNarrow(page, 'overview, menu closed');

    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    await nav.getByRole('link', { name: 'Alle runder' }).waitFor({ state: 'visible' });
    expect(await page.getByTestId('signed-in-user').isVisible()).toBe(true);
    await expectNoSidewaysPanning(page, 'overview, menu open');
    await expectNarrow(page, 'overview, menu open');
    // Escape folds it again, and focus returns to Meny from inside it.
    await nav.getByRole('link', { name: 'Alle runder' }).focus();
    await page.keyboard.press('Escape');
    await waitFor(async () => (await toggle.getAttribute('aria-expanded')) === 'false', { what: 'the menu closed by Escape' });
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('menu-toggle');

    // A page chosen in the menu closes it.
    await toggle.click();
    await nav.getByRole('link', { name: 'Alle runder' }).click();
    await page.getByTestId('rounds-table').waitFor();
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await expectNoSidewaysPanning(page, 'rounds');
    await expectNarrow(page, 'rounds (jd)');
  });

  it('measure 1 fits the phone while editing: the long address wraps inside the text column', async () => {
    const p = await person('jd');
    await p.page.setViewportSize(PHONE);
    const page = p.page;
    await page.goto(`/runder/${ROUND_ID}/tiltak/1`);
    await waitFor(async () => ((await editorText(page)) ?? '').trim().length > 0, { timeoutMs: 20_000, what: 'measure 1’s narrative in the editor' });
    await waitForConnection(page, 'connected', { who: 'jd' });

    await expectNoSidewaysPanning(page, 'measure 1');
    const box = await page.locator('[data-testid="narrative-editor"] .ProseMirror').evaluate((editor) => ({
      right: editor.getBoundingClientRect().right,
      scrollWidth: editor.scrollWidth,
      clientWidth: editor.clientWidth,
      longest: Math.max(0, ...Array.from(editor.querySelectorAll('a')).map((a) => (a.textContent ?? '').length)),
      links: Array.from(editor.querySelectorAll('a')).map((a) => a.getBoundingClientRect().right),
    }));
    expect(box.longest, 'measure 1 has a long address').toBeGreaterThan(30);
    expect(box.right, 'the text column inside the window').toBeLessThanOrEqual(PHONE.width);
    expect(box.scrollWidth, 'nothing cut off inside the text').toBeLessThanOrEqual(box.clientWidth);
    for (const right of box.links) expect(right, 'each address inside the window').toBeLessThanOrEqual(PHONE.width);
    await expectNarrow(page, 'measure 1');

    // Editing: typing at the end, a long unbroken address among the words, keeps the column.
    const editor = page.locator('[data-testid="narrative-editor"] .ProseMirror');
    await editor.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' Se https://www.regjeringen.no/no/dokumenter/handlingsplan-mot-menneskehandel-2011-2014/id665636/ for mer.');
    await waitFor(async () => ((await editorText(page)) ?? '').includes('for mer.'), { what: 'the typed sentence in the editor' });
    const typed = await editor.evaluate((element) => {
      const selection = window.getSelection();
      const caret = selection && selection.rangeCount > 0 ? selection.getRangeAt(0).getBoundingClientRect() : null;
      return { right: element.getBoundingClientRect().right, scrollWidth: element.scrollWidth, clientWidth: element.clientWidth, caretRight: caret?.right ?? 0 };
    });
    expect(typed.right, 'the text column inside the window while typing').toBeLessThanOrEqual(PHONE.width);
    expect(typed.scrollWidth, 'nothing cut off while typing').toBeLessThanOrEqual(typed.clientWidth);
    expect(typed.caretRight, 'the caret inside the window').toBeLessThanOrEqual(PHONE.width);
    await expectNoSidewaysPanning(page, 'measure 1 while typing');
  });

  it('the pages of a round fit the phone and pass axe: settings, snapshots, what changed, a snapshot, the rounds', async () => {
    const taken = await api(server, `/api/rounds/${ROUND_ID}/snapshots`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ note: 'For telefonen' }),
    });
    expect(taken.status).toBe(201);
    const snapshot = SnapshotSummarySchema.parse(await taken.json());
    const p = await person('koordinator');
    await p.page.setViewportSize(PHONE);
    const pages: [string, string, string][] = [
      ['/runder', 'new-round-form', 'rounds (coordinator)'],
      [`/runder/${ROUND_ID}/innstillinger`, 'round-form', 'settings'],
      [`/runder/${ROUND_ID}/oyeblikksbilder`, 'snapshot-list', 'snapshots'],
      [`/runder/${ROUND_ID}/endringer?fra=${snapshot.id}&til=live`, 'comparison', 'what changed'],
      [`/oyeblikksbilder/${snapshot.id}`, 'snapshot-view', 'a snapshot'],
    ];
    for (const [path, testId, name] of pages) {
      await p.page.goto(path);
      await p.page.getByTestId(testId).waitFor();
      expect(await headerHeight(p.page), `${name}: header height`).toBeLessThanOrEqual(72);
      await expectNoSidewaysPanning(p.page, name);
      await expectNarrow(p.page, name);
    }
  });

  it('a wide window keeps the navigation in the header, without Meny', async () => {
    const p = await person('koordinator');
    await p.page.goto(overviewPath());
    await p.page.locator('table[data-testid="measures-table"]').waitFor();
    expect(await p.page.getByRole('button', { name: 'Meny' }).isVisible()).toBe(false);
    expect(await p.page.getByRole('navigation', { name: 'Navigasjon' }).isVisible()).toBe(true);
    expect(await headerHeight(p.page), 'one row').toBeLessThanOrEqual(72);
    await expectNoSidewaysPanning(p.page, 'overview at 1280');
  });
});
