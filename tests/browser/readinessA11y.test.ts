import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { RoundDetailSchema } from '../../shared/round.js';
import {
  ROUND_ID,
  formatViolations,
  measurePath,
  overviewPath,
  runAxe,
  screenshot,
  waitForConnection,
  type Person,
} from '../helpers/browser.js';
import { browserSuite } from '../helpers/browserSuite.js';
import { api, patchJson, type Target } from '../helpers/session.js';
import { waitFor } from '../helpers/waitFor.js';

/** Measure 25 is BLD's and JD's; measure 1 is UD's, JD's and BLD's. */
const SHARED = 25;

async function markReady(target: Target, roundId: string, number: number, ministry: string): Promise<void> {
  const response = await api(target, `/api/rounds/${roundId}/measures/${number}/ready`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ready: true, ministry }),
  });
  expect(response.status, await response.clone().text()).toBe(200);
}

/**
 * Readiness, the deadline and the frozen round on the overview and the measure page, with
 * axe-core (WCAG 2.0/2.1 A and AA): a new round (every measure carried over, some parts ready),
 * and the first round, frozen.
 */
describe('accessibility of readiness and the round’s state (WCAG 2.1 A/AA)', { timeout: 120_000 }, () => {
  const { server, person } = browserSuite();
  let newRoundId = '';

  beforeAll(async () => {
    // A second round carries everything over; some parts are then marked ready in it.
    const created = await api(server, '/api/rounds', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Statusrapport høsten 2012', deadline: '2030-09-27T12:00' }),
    });
    expect(created.status, await created.clone().text()).toBe(201);
    newRoundId = RoundDetailSchema.parse(await created.json()).id;
    await markReady(server, newRoundId, SHARED, 'JD');
    await markReady(server, newRoundId, 1, 'UD');
    await markReady(server, newRoundId, 1, 'BLD');
    await markReady(server, newRoundId, 14, 'JD');
    // The first round: its deadline moved into the past, so the server freezes it.
    const moved = await patchJson(server, `/api/rounds/${ROUND_ID}`, { deadline: new Date(Date.now() - 60_000).toISOString() });
    expect(moved.status, await moved.clone().text()).toBe(200);
    await waitFor(
      async () => RoundDetailSchema.parse(await (await api(server, `/api/rounds/${ROUND_ID}`)).json()).state === 'frozen',
      { what: 'the first round frozen', timeoutMs: 15_000 },
    );
  });

  async function openOverview(p: Person, roundId: string): Promise<Page> {
    await p.page.goto(overviewPath(roundId));
    await waitFor(async () => (await p.page.locator('table[data-testid="measures-table"] tr[data-measure]').count()) === 35, {
      what: `${p.label}: the overview of ${roundId} lists 35 measures`,
    });
    await waitForConnection(p.page, 'connected', { who: p.label });
    await p.page.getByTestId('round-deadline').waitFor();
    return p.page;
  }

  async function expectNoViolations(page: Page, name: string): Promise<void> {
    const violations = await runAxe(page);
    await screenshot(page, name);
    expect(violations, formatViolations(violations)).toEqual([]);
  }

  it('an editor’s overview with readiness, carried-over marks and the readiness filters has no axe violations', async () => {
    const page = await openOverview(await person('jd'), newRoundId);
    // What the checks below are about is on the page.
    expect(await page.locator('[data-testid="readiness-summary"] tr[data-ministry]').count()).toBe(7);
    expect(await page.locator('tr[data-measure] [data-testid="carried-over"]').count(), 'every measure carried over').toBe(35);
    expect(await page.locator(`tr[data-measure="${SHARED}"] [data-testid="readiness"] li[data-ready="true"]`).innerText()).toContain('JD klar');
    expect(await page.locator(`tr[data-measure="${SHARED}"] [data-testid="readiness"] li[data-ready="false"]`).innerText()).toContain('BLD ikke klar');
    await expectNoViolations(page, 'readiness a11y - JD overview of a new round');

    await page.getByRole('switch', { name: 'Mine som ikke er klare' }).check();
    await waitFor(async () => (await page.locator(`tr[data-measure="${SHARED}"]`).count()) === 0, { what: '25 hidden: JD is ready there' });
    await page.getByLabel('Klarmelding', { exact: true }).selectOption('missing');
    await expectNoViolations(page, 'readiness a11y - JD overview filtered');
  });

  it('the coordinator’s overview, after "Vis" on a ministry’s missing measures, has no axe violations and focus on the table', async () => {
    const page = await openOverview(await person('koordinator'), newRoundId);
    await page.getByRole('button', { name: 'Vis tiltakene JD ikke har meldt klar, i tabellen' }).click();
    await waitFor(
      async () => (await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))) === 'measures-table',
      { what: 'focus on the measure table' },
    );
    const rows = await page.$$eval('table[data-testid="measures-table"] tr[data-measure]', (list) => list.map((row) => Number(row.getAttribute('data-measure'))));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows, 'JD is ready on 14 and 25').not.toContain(SHARED);
    expect(rows).not.toContain(14);
    await expectNoViolations(page, 'readiness a11y - coordinator shows what JD is missing');
  });

  it('an editor’s measure page with its "Vår del er klar" switch and the carried-over note has no axe violations', async () => {
    const p = await person('bld');
    await p.page.goto(measurePath(SHARED, newRoundId));
    await waitFor(async () => (await p.page.locator('input[data-testid="ready-toggle"]:not([disabled])').count()) === 1, {
      what: 'BLD’s enabled switch',
    });
    expect(await p.page.getByTestId('readiness-panel').innerText()).toContain('Ikke oppdatert i denne runden');
    await waitForConnection(p.page, 'connected', { who: 'BLD' });
    await expectNoViolations(p.page, 'readiness a11y - BLD measure page');
  });

  it('the frozen round: the overview’s banner and a measure page with the frozen notice and a disabled switch have no axe violations', async () => {
    const jd = await person('jd');
    const page = await openOverview(jd, ROUND_ID);
    await page.getByTestId('round-frozen').waitFor();
    await expectNoViolations(page, 'readiness a11y - frozen overview');

    await page.goto(measurePath(SHARED));
    await waitFor(async () => (await page.locator('input[data-testid="ready-toggle"][disabled]').count()) === 1, { what: 'JD’s disabled switch' });
    await page.getByTestId('read-only-notice').waitFor();
    await waitForConnection(page, 'connected', { who: 'JD' });
    await expectNoViolations(page, 'readiness a11y - frozen measure page');
  });
});
