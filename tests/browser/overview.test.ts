import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { MeasureSummarySchema, type MeasureSummary } from '../../shared/measureSummary.js';
import { STATUSES } from '../../shared/status.js';
import { ROUND_ID, measurePath, overviewPath, screenshot, waitForConnection } from '../helpers/browser.js';
import { browserSuite } from '../helpers/browserSuite.js';
import { api, patchJson } from '../helpers/session.js';
import { waitFor } from '../helpers/waitFor.js';

/** The coordinator's overview: rows, filters, counts per status, empty sections, links. */
describe('the round overview', { timeout: 90_000 }, () => {
  const { server, person } = browserSuite();

  async function measures(): Promise<MeasureSummary[]> {
    const response = await api(server, `/api/rounds/${ROUND_ID}/measures`);
    expect(response.status).toBe(200);
    return z.array(MeasureSummarySchema).parse(await response.json());
  }

  async function openOverview(): Promise<Page> {
    const p = await person('ud');
    await p.page.goto(overviewPath());
    await waitFor(async () => (await shownRows(p.page)).length === 35, { what: 'the overview lists 35 measures' });
    await waitForConnection(p.page, 'connected', { who: 'overview' });
    return p.page;
  }

  it('filters by ministry, status and search, and marks empty narratives', async () => {
    const page = await openOverview();
    const all = await measures();
    // A filter whose answer is "all" or "none" would prove nothing: each is a proper subset.
    const numbers = (list: MeasureSummary[]): number[] => list.map((m) => m.number);
    const subset = (list: MeasureSummary[], what: string): number[] => {
      expect(list.length, `${what}: measures in the seed`).toBeGreaterThan(0);
      expect(list.length, `${what}: measures in the seed`).toBeLessThan(all.length);
      return numbers(list);
    };

    const empty = numbers(all.filter((m) => m.narrativeEmpty));
    expect(empty).toEqual(expect.arrayContaining([34, 35]));
    const marked = await page.$$eval('table[data-testid="measures-table"] tr[data-measure]', (rows) =>
      rows.filter((row) => row.querySelector('[data-testid="empty-narrative"]')).map((row) => Number(row.getAttribute('data-measure'))),
    );
    expect(marked, 'rows marked [data-testid="empty-narrative"]').toEqual(empty);

    const ministry = page.getByLabel('Departement', { exact: true });
    const status = page.getByLabel('Status', { exact: true });
    const search = page.getByLabel('Søk', { exact: true });

    await ministry.selectOption('JD');
    await expectRows(page, subset(all.filter((m) => m.ministries.includes('JD')), 'JD'), 'Departement = JD');
    await ministry.selectOption('');
    await status.selectOption('Gjennomført');
    await expectRows(page, subset(all.filter((m) => m.status === 'Gjennomført'), 'Gjennomført'), 'Status = Gjennomført');
    await ministry.selectOption('JD');
    await expectRows(
      page,
      numbers(all.filter((m) => m.status === 'Gjennomført' && m.ministries.includes('JD'))),
      'Departement = JD and Status = Gjennomført',
    );
    await ministry.selectOption('');
    await status.selectOption('');

    await search.fill('14');
    await expectRows(page, [14], 'Søk = 14');
    await search.fill('identifisere ofre');
    const words = (m: MeasureSummary): boolean => ['identifisere', 'ofre'].every((w) => m.title.toLocaleLowerCase('nb').includes(w));
    const expected = subset(all.filter(words), 'title search');
    expect(expected).toContain(14);
    await expectRows(page, expected, 'Søk = "identifisere ofre"');
    await search.fill('');
    await expectRows(page, numbers(all), 'no filter');
    await screenshot(page, 'overview - filters');
  });

  it('counts measures per status, and keeps the counts live', async () => {
    const page = await openOverview();
    const expectCounts = async (list: MeasureSummary[], what: string): Promise<void> => {
      let text = '';
      await waitFor(
        async () => {
          text = (await page.getByTestId('status-counts').innerText()).replace(/\s+/g, ' ');
          return STATUSES.every((s) => countShown(text, s, list.filter((m) => m.status === s).length));
        },
        { what },
      ).catch((error: Error) => {
        throw new Error(`${error.message}; status-counts reads: "${text}"`);
      });
    };
    await expectCounts(await measures(), 'status-counts matches the server');

    // A change from elsewhere (here the API) shows without a reload.
    const target = (await measures()).find((m) => m.status !== 'Ikke igangsatt')!;
    // The coordinator's session (startTestServer signs it in) may change any measure.
    const patch = await patchJson(server, `/api/rounds/${ROUND_ID}/measures/${target.number}`, { status: 'Ikke igangsatt' });
    expect(patch.status).toBe(200);
    await expectCounts(await measures(), `status-counts after measure ${target.number} became "Ikke igangsatt"`);
    await screenshot(page, 'overview - counts');
  });

  it('marks the measures the editor may write, and can show only those', async () => {
    const page = await openOverview();
    const all = await measures();
    const own = all.filter((m) => m.ministries.includes('UD')).map((m) => m.number);
    expect(own.length, 'UD measures in the seed').toBeGreaterThan(0);
    expect(own.length, 'UD measures in the seed').toBeLessThan(all.length);

    const marked = await page.$$eval('table[data-testid="measures-table"] tr[data-measure]', (rows) =>
      rows.filter((row) => row.querySelector('[data-testid="writable"]')).map((row) => Number(row.getAttribute('data-measure'))),
    );
    expect(marked, 'rows marked [data-testid="writable"] for UD').toEqual(own);
    await page.getByRole('switch', { name: 'Bare tiltak jeg kan skrive i' }).check();
    await expectRows(page, own, 'Bare tiltak jeg kan skrive i (UD)');
    await page.getByRole('switch', { name: 'Bare tiltak jeg kan skrive i' }).uncheck();
    await expectRows(page, all.map((m) => m.number), 'no filter');
    await screenshot(page, 'overview - own measures');
  });

  it('links each row to its measure page', async () => {
    const page = await openOverview();
    await page.locator('table[data-testid="measures-table"] tr[data-measure="14"] a').first().click();
    await waitFor(() => new URL(page.url()).pathname === measurePath(14), { what: `the URL ${measurePath(14)} (now ${page.url()})` });
    const heading = page.locator('h1');
    await waitFor(async () => /\b14\b/.test(await heading.innerText()) && (await heading.innerText()).includes('Øke innsatsen for å identifisere mulige ofre'), {
      what: 'h1 with "14" and the title',
    });
    await screenshot(page, 'overview - measure 14 via link');
  });
});

async function shownRows(page: Page): Promise<number[]> {
  return page.$$eval('table[data-testid="measures-table"] tr[data-measure]', (rows) =>
    rows.map((row) => Number(row.getAttribute('data-measure'))),
  );
}

async function expectRows(page: Page, expected: number[], filter: string): Promise<void> {
  const want = [...expected].sort((a, b) => a - b);
  let seen: number[] = [];
  await waitFor(
    async () => {
      seen = (await shownRows(page)).sort((a, b) => a - b);
      return JSON.stringify(seen) === JSON.stringify(want);
    },
    { what: `rows for ${filter}` },
  ).catch((error: Error) => {
    throw new Error(`${error.message}; expected ${JSON.stringify(want)}, shown ${JSON.stringify(seen)}`);
  });
}

/** The counts text shows `count` right after the status word (e.g. "Løpende 7" or "Løpende: 7"). */
function countShown(text: string, status: string, count: number): boolean {
  const escaped = status.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^\\p{L}])${escaped}[^\\p{L}\\d]{0,12}${count}(?!\\d)`, 'u').test(text);
}
