import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ThreadSchema, type Thread } from '../../shared/comments.js';
import { osloDate } from '../../shared/osloTime.js';
import { RoundSchema, type Round } from '../../shared/round.js';
import { SnapshotSummarySchema } from '../../shared/snapshot.js';
import { ROUND_ID, formatViolations, overviewPath, runAxe, screenshot, waitForConnection, type Person } from '../helpers/browser.js';
import { browserSuite } from '../helpers/browserSuite.js';
import { api } from '../helpers/session.js';
import { waitFor } from '../helpers/waitFor.js';

const DAY_MS = 86_400_000;
const SEED_TITLE = 'Statusrapport februar 2012';

/**
 * A new round must not hide the old: starting one while another is open asks what to do with
 * it, open rounds show on every overview, and questions waiting in an older open round follow
 * the ministry into the new one.
 */
describe('starting a round while another is open', { timeout: 120_000 }, () => {
  const { server, person } = browserSuite();

  async function rounds(): Promise<Round[]> {
    return z.array(RoundSchema).parse(await (await api(server, '/api/rounds')).json());
  }

  async function ask(roundId: string, number: number, body: string): Promise<Thread> {
    const response = await api(server, `/api/rounds/${roundId}/measures/${number}/threads`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ body }),
    });
    expect(response.status).toBe(201);
    return ThreadSchema.parse(await response.json());
  }

  async function openOverview(p: Person, roundId: string): Promise<Page> {
    await p.page.goto(overviewPath(roundId));
    await waitFor(async () => (await p.page.locator('table[data-testid="measures-table"] tr[data-measure]').count()) === 35, {
      what: `${p.label}: the overview of ${roundId}`,
    });
    await waitForConnection(p.page, 'connected', { who: p.label });
    return p.page;
  }

  /** The rounds the overview names as open besides its own. */
  const namedOpen = (page: Page): Promise<string[]> =>
    page.$$eval('[data-testid="open-rounds"] [data-testid="open-round"]', (items) => items.map((item) => item.getAttribute('data-round') ?? ''));

  /** Fills in "Ny runde" with a deadline `days` ahead. */
  async function fillNewRound(page: Page, title: string, days: number): Promise<void> {
    const form = page.getByTestId('new-round-form');
    await form.getByLabel('Tittel', { exact: true }).fill(title);
    await form.getByLabel('Dato', { exact: true }).fill(osloDate(new Date(Date.now() + days * DAY_MS)));
    await form.getByLabel('Klokkeslett', { exact: true }).fill('12:00');
  }

  it('asks, keeps the 2012 round open when told, shows each open round from the other, and JD’s questions from both', async () => {
    // A question to JD in the 2012 round, before the new round starts.
    const before = await ask(ROUND_ID, 5, '@JD, kan dere oppdatere tallene for 2011?');

    const coordinator = await person('koordinator');
    await coordinator.page.goto('/runder');
    const form = coordinator.page.getByTestId('new-round-form');
    await form.waitFor();
    const choice = coordinator.page.getByTestId('open-rounds-choice');
    expect(await choice.innerText()).toContain('Hva skal skje med runden som er åpen nå?');
    expect(await choice.innerText()).toContain(`«${SEED_TITLE}»`);
    await expectNoViolations(coordinator.page, 'new round with the open-rounds question');

    // Not answered: said at the question, with focus there, and nothing is created.
    await fillNewRound(coordinator.page, 'Statusrapport februar 2013', 60);
    await form.getByRole('button', { name: 'Opprett runde' }).click();
    await coordinator.page.getByTestId('open-rounds-error').waitFor();
    expect(await coordinator.page.getByTestId('open-rounds-error').innerText()).toBe('Velg om åpne runder skal fryses nå eller være åpne til sin frist.');
    await waitFor(() => coordinator.page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name === 'openRounds'), {
      what: 'focus on the question',
    });
    expect(await coordinator.page.getByRole('radio', { name: 'Frys den nå' }).getAttribute('aria-invalid')).toBe('true');
    expect((await rounds()).length).toBe(1);
    await expectNoViolations(coordinator.page, 'new round, the question not answered');

    await coordinator.page.getByRole('radio', { name: 'La den være åpen til fristen' }).check();
    await form.getByRole('button', { name: 'Opprett runde' }).click();
    await waitFor(() => /^\/runder\/[a-z0-9-]+$/.test(new URL(coordinator.page.url()).pathname), { what: 'the new round’s overview' });
    const newId = new URL(coordinator.page.url()).pathname.split('/')[2] ?? '';
    expect(newId).not.toBe(ROUND_ID);
    expect((await rounds()).map((r) => [r.id, r.state])).toEqual([
      [newId, 'open'],
      [ROUND_ID, 'open'],
    ]);

    // The new round's overview names the 2012 round as open too, and the 2012 round's names the new one.
    await waitFor(async () => JSON.stringify(await namedOpen(coordinator.page)) === JSON.stringify([ROUND_ID]), { what: 'the 2012 round named on the new overview' });
    expect(await coordinator.page.getByTestId('open-rounds').innerText()).toContain('En annen runde er også åpen');
    const jd = await person('jd');
    await openOverview(jd, ROUND_ID);
    await waitFor(async () => JSON.stringify(await namedOpen(jd.page)) === JSON.stringify([newId]), { what: 'the new round named on the 2012 overview' });

    // `/` lands on the newest open round, which names the 2012 one.
    await jd.page.goto('/');
    await waitFor(() => new URL(jd.page.url()).pathname === overviewPath(newId), { what: '/ opens the new round' });
    const page = await openOverview(jd, newId);
    await waitFor(async () => (await namedOpen(page)).includes(ROUND_ID), { what: 'the 2012 round named' });

    // "Venter på oss" in the new round has the question asked in the 2012 round, linking to it there.
    const waiting = page.locator(`[data-testid="waiting-thread"][data-thread-id="${before.id}"]`);
    await waiting.waitFor({ timeout: 15_000 });
    expect(await waiting.getAttribute('data-round')).toBe(ROUND_ID);
    expect(await waiting.getByTestId('waiting-round').innerText()).toBe(`I runden «${SEED_TITLE}»`);
    expect(await waiting.getByRole('link').getAttribute('href')).toBe(`/runder/${ROUND_ID}/tiltak/5#kommentar-${before.id}`);
    expect(await page.getByTestId('waiting-list').innerText()).toContain('Gjelder alle åpne runder.');

    // A new question in the 2012 round arrives live, without reload.
    const later = await ask(ROUND_ID, 9, '@JD, og dette tiltaket?');
    await page.locator(`[data-testid="waiting-thread"][data-thread-id="${later.id}"]`).waitFor({ timeout: 15_000 });
    await screenshot(page, 'open rounds - JD on the new round');
    await expectNoViolations(page, 'JD overview with two open rounds');

    // The link goes to the thread in the 2012 round.
    await waiting.getByRole('link').click();
    await waitFor(() => new URL(page.url()).pathname === `/runder/${ROUND_ID}/tiltak/5`, { what: 'the 2012 round’s measure 5' });
  });

  it('freezes the open rounds when told, each with a snapshot; a frozen round’s overview points to where people write now', async () => {
    const open = (await rounds()).filter((r) => r.state === 'open');
    expect(open.length, 'the rounds left open by the test before').toBe(2);

    const coordinator = await person('koordinator');
    await coordinator.page.goto('/runder');
    const choice = coordinator.page.getByTestId('open-rounds-choice');
    await choice.waitFor();
    expect(await choice.innerText()).toContain('Hva skal skje med rundene som er åpne nå?');
    await fillNewRound(coordinator.page, 'Statusrapport juni 2013', 120);
    await coordinator.page.getByRole('radio', { name: 'Frys dem nå' }).check();
    await coordinator.page.getByTestId('new-round-form').getByRole('button', { name: 'Opprett runde' }).click();
    await waitFor(() => /^\/runder\/statusrapport-juni-2013$/.test(new URL(coordinator.page.url()).pathname), { what: 'the newest round’s overview' });

    const now = await rounds();
    expect(now.filter((r) => r.state === 'open').map((r) => r.id)).toEqual(['statusrapport-juni-2013']);
    for (const frozen of open) {
      const snapshots = z.array(SnapshotSummarySchema).parse(await (await api(server, `/api/rounds/${frozen.id}/snapshots`)).json());
      expect(snapshots.map((s) => s.reason), frozen.id).toContain('new_round');
    }
    const jd = await person('jd');
    const page = await openOverview(jd, ROUND_ID);
    await page.getByTestId('round-frozen').waitFor();
    await waitFor(async () => JSON.stringify(await namedOpen(page)) === JSON.stringify(['statusrapport-juni-2013']), { what: 'the open round named' });
    expect(await page.getByTestId('open-rounds').innerText()).toContain('Åpen runde');
    await expectNoViolations(page, 'a frozen round pointing to the open one');
  });
});

async function expectNoViolations(page: Page, name: string): Promise<void> {
  const violations = await runAxe(page);
  await screenshot(page, `open rounds - ${name}`);
  expect(violations, `${name}: ${formatViolations(violations)}`).toEqual([]);
}
