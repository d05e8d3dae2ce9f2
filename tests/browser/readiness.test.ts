import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { MeasureDetailSchema } from '../../shared/measure.js';
import { MeasureSummarySchema, type MeasureSummary } from '../../shared/measureSummary.js';
import type { MinistryCode } from '../../shared/ministries.js';
import {
  ROUND_ID,
  focusEditorEnd,
  openMeasure,
  overviewPath,
  screenshot,
  waitForConnection,
  type Person,
} from '../helpers/browser.js';
import { browserSuite } from '../helpers/browserSuite.js';
import { api, patchJson, type Target } from '../helpers/session.js';
import { waitFor } from '../helpers/waitFor.js';

/** Measure 25 is BLD's and JD's (the 2012 report: "25 ... (BLD, JD)"). */
const SHARED = 25;

/** What a page shows of one row's readiness: per ministry, `data-ready` and the words beside the icon. */
type RowReadiness = Record<string, { ready: string | null; text: string }>;

async function rowReadiness(page: Page, number: number): Promise<RowReadiness | null> {
  return page.evaluate((n) => {
    const row = document.querySelector(`table[data-testid="measures-table"] tr[data-measure="${n}"]`);
    if (!row) return null;
    const parts: Record<string, { ready: string | null; text: string }> = {};
    for (const item of Array.from(row.querySelectorAll('[data-testid="readiness"] li'))) {
      parts[item.getAttribute('data-ministry') ?? '?'] = {
        ready: item.getAttribute('data-ready'),
        text: (item.textContent ?? '').replace(/\s+/g, ' ').trim(),
      };
    }
    return parts;
  }, number);
}

/** Waits until row `number` shows each ministry ready or not, by attribute and in words ("JD klar", "BLD ikke klar"). */
async function waitForRow(page: Page, number: number, expected: Partial<Record<MinistryCode, boolean>>, what: string): Promise<void> {
  const want: RowReadiness = Object.fromEntries(
    Object.entries(expected).map(([code, ready]) => [code, { ready: String(ready), text: `${code} ${ready ? 'klar' : 'ikke klar'}` }]),
  );
  let seen: RowReadiness | null = null;
  await waitFor(
    async () => {
      seen = await rowReadiness(page, number);
      return JSON.stringify(seen) === JSON.stringify(want);
    },
    { what, timeoutMs: 15_000 },
  ).catch((error: Error) => {
    throw new Error(`${error.message}; expected ${JSON.stringify(want)}, shown ${JSON.stringify(seen)}`);
  });
}

/** The per-ministry summary's count for `ministry`, as written ("JD: 3 av 24 klare"). */
async function summaryCount(page: Page, ministry: MinistryCode): Promise<string | null> {
  return page.evaluate(
    (code) =>
      document
        .querySelector(`[data-testid="readiness-summary"] tr[data-ministry="${code}"] [data-testid="ministry-ready-count"]`)
        ?.textContent?.trim() ?? null,
    ministry,
  );
}

async function waitForCount(page: Page, ministry: MinistryCode, ready: number, total: number, what: string): Promise<void> {
  const want = `${ministry}: ${ready} av ${total} klare`;
  let seen: string | null = null;
  await waitFor(async () => (seen = await summaryCount(page, ministry)) === want, { what, timeoutMs: 15_000 }).catch((error: Error) => {
    throw new Error(`${error.message}; expected "${want}", shown ${JSON.stringify(seen)}`);
  });
}

async function shownRows(page: Page): Promise<number[]> {
  return page.$$eval('table[data-testid="measures-table"] tr[data-measure]', (rows) => rows.map((row) => Number(row.getAttribute('data-measure'))));
}

async function expectRows(page: Page, expected: number[], what: string): Promise<void> {
  const want = [...expected].sort((a, b) => a - b);
  let seen: number[] = [];
  await waitFor(
    async () => {
      seen = (await shownRows(page)).sort((a, b) => a - b);
      return JSON.stringify(seen) === JSON.stringify(want);
    },
    { what },
  ).catch((error: Error) => {
    throw new Error(`${error.message}; expected ${JSON.stringify(want)}, shown ${JSON.stringify(seen)}`);
  });
}

async function roundMeasures(target: Target): Promise<MeasureSummary[]> {
  const response = await api(target, `/api/rounds/${ROUND_ID}/measures`);
  expect(response.status).toBe(200);
  return z.array(MeasureSummarySchema).parse(await response.json());
}

const readyCount = (measures: MeasureSummary[], ministry: MinistryCode): { ready: number; total: number } => {
  const own = measures.filter((m) => m.ministries.includes(ministry));
  return { ready: own.filter((m) => m.ready.includes(ministry)).length, total: own.length };
};

/** A mark on the page's window that a reload would wipe out. */
async function markNoReload(page: Page): Promise<void> {
  await page.evaluate(() => ((window as unknown as { __noReload?: boolean }).__noReload = true));
}
async function notReloaded(page: Page): Promise<boolean> {
  return page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload === true);
}

/** What a measure page offers, as the person sees it. */
interface WriteView {
  editable: string | null;
  contenteditable: string | null;
  toolbar: number;
  statusDisabled: boolean;
  toggles: { ministry: string | null; checked: boolean; disabled: boolean; label: string; described: string }[];
  notice: string | null;
}

async function writeView(page: Page): Promise<WriteView> {
  return page.evaluate(() => {
    const editor = document.querySelector('[data-testid="narrative-editor"]');
    const toggles = Array.from(document.querySelectorAll<HTMLInputElement>('input[data-testid="ready-toggle"]'), (input) => ({
      ministry: input.getAttribute('data-ministry'),
      checked: input.checked,
      disabled: input.disabled,
      label: Array.from(input.labels ?? [], (l) => l.textContent?.trim() ?? '').join(' '),
      described: (input.getAttribute('aria-describedby') ?? '')
        .split(/\s+/)
        .map((id) => (id ? (document.getElementById(id)?.textContent?.trim() ?? '') : ''))
        .join(' ')
        .trim(),
    }));
    return {
      editable: editor?.getAttribute('data-editable') ?? null,
      contenteditable: editor?.querySelector('.ProseMirror')?.getAttribute('contenteditable') ?? null,
      toolbar: document.querySelectorAll('[data-testid="narrative-editor"] [role="toolbar"]').length,
      statusDisabled: document.querySelector<HTMLSelectElement>('[data-testid="status-select"]')?.disabled ?? true,
      toggles,
      notice: document.querySelector('[data-testid="read-only-notice"]')?.textContent ?? null,
    };
  });
}

describe('readiness: marking a part ready, and who is ready, live in two browsers', { timeout: 120_000 }, () => {
  const { server, person } = browserSuite();

  async function openOverview(p: Person): Promise<void> {
    await p.page.goto(overviewPath());
    await waitFor(async () => (await shownRows(p.page)).length === 35, { what: `${p.label}: the overview lists 35 measures` });
    await waitForConnection(p.page, 'connected', { who: p.label });
  }

  it('JD marks its part of measure 25 ready; BLD’s overview shows JD ready and BLD waiting, and the counts, live; JD takes it back', async () => {
    const before = await roundMeasures(server);
    const shared = before.find((m) => m.number === SHARED);
    expect(shared?.ministries, `measure ${SHARED}'s ministries`).toEqual(['BLD', 'JD']);
    expect(shared?.ready, `measure ${SHARED} starts with nobody ready`).toEqual([]);
    const jdCount = readyCount(before, 'JD');
    const bldCount = readyCount(before, 'BLD');

    const jd = await person('jd');
    const bld = await person('bld');
    await Promise.all([openMeasure(jd, SHARED), openOverview(bld)]);
    await markNoReload(bld.page);

    await waitForRow(bld.page, SHARED, { BLD: false, JD: false }, 'BLD’s overview: both parts of 25 waiting');
    await waitForCount(bld.page, 'JD', jdCount.ready, jdCount.total, 'BLD’s overview: JD’s count');
    await waitForCount(bld.page, 'BLD', bldCount.ready, bldCount.total, 'BLD’s overview: BLD’s count');

    // JD is offered one switch, its own, once the round's state is known.
    const toggle = jd.page.getByRole('switch', { name: 'Vår del er klar' });
    await waitFor(async () => (await writeView(jd.page)).toggles.some((t) => !t.disabled), { what: 'JD’s "Vår del er klar" enabled' });
    expect((await writeView(jd.page)).toggles.map(({ ministry, checked, label }) => ({ ministry, checked, label }))).toEqual([
      { ministry: 'JD', checked: false, label: 'Vår del er klar' },
    ]);
    await toggle.check();

    await waitForRow(bld.page, SHARED, { BLD: false, JD: true }, 'BLD’s overview: JD ready, BLD waiting');
    await waitForCount(bld.page, 'JD', jdCount.ready + 1, jdCount.total, 'BLD’s overview: JD’s count one up');
    await waitForCount(bld.page, 'BLD', bldCount.ready, bldCount.total, 'BLD’s overview: BLD’s count unchanged');
    expect((await roundMeasures(server)).find((m) => m.number === SHARED)?.ready, 'the server’s readiness of 25').toEqual(['JD']);
    // JD's own page says so too, and the switch stays on.
    await waitFor(
      async () =>
        (await jd.page.getByTestId('ready-message').innerText()).includes('JDs del er meldt klar') &&
        (await jd.page.locator('[data-testid="readiness-panel"] [data-testid="readiness"] li[data-ministry="JD"]').getAttribute('data-ready')) === 'true',
      { what: 'JD’s page: "JDs del er meldt klar" and JD ready' },
    );
    expect(await toggle.isChecked()).toBe(true);
    await screenshot(bld.page, 'readiness - BLD overview, JD ready on 25');
    await screenshot(jd.page, 'readiness - JD marked 25 ready');

    // BLD's "Mine som ikke er klare": every BLD measure, 25 included, since BLD's part is not ready.
    await bld.page.getByRole('switch', { name: 'Mine som ikke er klare' }).check();
    const bldMissing = (await roundMeasures(server)).filter((m) => m.ministries.includes('BLD') && !m.ready.includes('BLD')).map((m) => m.number);
    expect(bldMissing).toContain(SHARED);
    await expectRows(bld.page, bldMissing, 'Mine som ikke er klare (BLD)');
    await bld.page.getByRole('switch', { name: 'Mine som ikke er klare' }).uncheck();

    // Taken back: BLD sees it without a reload.
    await toggle.uncheck();
    await waitForRow(bld.page, SHARED, { BLD: false, JD: false }, 'BLD’s overview: JD waiting again');
    await waitForCount(bld.page, 'JD', jdCount.ready, jdCount.total, 'BLD’s overview: JD’s count back');
    expect((await roundMeasures(server)).find((m) => m.number === SHARED)?.ready).toEqual([]);
    expect(await notReloaded(bld.page), 'BLD’s overview was not reloaded').toBe(true);
  });

  it('the coordinator has a switch per responsible ministry, and sees marks made elsewhere without a reload', async () => {
    const coordinator = await person('koordinator');
    await openMeasure(coordinator, SHARED);
    await waitFor(async () => (await writeView(coordinator.page)).toggles.filter((t) => !t.disabled).length === 2, {
      what: 'the coordinator’s two switches, enabled',
    });
    expect((await writeView(coordinator.page)).toggles.map(({ ministry, checked, label }) => ({ ministry, checked, label }))).toEqual([
      { ministry: 'BLD', checked: false, label: 'BLDs del er klar' },
      { ministry: 'JD', checked: false, label: 'JDs del er klar' },
    ]);
    await markNoReload(coordinator.page);

    // BLD marks its part through the API: the coordinator's switch for BLD turns on.
    const bld = await server.as('bld');
    const put = await api(bld, `/api/rounds/${ROUND_ID}/measures/${SHARED}/ready`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ready: true }),
    });
    expect(put.status, await put.clone().text()).toBe(200);
    await waitFor(async () => (await writeView(coordinator.page)).toggles.find((t) => t.ministry === 'BLD')?.checked === true, {
      what: 'the coordinator’s BLD switch on',
    });
    expect((await writeView(coordinator.page)).toggles.find((t) => t.ministry === 'JD')?.checked).toBe(false);

    // The coordinator marks JD's part: both ready on the server.
    await coordinator.page.getByRole('switch', { name: 'JDs del er klar' }).check();
    await waitFor(async () => JSON.stringify((await roundMeasures(server)).find((m) => m.number === SHARED)?.ready) === '["BLD","JD"]', {
      what: 'the server has BLD and JD ready on 25',
    });
    expect(await notReloaded(coordinator.page)).toBe(true);
  });
});

describe('the deadline passes while people are on the page', { timeout: 120_000 }, () => {
  // Deadlines are checked every 200 ms, so the round freezes right after its deadline.
  const { server, person } = browserSuite({ server: { deadlineCheckIntervalMs: 200 } });

  it('JD’s open page turns read-only with the frozen notice and a disabled switch, without reload; the coordinator still writes; the overview shows the frozen banner', async () => {
    const jd = await person('jd');
    const coordinator = await person('koordinator');
    const bld = await person('bld');
    await Promise.all([openMeasure(jd, SHARED, { expectText: true }), openMeasure(coordinator, SHARED, { expectText: true })]);
    await bld.page.goto(overviewPath());
    await waitFor(async () => (await shownRows(bld.page)).length === 35, { what: 'BLD’s overview lists 35 measures' });
    await waitForConnection(bld.page, 'connected', { who: 'BLD overview' });

    // Open round: JD writes and may mark its part; the overview counts down in days.
    const open = (v: WriteView): boolean => v.editable === 'true' && v.toggles.length === 1 && v.toggles[0]?.disabled === false;
    await waitFor(async () => open(await writeView(jd.page)), { what: 'JD’s editable page with an enabled switch' });
    const deadline = bld.page.getByTestId('round-deadline');
    expect(await deadline.getAttribute('data-passed')).toBe('false');
    expect(await deadline.innerText()).toMatch(/^Frist om \d+ dager, \p{L}+\s\d+\.\s\p{L}+\s(\d{4}\s)?kl\.\s12:00$/u);
    expect(await bld.page.getByTestId('round-frozen').count()).toBe(0);
    await Promise.all([markNoReload(jd.page), markNoReload(coordinator.page), markNoReload(bld.page)]);

    // The coordinator moves the deadline a few seconds ahead.
    const at = new Date(Date.now() + 8_000).toISOString();
    const patch = await patchJson(server, `/api/rounds/${ROUND_ID}`, { deadline: at });
    expect(patch.status, await patch.clone().text()).toBe(200);
    // The `round` event moves the overview's countdown to seconds, before the deadline.
    await waitFor(async () => /^Frist om \d+ sekunder?, /.test(await deadline.innerText()), { what: 'the overview counting down in seconds' });
    const stillOpen = (await writeView(jd.page)).editable;
    // (On a machine so slow that the deadline has passed already, this says nothing.)
    if (Date.now() < Date.parse(at) - 1_000) expect(stillOpen, 'JD can still write before the deadline').toBe('true');

    // The deadline passes: the server freezes the round and closes JD's socket (4403).
    let jdView = await writeView(jd.page);
    await waitFor(
      async () => {
        jdView = await writeView(jd.page);
        return jdView.editable === 'false' && jdView.notice !== null && jdView.toggles[0]?.disabled === true;
      },
      { what: 'JD’s page read-only with the frozen notice and a disabled switch', timeoutMs: 20_000 },
    ).catch((error: Error) => {
      throw new Error(`${error.message}; last seen ${JSON.stringify(jdView)}`);
    });
    expect(jdView.contenteditable).toBe('false');
    expect(jdView.toolbar, 'no toolbar once frozen').toBe(0);
    expect(jdView.statusDisabled, 'JD’s status select disabled').toBe(true);
    expect(jdView.notice).toContain('Fristen har gått ut og runden er frosset');
    expect(jdView.notice).toContain('bare koordinatoren kan endre det nå');
    expect(jdView.toggles[0]?.described, 'the disabled switch says why').toContain('runden er frosset');
    expect(await notReloaded(jd.page), 'JD’s page was not reloaded').toBe(true);
    await screenshot(jd.page, 'readiness - JD after the deadline');

    // The overview: the frozen banner, and the deadline as passed.
    const banner = bld.page.getByTestId('round-frozen');
    await banner.waitFor({ state: 'visible', timeout: 10_000 });
    expect(await banner.innerText()).toContain('Runden er frosset ved fristen');
    expect(await banner.innerText()).toContain('Bare koordinatoren kan endre.');
    await waitFor(async () => (await deadline.getAttribute('data-passed')) === 'true', { what: 'the overview’s deadline as passed' });
    expect(await deadline.innerText()).toMatch(/^Fristen gikk ut /);
    expect(await notReloaded(bld.page)).toBe(true);
    await screenshot(bld.page, 'readiness - overview of the frozen round');

    // The coordinator's page stays editable, and what the coordinator types is stored.
    const coordinatorView = await writeView(coordinator.page);
    expect(coordinatorView.editable).toBe('true');
    expect(coordinatorView.statusDisabled).toBe(false);
    expect(coordinatorView.toggles.map((t) => t.disabled)).toEqual([false, false]);
    expect(coordinatorView.notice).toBeNull();
    expect(await coordinator.page.getByTestId('round-frozen').innerText()).toContain('Du er koordinator og kan fortsatt endre');
    const TEXT = 'Koordinatoren skriver etter fristen.';
    await focusEditorEnd(coordinator.page);
    await coordinator.page.keyboard.type(` ${TEXT}`);
    await waitFor(
      async () => {
        const response = await api(server, `/api/rounds/${ROUND_ID}/measures/${SHARED}`);
        return MeasureDetailSchema.parse(await response.json()).narrative.includes(TEXT);
      },
      { what: 'the server has the coordinator’s text', timeoutMs: 15_000 },
    );
    expect(await notReloaded(coordinator.page)).toBe(true);
    await screenshot(coordinator.page, 'readiness - coordinator writes the frozen round');
  });
});
