import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ThreadSchema, type Thread } from '../../shared/comments.js';
import { MeasureDetailSchema, type MeasureDetail } from '../../shared/measure.js';
import type { Status } from '../../shared/status.js';
import {
  ROUND_ID,
  editorText,
  formatViolations,
  measurePath,
  openMeasure,
  overviewPath,
  runAxe,
  screenshot,
  selectEditorText,
  waitForConnection,
  type Person,
} from '../helpers/browser.js';
import { browserSuite } from '../helpers/browserSuite.js';
import { api, patchJson, type Target } from '../helpers/session.js';
import { waitFor } from '../helpers/waitFor.js';

/** Measure 25 is BLD's and JD's; 14 is JD's alone; 1 is UD's, JD's and BLD's. */
const SHARED = 25;
const JD_ONLY = 14;
const THREE = 1;

const measureApi = (number: number): string => `/api/rounds/${ROUND_ID}/measures/${number}`;

function postJson(target: Target, path: string, body: unknown): Promise<Response> {
  return api(target, path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

/** Another status than `status`, from the report's own words. */
const otherThan = (status: Status, not: Status[] = []): Status =>
  (['Løpende', 'Under forberedelse', 'Gjennomført', 'Ikke igangsatt'] as const).find((s) => s !== status && !not.includes(s))!;

/** The save state beside the text: its kind and words. */
async function saveState(page: Page): Promise<{ kind: string | null; text: string }> {
  return page.evaluate(() => {
    const element = document.querySelector('[data-testid="save-state"]');
    return { kind: element?.getAttribute('data-kind') ?? null, text: element?.querySelector('[data-testid="save-state-text"]')?.textContent ?? '' };
  });
}

async function waitForSaveState(page: Page, text: string, { who = '', timeoutMs = 20_000 }: { who?: string; timeoutMs?: number } = {}): Promise<void> {
  let seen = { kind: null as string | null, text: '' };
  await waitFor(async () => (seen = await saveState(page)).text === text, { what: `${who} save state "${text}"`, timeoutMs }).catch((error: Error) => {
    throw new Error(`${error.message}; shown: ${JSON.stringify(seen)}`);
  });
}

/**
 * The app has been used on this origin before: its service worker controls the page, so every
 * read the page makes is kept, and a reload without network opens the measure with them.
 */
async function readyForOffline(person: Person, number: number): Promise<void> {
  await waitFor(() => person.page.evaluate(async () => Boolean((await navigator.serviceWorker?.getRegistration())?.active)), {
    what: `${person.label}: an active service worker`,
    timeoutMs: 20_000,
  });
  await person.page.reload();
  await waitFor(() => person.page.evaluate(() => navigator.serviceWorker?.controller !== null), { what: `${person.label}: the page under the worker` });
  await waitForConnection(person.page, 'connected', { who: person.label });
  const kept = ['/api/session', `/api/rounds/${ROUND_ID}`, measureApi(number), `${measureApi(number)}/threads`];
  await waitFor(
    () =>
      person.page.evaluate(async (paths) => {
        for (const path of paths) if (!(await caches.match(path))) return false;
        return true;
      }, kept),
    { what: `${person.label}: the worker keeps ${kept.join(', ')}`, timeoutMs: 20_000 },
  );
}

describe('changes made without a connection are kept, shown, and sent when it returns', { timeout: 180_000 }, () => {
  const { server, proxy, person } = browserSuite({ proxy: true });

  async function serverMeasure(number: number): Promise<MeasureDetail> {
    const response = await api(server, measureApi(number));
    expect(response.status).toBe(200);
    return MeasureDetailSchema.parse(await response.json());
  }

  async function serverThreads(number: number): Promise<Thread[]> {
    const response = await api(server, `${measureApi(number)}/threads`);
    expect(response.status).toBe(200);
    return z.array(ThreadSchema).parse(await response.json());
  }

  it('status, readiness and a comment made with the network cut wait in the browser, survive leaving the page and an offline reload, and reach everyone once the network is back', async () => {
    const jd = await person('jd', { label: 'JD (proxied)', baseUrl: proxy.url });
    const bld = await person('bld', { label: 'BLD' });
    await openMeasure(jd, SHARED, { expectText: true });
    await readyForOffline(jd, SHARED);
    await openMeasure(bld, SHARED, { expectText: true });
    const page = jd.page;
    const before = await serverMeasure(SHARED);
    expect(before.ready).not.toContain('JD');
    const next = otherThan(before.status);
    await waitForSaveState(page, 'Alt er lagret', { who: 'JD' });

    // The network goes; the browser still believes it is online.
    proxy.cut();
    await waitFor(async () => (await saveState(page)).kind !== 'saved', { what: 'JD: the save state leaves "Alt er lagret" once the network is cut' });

    // The status: kept, shown, counted. The list does not turn back, and it says so in Norwegian.
    const select = page.getByTestId('status-select');
    await select.selectOption(next);
    await waitForSaveState(page, 'Ikke lagret – frakoblet (1 endring venter)', { who: 'JD after the status' });
    expect(await select.inputValue()).toBe(next);
    expect(await select.isDisabled(), 'the status list stays usable').toBe(false);
    const statusMessage = (await page.getByTestId('status-message').innerText()).trim();
    expect(['Ikke lagret ennå – sendes når du er tilkoblet', 'Lagrer …'], `status message "${statusMessage}"`).toContain(statusMessage);

    // Readiness.
    const toggle = page.locator('input[data-testid="ready-toggle"][data-ministry="JD"]');
    await toggle.check();
    await waitForSaveState(page, 'Ikke lagret – frakoblet (2 endringer venter)', { who: 'JD after readiness' });
    expect(await toggle.isChecked()).toBe(true);

    // A comment on the measure, sent while the server cannot be reached.
    const panel = page.getByTestId('threads-panel');
    await panel.getByTestId('comment-measure').click();
    await panel.getByTestId('new-thread-form').getByRole('textbox').fill('Skrevet uten nett: tallene for 2011 kommer.');
    await panel.getByTestId('new-thread-form').getByRole('button', { name: 'Send' }).click();
    const pendingCard = panel.getByTestId('pending-thread');
    await pendingCard.waitFor({ state: 'visible' });
    expect(await pendingCard.innerText()).toContain('Skrevet uten nett: tallene for 2011 kommer.');
    expect(await pendingCard.innerText()).toContain('Ikke sendt ennå – sendes når du er tilkoblet');
    await waitForSaveState(page, 'Ikke lagret – frakoblet (3 endringer venter)', { who: 'JD after the comment' });

    // A second comment, being written, not sent.
    await panel.getByTestId('comment-measure').click();
    await panel.getByTestId('new-thread-form').getByRole('textbox').fill('Utkast: dette er ikke sendt ennå.');
    await screenshot(page, 'offline changes - waiting in the browser');
    const violations = await runAxe(page);
    expect(violations, formatViolations(violations)).toEqual([]);

    // Away from the page and back (the app's own links, no network). The overview, never opened
    // in this browser, shows the measures the measure page's stream told, with JD's changes marked.
    await page.getByRole('link', { name: 'Til oversikten' }).first().click();
    await waitFor(() => !new URL(page.url()).pathname.includes('/tiltak/'), { what: 'JD on the overview' });
    const row = page.locator(`table[data-testid="measures-table"] tr[data-measure="${SHARED}"]`);
    await row.waitFor({ state: 'visible', timeout: 20_000 });
    await page.getByTestId('measures-stale').waitFor({ state: 'visible' });
    expect((await row.getByTestId('status').innerText()).trim(), 'the status JD chose, on the overview').toBe(next);
    expect(await row.getByTestId('pending-status').innerText()).toContain('Ikke lagret ennå');
    expect(await row.locator('[data-testid="readiness"] [data-ministry="JD"]').getAttribute('data-ready')).toBe('true');
    expect(await row.getByTestId('pending-ready').innerText()).toContain('Ikke lagret ennå');
    expect(await page.locator('tr[data-measure] [data-testid="pending-status"]').count(), 'no other measure marked').toBe(1);
    expect(await page.getByTestId('pending-attention').count(), 'nothing waiting needs a choice').toBe(0);
    const overviewViolations = await runAxe(page);
    expect(overviewViolations, formatViolations(overviewViolations)).toEqual([]);
    await screenshot(page, 'offline changes - the overview with changes waiting');
    await page.goBack();
    await page.getByTestId('new-thread-form').waitFor({ state: 'visible' });
    expect(await page.getByTestId('new-thread-form').getByRole('textbox').inputValue(), 'the comment being written, after leaving the page').toBe(
      'Utkast: dette er ikke sendt ennå.',
    );

    // A reload without network: everything is still there, and said to be waiting.
    await jd.context.setOffline(true);
    await page.reload({ waitUntil: 'load' });
    await page.getByTestId('new-thread-form').waitFor({ state: 'visible', timeout: 20_000 });
    expect(await page.getByTestId('new-thread-form').getByRole('textbox').inputValue(), 'the comment being written, after an offline reload').toBe(
      'Utkast: dette er ikke sendt ennå.',
    );
    await waitFor(async () => (await page.getByTestId('status-select').inputValue()) === next, { what: 'JD: the waiting status in the list after the reload' });
    expect(await page.locator('input[data-testid="ready-toggle"][data-ministry="JD"]').isChecked()).toBe(true);
    expect(await page.getByTestId('pending-thread').innerText()).toContain('Skrevet uten nett');
    await waitForSaveState(page, 'Ikke lagret – frakoblet (3 endringer venter)', { who: 'JD after the offline reload' });
    await waitForConnection(page, 'offline', { unsynced: true, who: 'JD' });
    await screenshot(page, 'offline changes - after an offline reload');

    // Nothing reached the server.
    const meanwhile = await serverMeasure(SHARED);
    expect(meanwhile.status).toBe(before.status);
    expect(meanwhile.ready).not.toContain('JD');
    expect((await serverThreads(SHARED)).some((t) => t.comments.some((c) => c.body.startsWith('Skrevet uten nett')))).toBe(false);

    // The network returns: everything is sent, and everyone sees it.
    await jd.context.setOffline(false);
    proxy.restore();
    await waitForSaveState(page, 'Alt er lagret', { who: 'JD once the network is back', timeoutMs: 30_000 });
    await waitFor(async () => (await serverMeasure(SHARED)).status === next, { what: 'the server has the status' });
    const after = await serverMeasure(SHARED);
    expect(after.ready).toContain('JD');
    const sent = (await serverThreads(SHARED)).filter((t) => t.comments.some((c) => c.body === 'Skrevet uten nett: tallene for 2011 kommer.'));
    expect(sent, 'the comment is on the server once').toHaveLength(1);
    expect(await page.getByTestId('pending-thread').count()).toBe(0);
    await page.locator(`[data-testid="thread"][data-thread-id="${sent[0]!.id}"]`).waitFor({ state: 'visible' });
    // What was being written stays where it was, unsent.
    expect(await page.getByTestId('new-thread-form').getByRole('textbox').inputValue()).toBe('Utkast: dette er ikke sendt ennå.');

    await waitFor(async () => (await bld.page.getByTestId('status-select').inputValue()) === next, { what: 'BLD sees the status live' });
    await bld.page.locator(`[data-testid="thread"][data-thread-id="${sent[0]!.id}"]`).waitFor({ state: 'visible' });
    await waitFor(
      () => bld.page.evaluate(() => document.querySelector('[data-testid="readiness-panel"] [data-ministry="JD"]')?.getAttribute('data-ready') === 'true'),
      { what: 'BLD sees JD ready live' },
    );
    await screenshot(page, 'offline changes - sent');
  });

  it('a status someone else changed meanwhile: both values are shown and the person chooses; the same readiness is no conflict', async () => {
    const jd = await person('jd', { label: 'JD (proxied)', baseUrl: proxy.url });
    await openMeasure(jd, JD_ONLY, { expectText: true });
    const page = jd.page;
    const coordinator = server;
    const start = (await serverMeasure(JD_ONLY)).status;
    const mine = otherThan(start);
    const theirs = otherThan(start, [mine]);

    proxy.cut();
    await waitFor(async () => (await saveState(page)).kind !== 'saved', { what: 'JD: not saved-and-connected once cut' });
    await page.getByTestId('status-select').selectOption(mine);
    await page.locator('input[data-testid="ready-toggle"][data-ministry="JD"]').check();
    await waitForSaveState(page, 'Ikke lagret – frakoblet (2 endringer venter)', { who: 'JD' });
    // Meanwhile, online, the coordinator sets another status, and marks JD ready as JD did.
    expect((await patchJson(coordinator, measureApi(JD_ONLY), { status: theirs })).status).toBe(200);
    const readyAnswer = await api(coordinator, `${measureApi(JD_ONLY)}/ready`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ready: true, ministry: 'JD' }),
    });
    expect(readyAnswer.status).toBe(200);

    proxy.restore();
    const alert = page.getByTestId('status-conflict');
    await alert.waitFor({ state: 'visible', timeout: 30_000 });
    const text = await alert.innerText();
    expect(text).toContain(`Du valgte «${mine}», nå står det «${theirs}»`);
    await waitForSaveState(page, 'Ikke lagret – 1 endring må avklares', { who: 'JD with a conflict' });
    // Nothing was stored over the coordinator's status; the readiness agreed, so it is simply saved.
    expect((await serverMeasure(JD_ONLY)).status).toBe(theirs);
    expect((await serverMeasure(JD_ONLY)).ready).toContain('JD');
    expect(await page.getByTestId('status-select').inputValue(), 'the list shows the person’s own choice while they choose').toBe(mine);
    const violations = await runAxe(page);
    expect(violations, formatViolations(violations)).toEqual([]);
    await screenshot(page, 'offline changes - a conflict');

    // On the overview, the choice waiting is named first and links to the measure; its row says so.
    await page.getByRole('link', { name: 'Til oversikten' }).first().click();
    const attention = page.getByTestId('pending-attention');
    await attention.waitFor({ state: 'visible' });
    const item = attention.locator(`li[data-measure="${JD_ONLY}"]`);
    expect(await item.getAttribute('data-state')).toBe('conflict');
    expect(await item.innerText()).toBe(`Tiltak ${JD_ONLY}: status – noen andre har endret det samme`);
    const conflictRow = page.locator(`table[data-testid="measures-table"] tr[data-measure="${JD_ONLY}"]`);
    expect(await conflictRow.getByTestId('pending-status').getAttribute('data-state')).toBe('conflict');
    expect(await conflictRow.getByTestId('pending-status').innerText()).toContain('Må avklares');
    expect(await conflictRow.getByTestId('pending-ready').count(), 'the readiness was saved').toBe(0);
    const attentionViolations = await runAxe(page);
    expect(attentionViolations, formatViolations(attentionViolations)).toEqual([]);
    await screenshot(page, 'offline changes - a conflict named on the overview');
    await item.getByRole('link').click();
    await page.getByTestId('status-conflict').waitFor({ state: 'visible' });

    await alert.getByRole('button', { name: `Behold «${mine}»` }).click();
    await waitFor(async () => (await serverMeasure(JD_ONLY)).status === mine, { what: 'the server has the kept status' });
    await waitForSaveState(page, 'Alt er lagret', { who: 'JD after keeping' });
    expect(await page.getByTestId('status-conflict').count()).toBe(0);

    // Again, and this time the other value is taken.
    proxy.cut();
    await waitFor(async () => (await saveState(page)).kind !== 'saved', { what: 'JD: cut again' });
    await page.getByTestId('status-select').selectOption(start);
    expect((await patchJson(coordinator, measureApi(JD_ONLY), { status: theirs })).status).toBe(200);
    proxy.restore();
    await page.getByTestId('status-conflict').getByRole('button', { name: `Bruk «${theirs}»` }).click({ timeout: 30_000 });
    await waitFor(async () => (await page.getByTestId('status-select').inputValue()) === theirs, { what: 'the list shows the value taken' });
    await waitForSaveState(page, 'Alt er lagret', { who: 'JD after taking theirs' });
    expect((await serverMeasure(JD_ONLY)).status).toBe(theirs);
  });

  it('after an offline reload, comments, readiness, the status and the text say they are this browser’s copy, until they are fresh again', async () => {
    const jd = await person('jd', { label: 'JD (proxied)', baseUrl: proxy.url });
    const jdTarget = await server.as('jd');
    const ud = await server.as('ud');
    const asked = await postJson(jdTarget, `${measureApi(THREE)}/threads`, { body: '@UD, er tallene for 2011 med?' });
    expect(asked.status).toBe(201);
    const thread = ThreadSchema.parse(await asked.json());

    await openMeasure(jd, THREE, { expectText: true });
    await readyForOffline(jd, THREE);
    const page = jd.page;
    const card = page.locator(`[data-testid="thread"][data-thread-id="${thread.id}"]`);
    await card.getByTestId('thread-waiting').waitFor({ state: 'visible' });
    expect(await page.getByTestId('threads-stale').count(), 'fresh: no label').toBe(0);

    proxy.cut();
    await jd.context.setOffline(true);
    await waitForConnection(page, 'offline', { who: 'JD' });
    // While JD is away, UD answers and resolves.
    expect((await postJson(ud, `/api/threads/${thread.id}/comments`, { body: 'Ja, de er med.' })).status).toBe(201);
    expect((await api(ud, `/api/threads/${thread.id}/resolve`, { method: 'POST' })).status).toBe(200);

    await page.reload({ waitUntil: 'load' });
    // The old thread is all this browser has; it must not pass for the current state.
    await card.waitFor({ state: 'visible', timeout: 20_000 });
    const stale = page.getByTestId('threads-stale');
    await stale.waitFor({ state: 'visible' });
    expect(await stale.innerText()).toMatch(/^Kan være utdatert – sist hentet (.+ )?kl\. \d\d:\d\d$/);
    for (const id of ['fields-stale', 'readiness-stale', 'narrative-stale']) {
      await page.getByTestId(id).waitFor({ state: 'visible' });
      expect(await page.getByTestId(id).innerText(), id).toMatch(/Kan være utdatert – sist hentet (.+ )?kl\. \d\d:\d\d/);
    }
    expect(await card.getAttribute('data-resolved')).toBe('false');
    const violations = await runAxe(page);
    expect(violations, formatViolations(violations)).toEqual([]);
    await screenshot(page, 'offline changes - stale after an offline reload');

    await jd.context.setOffline(false);
    proxy.restore();
    await waitForConnection(page, 'connected', { who: 'JD once back', timeoutMs: 30_000 });
    await waitFor(async () => (await card.getAttribute('data-resolved')) === 'true', { what: 'the thread shows resolved once fresh', timeoutMs: 20_000 });
    for (const id of ['threads-stale', 'fields-stale', 'readiness-stale', 'narrative-stale']) {
      await waitFor(async () => (await page.getByTestId(id).count()) === 0, { what: `"${id}" gone once fresh` });
    }
    // Resolved, it is folded away with the others: its text is there, with UD's reply.
    expect(await card.textContent()).toContain('Ja, de er med.');
    expect(page.url()).toContain(measurePath(THREE));
  });

  it('after an offline reload, the overview shows the measures its stream last told this browser, said to be a copy, until the stream tells them again', async () => {
    const jd = await person('jd', { label: 'JD (proxied)', baseUrl: proxy.url });
    const page = jd.page;
    const staleText = /^Kan være utdatert – sist hentet (.+ )?kl\. \d\d:\d\d$/;
    const rowStatus = (number: number): Promise<string | null> =>
      page.evaluate((n) => document.querySelector(`table[data-testid="measures-table"] tr[data-measure="${n}"] [data-testid="status"]`)?.textContent ?? null, number);
    const start = (await serverMeasure(JD_ONLY)).status;
    const changed = otherThan(start);

    // Online, under the worker: the stream tells the measures, and the browser keeps them.
    await page.goto(overviewPath());
    await waitFor(() => page.evaluate(async () => Boolean((await navigator.serviceWorker?.getRegistration())?.active)), {
      what: 'JD: an active service worker',
      timeoutMs: 20_000,
    });
    await page.reload();
    await waitFor(() => page.evaluate(() => navigator.serviceWorker?.controller !== null), { what: 'JD: the page under the worker' });
    await waitForConnection(page, 'connected', { who: 'JD' });
    await waitFor(async () => (await rowStatus(JD_ONLY)) === start, { what: `JD: measure ${JD_ONLY} "${start}" in the table` });
    expect(await page.getByTestId('measures-stale').count(), 'live: no label').toBe(0);
    const kept = ['/api/session', '/api/rounds', `/api/rounds/${ROUND_ID}`];
    await waitFor(
      () =>
        page.evaluate(async (paths) => {
          for (const path of paths) if (!(await caches.match(path))) return false;
          return localStorage.getItem('samskriv.measures.jd') !== null;
        }, kept),
      { what: `JD: the worker keeps ${kept.join(', ')} and the browser the measures`, timeoutMs: 20_000 },
    );
    const liveRows = await page.locator('table[data-testid="measures-table"] tr[data-measure]').count();
    expect(liveRows).toBeGreaterThan(0);

    // Offline; meanwhile the coordinator changes a status. A reload shows what the browser kept, and says so.
    proxy.cut();
    await jd.context.setOffline(true);
    await waitForConnection(page, 'offline', { who: 'JD' });
    expect((await patchJson(server, measureApi(JD_ONLY), { status: changed })).status).toBe(200);
    await page.reload({ waitUntil: 'load' });
    const stale = page.getByTestId('measures-stale');
    await stale.waitFor({ state: 'visible', timeout: 20_000 });
    expect(await stale.innerText()).toMatch(staleText);
    await page.getByTestId('measures-table').waitFor({ state: 'visible' });
    expect(await page.locator('table[data-testid="measures-table"] tr[data-measure]').count()).toBe(liveRows);
    expect(await rowStatus(JD_ONLY), 'the status as the browser last received it').toBe(start);
    expect(await page.getByText('Laster …').count()).toBe(0);
    const violations = await runAxe(page);
    expect(violations, formatViolations(violations)).toEqual([]);
    await screenshot(page, 'offline changes - overview measures after an offline reload');

    // Back online: the stream's snapshot replaces the copy, and the label goes.
    await jd.context.setOffline(false);
    proxy.restore();
    await waitFor(async () => (await stale.count()) === 0, { what: '"measures-stale" gone once the stream tells the measures', timeoutMs: 30_000 });
    await waitFor(async () => (await rowStatus(JD_ONLY)) === changed, { what: `JD: measure ${JD_ONLY} "${changed}" live` });
  });

  it('after an offline reload, Varsler and the header’s count, the rounds, the open rounds, the round’s deadline, the questions waiting, the snapshots and the history say they are this browser’s copy, until they are fresh again', async () => {
    const ud = await server.as('ud');
    const coordinator = server;
    expect((await postJson(ud, `${measureApi(THREE)}/threads`, { body: '@JD, kan dere se på tallene?' })).status).toBe(201);
    expect((await postJson(coordinator, `/api/rounds/${ROUND_ID}/snapshots`, { note: 'Før frakoblingen' })).status).toBe(201);
    // A second open round, so that the overview names it.
    expect((await postJson(coordinator, '/api/rounds', { title: 'Statusrapport 2013', deadline: '2030-02-28T12:00', openRounds: 'keep' })).status).toBe(201);
    const jd = await person('jd', { label: 'JD (proxied)', baseUrl: proxy.url });
    const page = jd.page;
    const staleText = /^Kan være utdatert – sist hentet (.+ )?kl\. \d\d:\d\d$/;
    const link = page.getByTestId('notifications-link');

    // Online, each page once: the worker keeps what they read.
    await openMeasure(jd, THREE, { expectText: true });
    await readyForOffline(jd, THREE);
    await page.getByTestId('history-toggle').click();
    await page.getByTestId('history-entry').first().waitFor({ state: 'visible', timeout: 20_000 });
    for (const [path, testId] of [
      ['/varsler', 'notifications-list'],
      ['/runder', 'rounds-table'],
      [`/runder/${ROUND_ID}/oyeblikksbilder`, 'snapshot-list'],
      [overviewPath(), 'open-rounds'],
    ] as const) {
      await page.goto(path);
      await page.getByTestId(testId).waitFor({ state: 'visible' });
    }
    await waitFor(async () => Number(await link.getAttribute('data-unread')) > 0, { what: 'JD: an unread notification' });
    expect(await link.getAttribute('data-stale'), 'fresh: the count is not marked').toBeNull();
    expect(await page.getByTestId('snapshots-stale').count(), 'fresh: no label').toBe(0);
    const kept = ['/api/notifications', '/api/rounds', `/api/rounds/${ROUND_ID}/snapshots`, `${measureApi(THREE)}/history`];
    await waitFor(
      () =>
        page.evaluate(async (paths) => {
          for (const path of paths) if (!(await caches.match(path))) return false;
          return true;
        }, kept),
      { what: `JD: the worker keeps ${kept.join(', ')}`, timeoutMs: 20_000 },
    );

    proxy.cut();
    await jd.context.setOffline(true);
    await page.goto('/varsler', { waitUntil: 'load' });
    await page.getByTestId('notifications-list').waitFor({ state: 'visible', timeout: 20_000 });
    const stale = page.getByTestId('notifications-stale');
    await stale.waitFor({ state: 'visible' });
    expect(await stale.innerText()).toMatch(staleText);
    expect(await link.getAttribute('data-stale'), 'the header’s count is marked').toBe('true');
    expect(await link.getAttribute('aria-label')).toMatch(/^Varsler, \d+ uleste? \(kan være utdatert\)$/);
    const violations = await runAxe(page);
    expect(violations, formatViolations(violations)).toEqual([]);
    await screenshot(page, 'offline changes - Varsler after an offline reload');

    // The other pages read once, offline: each says where what it shows comes from.
    const offlinePages = [
      ['/runder', 'rounds-stale'],
      [`/runder/${ROUND_ID}/oyeblikksbilder`, 'snapshots-stale'],
      [overviewPath(), 'open-rounds-stale'],
      // The round's deadline and state, and the questions waiting for JD, on the overview.
      [overviewPath(), 'round-stale'],
      [overviewPath(), 'waiting-stale'],
    ] as const;
    for (const [path, testId] of offlinePages) {
      await page.goto(path, { waitUntil: 'load' });
      await page.getByTestId(testId).waitFor({ state: 'visible', timeout: 20_000 });
      expect(await page.getByTestId(testId).innerText(), testId).toMatch(staleText);
    }
    await page.goto(measurePath(THREE), { waitUntil: 'load' });
    await page.getByTestId('history-toggle').click({ timeout: 20_000 });
    await page.getByTestId('history-stale').waitFor({ state: 'visible', timeout: 20_000 });
    expect(await page.getByTestId('history-stale').innerText()).toMatch(staleText);

    // Back online: the history, then Varsler and the count, are fresh and say nothing more.
    await jd.context.setOffline(false);
    proxy.restore();
    await waitFor(async () => (await page.getByTestId('history-stale').count()) === 0, { what: '"history-stale" gone once fresh', timeoutMs: 30_000 });
    await jd.context.setOffline(true);
    await page.goto('/varsler', { waitUntil: 'load' });
    await page.getByTestId('notifications-stale').waitFor({ state: 'visible', timeout: 20_000 });
    await jd.context.setOffline(false);
    await waitFor(async () => (await page.getByTestId('notifications-stale').count()) === 0, { what: '"notifications-stale" gone once fresh', timeoutMs: 30_000 });
    await waitFor(async () => (await link.getAttribute('data-stale')) === null, { what: 'the header’s count no longer marked' });
    expect(await page.getByTestId('notifications-list').innerText()).toContain('kan dere se på tallene?');
    for (const [path, testId] of offlinePages) {
      await jd.context.setOffline(true);
      await page.goto(path, { waitUntil: 'load' });
      await page.getByTestId(testId).waitFor({ state: 'visible', timeout: 20_000 });
      await jd.context.setOffline(false);
      await waitFor(async () => (await page.getByTestId(testId).count()) === 0, { what: `"${testId}" gone once fresh`, timeoutMs: 30_000 });
    }
  });

  it('after an offline reload, the coordinator’s Logg shows the rows this browser last read and says they are its copy, until they are fresh again', async () => {
    const coordinator = await person('koordinator', { label: 'the coordinator (proxied)', baseUrl: proxy.url });
    const page = coordinator.page;
    const staleText = /^Kan være utdatert – sist hentet (.+ )?kl\. \d\d:\d\d$/;
    const status = (await serverMeasure(JD_ONLY)).status;
    expect((await patchJson(server, measureApi(JD_ONLY), { status: otherThan(status) })).status).toBe(200);

    await page.goto('/logg');
    await waitFor(() => page.evaluate(async () => Boolean((await navigator.serviceWorker?.getRegistration())?.active)), {
      what: 'the coordinator: an active service worker',
      timeoutMs: 20_000,
    });
    await page.reload();
    await waitFor(() => page.evaluate(() => navigator.serviceWorker?.controller !== null), { what: 'the coordinator: the page under the worker' });
    const rows = page.getByTestId('audit-row');
    await rows.first().waitFor({ state: 'visible', timeout: 20_000 });
    expect(await page.getByTestId('audit-stale').count(), 'fresh: no label').toBe(0);
    await waitFor(() => page.evaluate(async () => Boolean(await caches.match('/api/audit'))), { what: 'the worker keeps /api/audit', timeoutMs: 20_000 });
    const liveRows = await rows.count();
    expect(liveRows).toBeGreaterThan(0);

    // Offline, and something is logged meanwhile: the reload shows the kept rows, and says so.
    proxy.cut();
    await coordinator.context.setOffline(true);
    expect((await patchJson(server, measureApi(JD_ONLY), { status })).status).toBe(200);
    await page.reload({ waitUntil: 'load' });
    const stale = page.getByTestId('audit-stale');
    await stale.waitFor({ state: 'visible', timeout: 20_000 });
    expect(await stale.innerText()).toMatch(staleText);
    expect(await rows.count(), 'the rows as the browser last read them').toBe(liveRows);

    // Back online: read again by itself, the label goes and the row logged meanwhile is there.
    await coordinator.context.setOffline(false);
    proxy.restore();
    await waitFor(async () => (await stale.count()) === 0 && (await rows.count()) > liveRows, {
      what: '"audit-stale" gone and the row logged meanwhile shown',
      timeoutMs: 30_000,
    });
  });

  it('a reply sent and one being written, and a comment begun on a passage, survive an offline reload; the readiness waiting says so before and after; each reply arrives once', async () => {
    const ud = await server.as('ud');
    const asked = await postJson(ud, `${measureApi(THREE)}/threads`, { body: 'UD spør: gjelder tallene hele 2011?' });
    expect(asked.status).toBe(201);
    const thread = ThreadSchema.parse(await asked.json());
    const sentOffline = 'Svar uten nett: ja, hele året.';
    const replyDraft = 'Svarutkast: vi sjekker med SSB.';
    const passageDraft = 'Utkast til avsnittet: kilden mangler.';
    const waitingText = 'Ikke lagret ennå – sendes når du er tilkoblet';

    const jd = await person('jd', { label: 'JD (proxied)', baseUrl: proxy.url });
    await openMeasure(jd, THREE, { expectText: true });
    await readyForOffline(jd, THREE);
    const page = jd.page;
    const card = page.locator(`[data-testid="thread"][data-thread-id="${thread.id}"]`);
    await card.waitFor({ state: 'visible' });
    const replyForm = card.getByTestId('reply-form');
    const toggle = page.locator('input[data-testid="ready-toggle"][data-ministry="JD"]');
    const wasReady = await toggle.isChecked();
    expect(await toggle.getAttribute('data-pending'), 'nothing waiting yet').toBeNull();
    const readinessWaits = async (who: string): Promise<void> => {
      await waitFor(async () => (await toggle.getAttribute('data-pending')) === 'waiting', { what: `${who}: the readiness switch marked waiting` });
      await waitFor(async () => (await page.getByTestId('ready-message').innerText()).trim() === waitingText, {
        what: `${who}: "${waitingText}" under the switch`,
        timeoutMs: 20_000,
      });
      expect(await toggle.isChecked(), `${who}: the switch shows the choice waiting`).toBe(!wasReady);
    };

    proxy.cut();
    await waitFor(async () => (await saveState(page)).kind !== 'saved', { what: 'JD: the save state leaves "Alt er lagret" once the network is cut' });
    // A reply sent without network waits in the thread; another is being written in its box.
    await replyForm.getByRole('textbox').fill(sentOffline);
    await replyForm.getByRole('button', { name: 'Svar' }).click();
    const pendingReply = card.getByTestId('pending-reply');
    await pendingReply.waitFor({ state: 'visible' });
    expect(await pendingReply.innerText()).toContain(sentOffline);
    expect(await pendingReply.innerText()).toContain('Ikke sendt ennå – sendes når du er tilkoblet');
    await replyForm.getByRole('textbox').fill(replyDraft);
    // A comment begun on a passage.
    const words = ((await editorText(page)) ?? '').trim().split(/\s+/).slice(0, 3).join(' ');
    await selectEditorText(page, words);
    const commentButton = page.getByTestId('comment-selection');
    await waitFor(async () => (await commentButton.getAttribute('aria-disabled')) === null, { what: '"Kommenter" enabled by the selection' });
    await commentButton.click();
    const newThread = page.getByTestId('new-thread-form');
    await newThread.getByRole('textbox').fill(passageDraft);
    // Readiness, waiting.
    await toggle.setChecked(!wasReady);
    await readinessWaits('JD before the reload');

    // A reload without network: both forms kept their text, the reply and the readiness still wait.
    await jd.context.setOffline(true);
    await page.reload({ waitUntil: 'load' });
    await newThread.waitFor({ state: 'visible', timeout: 20_000 });
    expect(await newThread.getByRole('textbox').inputValue(), 'the comment on the passage, after an offline reload').toBe(passageDraft);
    expect(await page.getByTestId('new-thread').locator('blockquote').innerText(), 'its passage').toBe(words);
    await card.waitFor({ state: 'visible', timeout: 20_000 });
    await waitFor(async () => (await replyForm.getByRole('textbox').inputValue()) === replyDraft, { what: 'the reply being written, after an offline reload' });
    expect(await pendingReply.innerText()).toContain(sentOffline);
    await readinessWaits('JD after the offline reload');
    await screenshot(page, 'offline changes - replies and a passage comment after an offline reload');

    const serverComments = async (): Promise<string[]> =>
      (await serverThreads(THREE)).find((t) => t.id === thread.id)?.comments.map((c) => c.body) ?? [];
    expect(await serverComments()).not.toContain(sentOffline);

    // Back online: the waiting reply goes once; the one being written is sent by hand, once.
    await jd.context.setOffline(false);
    proxy.restore();
    await waitFor(async () => (await pendingReply.count()) === 0, { what: 'the waiting reply sent', timeoutMs: 30_000 });
    await waitFor(async () => (await toggle.getAttribute('data-pending')) === null, { what: 'the readiness sent', timeoutMs: 30_000 });
    expect((await serverMeasure(THREE)).ready.includes('JD')).toBe(!wasReady);
    await replyForm.getByRole('button', { name: 'Svar' }).click();
    await waitFor(async () => (await serverComments()).includes(replyDraft), { what: 'the server has the reply written before the reload' });
    await waitFor(async () => (await card.innerText()).includes(replyDraft), { what: 'the reply shown in the thread' });
    const bodies = await serverComments();
    expect(bodies.filter((body) => body === sentOffline), 'the reply sent offline, once').toHaveLength(1);
    expect(bodies.filter((body) => body === replyDraft), 'the reply written before the reload, once').toHaveLength(1);
    const shown = await card.locator('[data-testid="comment"] .comment__body').allInnerTexts();
    expect(shown.filter((body) => body.trim() === sentOffline), 'shown once').toHaveLength(1);
    expect(shown.filter((body) => body.trim() === replyDraft), 'shown once').toHaveLength(1);
    expect(await replyForm.getByRole('textbox').inputValue(), 'the reply box emptied once sent').toBe('');
    // The comment on the passage stays where it was, unsent.
    expect(await newThread.getByRole('textbox').inputValue()).toBe(passageDraft);
  });

  it('a thread resolved with the network cut moves to the resolved ones at once, says it waits, survives an offline reload, and is resolved for everyone once the network is back', async () => {
    const ud = await server.as('ud');
    const asked = await postJson(ud, `${measureApi(THREE)}/threads`, { body: 'UD spør: er tallene for 2011 endelige?' });
    expect(asked.status).toBe(201);
    const thread = ThreadSchema.parse(await asked.json());
    const jd = await person('jd', { label: 'JD (proxied)', baseUrl: proxy.url });
    const page = jd.page;
    await openMeasure(jd, THREE, { expectText: true });
    await readyForOffline(jd, THREE);
    const card = page.locator(`[data-testid="thread"][data-thread-id="${thread.id}"]`);
    await card.getByTestId('resolve-thread').waitFor({ state: 'visible' });
    /** The card, among the resolved threads (their list opened when it is closed). */
    const resolvedCard = async (): Promise<void> => {
      const resolved = page.getByTestId('resolved-threads');
      await resolved.waitFor({ state: 'visible' });
      if ((await resolved.getAttribute('open')) === null) await resolved.locator('summary').click();
      await resolved.locator(`[data-testid="thread"][data-thread-id="${thread.id}"]`).waitFor({ state: 'visible' });
    };

    proxy.cut();
    await waitFor(async () => (await saveState(page)).kind !== 'saved', { what: 'JD: the save state leaves "Alt er lagret" once the network is cut' });
    await card.getByTestId('resolve-thread').click();
    await resolvedCard();
    const waiting = card.getByTestId('resolve-waiting');
    await waiting.waitFor({ state: 'visible' });
    expect(await waiting.innerText()).toMatch(/^Markert som løst\. (Ikke lagret ennå – sendes når du er tilkoblet|Lagrer …)$/);
    expect(await card.getByTestId('reopen-thread').count(), 'the thread offers to reopen it').toBe(1);
    await waitForSaveState(page, 'Ikke lagret – frakoblet (1 endring venter)', { who: 'JD after resolving' });
    const violations = await runAxe(page);
    expect(violations, formatViolations(violations)).toEqual([]);
    await screenshot(page, 'offline changes - a thread resolved offline');

    await jd.context.setOffline(true);
    await page.reload({ waitUntil: 'load' });
    await resolvedCard();
    expect(await card.getByTestId('resolve-waiting').innerText()).toContain('Markert som løst.');
    expect((await serverThreads(THREE)).find((t) => t.id === thread.id)?.resolved, 'nothing reached the server').toBe(false);

    await jd.context.setOffline(false);
    proxy.restore();
    await waitFor(async () => (await serverThreads(THREE)).find((t) => t.id === thread.id)?.resolved === true, { what: 'the server has the thread resolved', timeoutMs: 30_000 });
    await waitForSaveState(page, 'Alt er lagret', { who: 'JD once the network is back', timeoutMs: 30_000 });
    await waitFor(async () => (await card.getByTestId('resolve-waiting').count()) === 0, { what: 'JD: the waiting note gone once saved' });
    expect(await card.getByTestId('reopen-thread').count(), 'still resolved, as the server has it').toBe(1);
  });

  it('a comment deleted with the network cut is gone at once, says the deletion waits, stays gone after an offline reload, and is deleted on the server once the network is back', async () => {
    const ud = await server.as('ud');
    const asked = await postJson(ud, `${measureApi(THREE)}/threads`, { body: 'UD spør: hvem eier tiltaket i 2012?' });
    expect(asked.status).toBe(201);
    const thread = ThreadSchema.parse(await asked.json());
    const jdTarget = await server.as('jd');
    const replied = ThreadSchema.parse(await (await postJson(jdTarget, `/api/threads/${thread.id}/comments`, { body: 'Svar som skal bort.' })).json());
    const reply = replied.comments.find((comment) => comment.body === 'Svar som skal bort.')!;
    const jd = await person('jd', { label: 'JD (proxied)', baseUrl: proxy.url });
    const page = jd.page;
    await openMeasure(jd, THREE, { expectText: true });
    await readyForOffline(jd, THREE);
    const card = page.locator(`[data-testid="thread"][data-thread-id="${thread.id}"]`);
    const comment = card.locator(`[data-testid="comment"][data-comment-id="${reply.id}"]`);
    await comment.waitFor({ state: 'visible' });

    proxy.cut();
    await waitFor(async () => (await saveState(page)).kind !== 'saved', { what: 'JD: the save state leaves "Alt er lagret" once the network is cut' });
    await comment.getByRole('button', { name: 'Slett' }).click();
    await comment.getByTestId('confirm-delete').getByRole('button', { name: 'Slett' }).click();
    await waitFor(async () => (await comment.count()) === 0, { what: 'JD: the comment gone at once' });
    expect(await card.locator('[data-testid="comment"]').count(), "UD's question stays").toBe(1);
    const waiting = card.getByTestId('delete-waiting');
    await waiting.waitFor({ state: 'visible' });
    expect(await waiting.innerText()).toMatch(/^En kommentar i tråden er slettet\. (Ikke lagret ennå – sendes når du er tilkoblet|Lagrer …)$/);
    await waitForSaveState(page, 'Ikke lagret – frakoblet (1 endring venter)', { who: 'JD after deleting' });
    const violations = await runAxe(page);
    expect(violations, formatViolations(violations)).toEqual([]);

    await jd.context.setOffline(true);
    await page.reload({ waitUntil: 'load' });
    await card.getByTestId('delete-waiting').waitFor({ state: 'visible', timeout: 20_000 });
    expect(await comment.count(), 'still gone after an offline reload').toBe(0);
    const onServer = async (): Promise<string[]> => (await serverThreads(THREE)).find((t) => t.id === thread.id)?.comments.map((c) => c.id) ?? [];
    expect(await onServer(), 'nothing reached the server').toContain(reply.id);

    await jd.context.setOffline(false);
    proxy.restore();
    await waitFor(async () => !(await onServer()).includes(reply.id), { what: 'the server has the comment deleted', timeoutMs: 30_000 });
    await waitForSaveState(page, 'Alt er lagret', { who: 'JD once the network is back', timeoutMs: 30_000 });
    await waitFor(async () => (await card.getByTestId('delete-waiting').count()) === 0, { what: 'JD: the waiting note gone once deleted' });
    expect(await comment.count(), 'gone, as on the server').toBe(0);
    expect(await onServer()).toHaveLength(1);
  });
});
