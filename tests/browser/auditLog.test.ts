import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ROUND_ID, formatViolations, runAxe, screenshot } from '../helpers/browser.js';
import { browserSuite } from '../helpers/browserSuite.js';
import { patchJson } from '../helpers/session.js';
import { waitFor } from '../helpers/waitFor.js';

/** What the log's table shows: each row's kind and measure. */
async function shownRows(page: Page): Promise<{ kind: string; measure: string; text: string }[]> {
  return page.$$eval('[data-testid="audit-row"]', (rows) =>
    rows.map((row) => ({ kind: row.getAttribute('data-kind') ?? '', measure: row.getAttribute('data-measure') ?? '', text: (row.textContent ?? '').replace(/\s+/g, ' ') })),
  );
}

describe('the coordinator’s log (browser)', { timeout: 120_000 }, () => {
  const { server, person } = browserSuite();

  it('lists a status change, filters by measure (in the address, and the CSV link with it), and pages with "Vis flere"', async () => {
    const jd = await server.as('jd');
    expect((await patchJson(jd, `/api/rounds/${ROUND_ID}/measures/14`, { status: 'Gjennomført' })).status).toBe(200);
    // Enough rows for a second page (a page is 100 rows).
    for (let i = 0; i < 50; i++) {
      const status = i % 2 === 0 ? 'Løpende' : 'Under gjennomføring';
      expect((await patchJson(server, `/api/rounds/${ROUND_ID}/measures/9`, { status })).status).toBe(200);
      expect((await patchJson(server, `/api/rounds/${ROUND_ID}/measures/10`, { status })).status).toBe(200);
    }

    const coordinator = await person('koordinator');
    await coordinator.page.goto(`/runder/${ROUND_ID}`);
    const link = coordinator.page.getByTestId('main-nav').getByRole('link', { name: 'Logg', exact: true });
    await link.click();
    await coordinator.page.getByRole('heading', { level: 1, name: 'Logg' }).waitFor();
    await waitFor(async () => (await shownRows(coordinator.page)).length === 100, { what: 'the first page of 100 rows' });
    expect(await coordinator.page.getByTestId('audit-count').innerText()).toBe('100 hendelser (flere finnes)');

    // Vis flere: the next page is added, and focus goes to its first row.
    await coordinator.page.getByTestId('audit-more').click();
    await waitFor(async () => (await shownRows(coordinator.page)).length > 100, { what: 'the second page added' });
    await waitFor(() => coordinator.page.evaluate(() => document.activeElement?.getAttribute('data-testid') === 'audit-row'), { what: 'focus on the first new row' });

    // Filter by measure 14: JD's status change, and nothing about other measures.
    await coordinator.page.getByLabel('Tiltak (nummer)').fill('14');
    await coordinator.page.getByTestId('audit-apply').click();
    await waitFor(async () => new URL(coordinator.page.url()).search === '?tiltak=14', { what: 'the filter in the address' });
    expect(await coordinator.page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'focus stays on "Vis"').toBe('audit-apply');
    let rows: Awaited<ReturnType<typeof shownRows>> = [];
    await waitFor(
      async () => {
        rows = await shownRows(coordinator.page);
        return rows.length > 0 && rows.every((row) => row.measure === '14');
      },
      { what: 'only measure 14’s rows' },
    );
    const change = rows.find((row) => row.kind === 'status.change');
    expect(change?.text).toContain('Redaktør JD (jd)');
    expect(change?.text).toContain('Status endret');
    expect(change?.text).toContain('status: Gjennomført');
    expect(await coordinator.page.getByTestId('audit-more').count()).toBe(0);

    const csv = await coordinator.page.getByTestId('audit-csv').getAttribute('href');
    expect(csv).toBe('/api/audit.csv?measure=14');
    const response = await coordinator.page.request.get(`${server.url}${csv}`);
    expect(response.status()).toBe(200);
    const lines = (await response.text()).trim().split('\r\n');
    expect(lines[0]).toBe('id,at,actor,actor_name,kind,round,measure,target,before,after');
    expect(lines.slice(1).every((line) => line.split(',')[6] === '14')).toBe(true);
    expect(lines.some((line) => line.includes('status.change'))).toBe(true);

    // Kind too, and a reload shows the same.
    await coordinator.page.goto('/logg?tiltak=9&hva=status.change');
    await waitFor(async () => (rows = await shownRows(coordinator.page)).length > 0 && rows.every((row) => row.measure === '9' && row.kind === 'status.change'), {
      what: 'measure 9’s status changes from the address',
    });
    expect(await coordinator.page.getByLabel('Tiltak (nummer)').inputValue()).toBe('9');

    let violations = await runAxe(coordinator.page);
    await screenshot(coordinator.page, 'audit log - filtered');
    expect(violations, formatViolations(violations)).toEqual([]);
    // On a phone each row is a block of its own and nothing pans sideways.
    await coordinator.page.setViewportSize({ width: 390, height: 844 });
    await waitFor(() => coordinator.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), { what: 'no sideways panning at 390 px' });
    violations = await runAxe(coordinator.page);
    await screenshot(coordinator.page, 'audit log - phone');
    expect(violations, formatViolations(violations)).toEqual([]);
  });

  it('an editor has no link to the log, and the page says it is the coordinator’s', async () => {
    const jd = await person('jd');
    await jd.page.goto(`/runder/${ROUND_ID}`);
    await jd.page.getByTestId('main-nav').waitFor();
    expect(await jd.page.getByTestId('main-nav').getByRole('link', { name: 'Logg', exact: true }).count()).toBe(0);
    await jd.page.goto('/logg');
    await waitFor(async () => (await jd.page.getByRole('alert').allInnerTexts()).some((text) => text.includes('Bare koordinatoren kan lese loggen.')), {
      what: 'the page says the log is the coordinator’s',
    });
    expect(await jd.page.getByTestId('audit-table').count()).toBe(0);
    const violations = await runAxe(jd.page);
    expect(violations, formatViolations(violations)).toEqual([]);
  });
});
