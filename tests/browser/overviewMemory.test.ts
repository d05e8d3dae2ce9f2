import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { MeasureSummarySchema, type MeasureSummary } from '../../shared/measureSummary.js';
import { ROUND_ID, overviewPath, screenshot, waitForConnection, type Person } from '../helpers/browser.js';
import { browserSuite } from '../helpers/browserSuite.js';
import { api } from '../helpers/session.js';
import { waitFor } from '../helpers/waitFor.js';

const shownRows = (page: Page): Promise<number[]> =>
  page.$$eval('table[data-testid="measures-table"] tr[data-measure]', (rows) => rows.map((row) => Number(row.getAttribute('data-measure'))));

/** Where an element's top is on the page (not in the window). */
const topOf = (page: Page, testId: string): Promise<number> =>
  page.getByTestId(testId).first().evaluate((element) => element.getBoundingClientRect().top + window.scrollY);

/**
 * The overview remembers: its filters are in the address, Back from a measure returns to the
 * same list at the same place; and an editor's own work comes first.
 */
describe('the overview remembers, and starts with one’s own work', { timeout: 90_000 }, () => {
  const { server, person } = browserSuite();

  async function measures(): Promise<MeasureSummary[]> {
    return z.array(MeasureSummarySchema).parse(await (await api(server, `/api/rounds/${ROUND_ID}/measures`)).json());
  }

  async function openOverview(p: Person, search = ''): Promise<Page> {
    await p.page.goto(`${overviewPath()}${search}`);
    await p.page.locator('table[data-testid="measures-table"]').waitFor();
    await waitForConnection(p.page, 'connected', { who: p.label });
    await p.page.getByTestId('waiting-list').waitFor();
    return p.page;
  }

  it('JD’s measures not ready and the questions waiting for JD come first, on a phone within the first screen', async () => {
    const p = await person('jd');
    await p.page.setViewportSize({ width: 390, height: 844 });
    const page = await openOverview(p);
    const own = (await measures()).filter((m) => m.ministries.includes('JD') && !m.ready.includes('JD')).map((m) => m.number);
    expect(own.length).toBeGreaterThan(0);
    await waitFor(async () => (await page.locator('[data-testid="my-work-measure"]').count()) === own.length, { what: 'JD’s measures not ready listed' });
    expect(await page.$$eval('[data-testid="my-work-measure"]', (items) => items.map((item) => Number(item.getAttribute('data-measure'))))).toEqual(own);

    // Own work first; the round's figures after the table.
    const order = await Promise.all(['my-work', 'waiting-list', 'measures-table', 'status-counts', 'readiness-summary'].map((id) => topOf(page, id)));
    expect(order, 'my work, waiting for us, the table, the counts, the summary').toEqual([...order].sort((a, b) => a - b));
    expect(order[0], 'my work within the first screen of a phone').toBeLessThan(844);
    await screenshot(page, 'overview memory - JD own work first (390)');

    // One step from the list to the same measures in the table.
    await page.getByTestId('my-work-show').click();
    await waitFor(async () => JSON.stringify(await shownRows(page)) === JSON.stringify(own), { what: 'the table shows JD’s measures not ready' });
    expect(new URL(page.url()).search).toBe('?mine-ikke-klare=ja');
    expect(await page.getByRole('switch', { name: 'Mine som ikke er klare' }).isChecked()).toBe(true);
  });

  it('the filters are in the address; Back from a measure brings back the filters, the place and the focus; a reload keeps them', async () => {
    const p = await person('jd');
    const page = await openOverview(p);
    await page.getByLabel('Departement', { exact: true }).selectOption('JD');
    await page.getByLabel('Klarmelding', { exact: true }).selectOption('missing');
    await page.getByLabel('Søk', { exact: true }).fill('ofre');
    await waitFor(() => new URL(page.url()).search === '?departement=JD&klarmelding=mangler&sok=ofre', { what: `the filters in the address (now ${page.url()})` });
    const expected = (await measures())
      .filter((m) => m.ministries.includes('JD') && !m.ready.includes('JD') && m.title.toLocaleLowerCase('nb').includes('ofre'))
      .map((m) => m.number);
    expect(expected.length).toBeGreaterThan(1);
    await waitFor(async () => JSON.stringify(await shownRows(page)) === JSON.stringify(expected), { what: 'the filtered rows' });
    // Filtering replaced the address: Back still leaves the overview, it does not undo a filter.
    const entries = await page.evaluate(() => history.length);

    // Down to the last row, and into its measure.
    const last = expected[expected.length - 1]!;
    const link = page.locator(`#measure-link-${last}`);
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await page.evaluate(() => window.scrollBy(0, -120));
    const place = await page.evaluate(() => window.scrollY);
    expect(place, 'the page was scrolled').toBeGreaterThan(300);
    await link.click();
    await waitFor(() => new URL(page.url()).pathname === `/runder/${ROUND_ID}/tiltak/${last}`, { what: `measure ${last}` });
    expect(await page.evaluate(() => history.length)).toBe(entries + 1);

    await page.goBack();
    await waitFor(async () => JSON.stringify(await shownRows(page)) === JSON.stringify(expected), { what: 'the filtered rows again' });
    expect(new URL(page.url()).search).toBe('?departement=JD&klarmelding=mangler&sok=ofre');
    expect(await page.getByLabel('Departement', { exact: true }).inputValue()).toBe('JD');
    expect(await page.getByLabel('Klarmelding', { exact: true }).inputValue()).toBe('missing');
    expect(await page.getByLabel('Søk', { exact: true }).inputValue()).toBe('ofre');
    let now = 0;
    await waitFor(async () => Math.abs((now = await page.evaluate(() => window.scrollY)) - place) <= 1, { what: `scrolled back to ${place}` }).catch((error: Error) => {
      throw new Error(`${error.message}; at ${now}`);
    });
    await waitFor(() => page.evaluate((id) => document.activeElement?.id === id, `measure-link-${last}`), { what: 'focus back on the link followed' });
    await screenshot(page, 'overview memory - back from a measure');

    await page.reload();
    await waitFor(async () => JSON.stringify(await shownRows(page)) === JSON.stringify(expected), { what: 'the filtered rows after a reload' });
    expect(await page.getByLabel('Søk', { exact: true }).inputValue()).toBe('ofre');

    // A shared address shows the same list to someone else.
    const other = await person('ud');
    await openOverview(other, '?departement=JD&klarmelding=mangler&sok=ofre');
    await waitFor(async () => JSON.stringify(await shownRows(other.page)) === JSON.stringify(expected), { what: 'the same rows for UD' });
  });
});
