import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NARRATIVE_FIELD } from '../../shared/documentLayout.js';
import { MeasureDetailSchema } from '../../shared/measure.js';
import { osloDate } from '../../shared/osloTime.js';
import { RoundDetailSchema, type RoundDetail } from '../../shared/round.js';
import { SnapshotSummarySchema, type SnapshotSummary } from '../../shared/snapshot.js';
import { STATUSES } from '../../shared/status.js';
import { ROUND_ID, formatViolations, runAxe, screenshot } from '../helpers/browser.js';
import { browserSuite } from '../helpers/browserSuite.js';
import { connectClient, synced, typeParagraph, type TestClient } from '../helpers/clients.js';
import { api, patchJson } from '../helpers/session.js';
import { waitFor } from '../helpers/waitFor.js';

/** The rounds, settings, snapshots, snapshot viewer and "what changed" pages under axe (WCAG 2.1 A/AA). */
describe('accessibility of the rounds, snapshot and "what changed" pages (WCAG 2.1 A/AA)', { timeout: 120_000 }, () => {
  const { server, person } = browserSuite({ server: { deadlineCheckIntervalMs: 100 } });
  const clients: TestClient[] = [];
  /** Taken before measure 3 and 5 were changed, so "what changed" has an insertion, a removal and a status change. */
  let snapshot: SnapshotSummary;
  /** A round whose deadline has passed: frozen, with the reopen controls. */
  let frozen: RoundDetail;

  async function post<T>(path: string, body: unknown, parse: (value: unknown) => T): Promise<T> {
    const response = await api(server, path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(response.status, `POST ${path}`).toBe(201);
    return parse(await response.json());
  }

  async function narrativeOf(number: number): Promise<string> {
    const response = await api(server, `/api/rounds/${ROUND_ID}/measures/${number}`);
    return MeasureDetailSchema.parse(await response.json()).narrative;
  }

  beforeAll(async () => {
    snapshot = await post(`/api/rounds/${ROUND_ID}/snapshots`, { note: 'Før endringene' }, (v) => SnapshotSummarySchema.parse(v));

    const status = (await api(server, `/api/rounds/${ROUND_ID}/measures/5`).then((r) => r.json())) as { status: string };
    const next = STATUSES.find((s) => s !== status.status)!;
    expect((await patchJson(server, `/api/rounds/${ROUND_ID}/measures/5`, { status: next })).status).toBe(200);
    const five = connectClient(server, `${ROUND_ID}.5`);
    const three = connectClient(server, `${ROUND_ID}.3`);
    clients.push(five, three);
    await Promise.all([synced(five), synced(three)]);
    typeParagraph(five, 'En ny setning om oppfølgingen.');
    const firstParagraph = await narrativeOf(3).then((text) => text.split('\n\n')[0] ?? '');
    expect(firstParagraph).not.toBe('');
    three.doc.getXmlFragment(NARRATIVE_FIELD).delete(0, 1);
    await waitFor(async () => (await narrativeOf(5)).includes('En ny setning') && !(await narrativeOf(3)).startsWith(firstParagraph), {
      what: 'the edits of measures 3 and 5 stored',
    });

    // A new round needs a future deadline; moved into the past, it freezes.
    frozen = await post('/api/rounds', { title: 'Frosset runde', deadline: `${osloDate(new Date(Date.now() + 86_400_000))}T12:00` }, (v) =>
      RoundDetailSchema.parse(v),
    );
    const moved = await patchJson(server, `/api/rounds/${frozen.id}`, { deadline: `${osloDate(new Date(Date.now() - 86_400_000))}T12:00` });
    expect(moved.status).toBe(200);
    await waitFor(
      async () => RoundDetailSchema.parse(await (await api(server, `/api/rounds/${frozen.id}`)).json()).state === 'frozen',
      { what: 'the round past its deadline frozen' },
    );
  });
  afterAll(() => {
    for (const client of clients) client.destroy();
  });

  async function expectNoViolations(page: Page, name: string): Promise<void> {
    const violations = await runAxe(page);
    await screenshot(page, `a11y - ${name}`);
    expect(violations, `${name}: ${formatViolations(violations)}`).toEqual([]);
  }

  it('the rounds page, with the new-round form and its field errors', async () => {
    const p = await person('koordinator');
    await p.page.goto('/runder');
    await p.page.getByTestId('rounds-table').waitFor();
    await expectNoViolations(p.page, 'rounds');
    await p.page.getByLabel('Klokkeslett', { exact: true }).fill('');
    await p.page.getByRole('button', { name: 'Opprett runde' }).click();
    await p.page.getByTestId('deadline-error').waitFor();
    await waitFor(async () => (await p.page.getByLabel('Tittel', { exact: true }).getAttribute('aria-invalid')) === 'true', {
      what: 'the title marked invalid',
    });
    await expectNoViolations(p.page, 'rounds with errors');
  });

  it('round settings: open, frozen with the reopen confirmation open, and as an editor', async () => {
    const p = await person('koordinator');
    await p.page.goto(`/runder/${ROUND_ID}/innstillinger`);
    await p.page.getByTestId('round-form').waitFor();
    await expectNoViolations(p.page, 'settings open');

    await p.page.goto(`/runder/${frozen.id}/innstillinger`);
    await p.page.getByTestId('reopen').click();
    await p.page.getByTestId('reopen-confirm').waitFor({ state: 'visible' });
    // Focus starts on the harmless choice.
    await waitFor(() => p.page.evaluate(() => document.activeElement?.textContent === 'Avbryt'), { what: 'focus on "Avbryt"' });
    // axe measures colours as shown: wait for the dialog's fade-in to end.
    await waitFor(
      () =>
        p.page.evaluate(() =>
          (document.querySelector('[data-testid="reopen-confirm"]')?.getAnimations({ subtree: true }) ?? []).every((a) => a.playState === 'finished'),
        ),
      { what: 'the dialog\'s opening animation done' },
    );
    await expectNoViolations(p.page, 'settings frozen, reopen dialog');
    await p.page.keyboard.press('Escape');
    await p.page.getByTestId('reopen-confirm').waitFor({ state: 'hidden' });

    const jd = await person('jd');
    await jd.page.goto(`/runder/${ROUND_ID}/innstillinger`);
    await jd.page.getByTestId('coordinator-only').waitFor();
    await expectNoViolations(jd.page, 'settings as editor');
  });

  it('the snapshots page, for the coordinator and an editor', async () => {
    for (const username of ['koordinator', 'jd'] as const) {
      const p = await person(username);
      await p.page.goto(`/runder/${ROUND_ID}/oyeblikksbilder`);
      await p.page.locator(`[data-testid="snapshot"][data-snapshot-id="${snapshot.id}"]`).waitFor();
      await expectNoViolations(p.page, `snapshots (${username})`);
    }
  });

  it('the snapshot viewer', async () => {
    const p = await person('jd');
    await p.page.goto(`/oyeblikksbilder/${snapshot.id}`);
    await waitFor(async () => (await p.page.locator('[data-testid="snapshot-view"] section[data-measure]').count()) === 35, {
      what: 'the 35 sections',
    });
    await expectNoViolations(p.page, 'snapshot viewer');
  });

  it('"what changed", with an insertion, a removal and a status change; then every measure', async () => {
    const p = await person('koordinator');
    await p.page.goto(`/runder/${ROUND_ID}/endringer?fra=${snapshot.id}&til=live`);
    await p.page.getByTestId('comparison').waitFor();
    expect(await p.page.locator('[data-testid="comparison"] ins').count()).toBeGreaterThan(0);
    expect(await p.page.locator('[data-testid="comparison"] del').count()).toBeGreaterThan(0);
    const struck = await p.page.locator('[data-testid="comparison"] del').first().evaluate((element) => getComputedStyle(element).textDecorationLine);
    expect(struck).toContain('line-through');
    await expectNoViolations(p.page, 'what changed');

    // The switch works from the keyboard.
    await p.page.getByLabel('Vis bare endrede tiltak').focus();
    await p.page.keyboard.press('Space');
    await waitFor(async () => (await p.page.locator('[data-testid="measure-change"]').count()) === 35, { what: 'all 35 measures' });
    await expectNoViolations(p.page, 'what changed, every measure');
  });

  it('"what changed" in a round without snapshots of its own offers the earlier rounds\' snapshots', async () => {
    const p = await person('koordinator');
    // A fresh round has no snapshot, but the rounds it carried over from do (one at its deadline, one by hand).
    const fresh = await post('/api/rounds', { title: 'Uten øyeblikksbilder', deadline: `${osloDate(new Date(Date.now() + 30 * 86_400_000))}T12:00` }, (v) =>
      RoundDetailSchema.parse(v),
    );
    await p.page.goto(`/runder/${fresh.id}/endringer`);
    // It offers the earlier rounds' snapshots, newest first, and compares the newest with now.
    await p.page.getByTestId('comparison').waitFor();
    const from = await p.page.getByTestId('compare-from').inputValue();
    expect(new URL(p.page.url()).searchParams.get('fra')).toBe(from);
    const groups = await p.page.$$eval('[data-testid="compare-from"] optgroup', (list) => list.map((g) => g.getAttribute('label')));
    expect(groups).toEqual(['Øyeblikksbilder i Frosset runde', 'Øyeblikksbilder i Statusrapport februar 2012']);
    await expectNoViolations(p.page, 'what changed across rounds');
  });
});
