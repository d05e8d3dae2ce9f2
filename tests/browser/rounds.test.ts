import type { Page } from 'playwright-core';
import { describe, expect, it, onTestFinished } from 'vitest';
import { z } from 'zod';
import * as Y from 'yjs';
import { ComparisonSchema } from '../../shared/compare.js';
import { NARRATIVE_FIELD } from '../../shared/documentLayout.js';
import { MeasureDetailSchema, type MeasureDetail } from '../../shared/measure.js';
import { MeasureSummarySchema } from '../../shared/measureSummary.js';
import { osloDate } from '../../shared/osloTime.js';
import { osloWallTimeToIso } from '../../shared/osloInstant.js';
import { RoundDetailSchema, type RoundDetail } from '../../shared/round.js';
import { SnapshotSummarySchema, type SnapshotSummary } from '../../shared/snapshot.js';
import { SnapshotSchema } from '../../shared/snapshotContent.js';
import { STATUSES } from '../../shared/status.js';
import { ROUND_ID, screenshot, waitForConnection, type Person } from '../helpers/browser.js';
import { browserSuite } from '../helpers/browserSuite.js';
import { connectClient, synced, typeParagraph } from '../helpers/clients.js';
import { api, patchJson } from '../helpers/session.js';
import { waitFor } from '../helpers/waitFor.js';

const DAY_MS = 86_400_000;

/** The Oslo calendar date `days` from now, as a date input takes it. */
const osloDateIn = (days: number): string => osloDate(new Date(Date.now() + days * DAY_MS));

/**
 * The client for rounds, snapshots, export and "what changed": the coordinator's controls and
 * what every signed-in person sees, in real Chromium against the real server.
 */
describe('rounds, snapshots, export and what changed', { timeout: 120_000 }, () => {
  // Deadlines are checked every 100 ms, so a deadline moved into the past freezes at once.
  const { server, person } = browserSuite({ server: { deadlineCheckIntervalMs: 100 } });

  async function json<T>(path: string, parse: (value: unknown) => T, init?: RequestInit): Promise<T> {
    const response = await api(server, path, init);
    expect(response.status, `${init?.method ?? 'GET'} ${path}`).toBeLessThan(300);
    return parse(await response.json());
  }

  const getRound = (roundId: string): Promise<RoundDetail> => json(`/api/rounds/${roundId}`, (v) => RoundDetailSchema.parse(v));
  const getMeasure = (number: number, roundId = ROUND_ID): Promise<MeasureDetail> =>
    json(`/api/rounds/${roundId}/measures/${number}`, (v) => MeasureDetailSchema.parse(v));

  /** A snapshot taken through the API, as the coordinator. */
  const apiSnapshot = (note: string, roundId = ROUND_ID): Promise<SnapshotSummary> =>
    json(`/api/rounds/${roundId}/snapshots`, (v) => SnapshotSummarySchema.parse(v), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ note }),
    });

  /** A new round through the API, as the coordinator. */
  const apiRound = (title: string, deadline: string): Promise<RoundDetail> =>
    json('/api/rounds', (v) => RoundDetailSchema.parse(v), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title, deadline }),
    });

  /** Waits until DS has marked `input` invalid and its description says `text`. */
  async function expectFieldError(page: Page, label: string, text: string): Promise<void> {
    const input = page.getByLabel(label, { exact: true });
    await waitFor(async () => (await input.getAttribute('aria-invalid')) === 'true', { what: `"${label}" marked aria-invalid` });
    const described = await input.evaluate((element) =>
      (element.getAttribute('aria-describedby') ?? '')
        .split(/\s+/)
        .map((id) => document.getElementById(id)?.textContent ?? '')
        .join(' | '),
    );
    expect(described, `what describes "${label}"`).toContain(text);
  }

  /** The ids of the snapshots listed on the snapshots page, in order (newest first). */
  const listedSnapshots = (page: Page): Promise<string[]> =>
    page.$$eval('[data-testid="snapshot"]', (items) => items.map((item) => item.getAttribute('data-snapshot-id') ?? ''));

  /** Waits until every export link answers 200 with the format's content type, with the person's own cookie. */
  async function expectExportsWork(p: Person, links: string, what: string): Promise<string[]> {
    const hrefs = await p.page.$$eval(`${links} a[data-format]`, (anchors) => anchors.map((a) => a.getAttribute('href') ?? ''));
    expect(hrefs.length, `${what}: export links`).toBe(5);
    const types = { docx: 'wordprocessingml', pdf: 'application/pdf', html: 'text/html', md: 'text/markdown', json: 'application/json' };
    for (const href of hrefs) {
      const response = await p.context.request.get(`${p.baseUrl}${href}`);
      const ext = /export\.(docx|pdf|html|md|json)$/.exec(href)?.[1] as keyof typeof types | undefined;
      expect(ext, href).toBeDefined();
      expect(response.status(), href).toBe(200);
      expect(response.headers()['content-type'], href).toContain(types[ext!]);
    }
    return hrefs;
  }

  it('the coordinator creates a round through the UI: field errors at the named field, then the new round with its 35 measures carried over', async () => {
    const p = await person('koordinator');
    await p.page.goto('/runder');
    const table = p.page.getByTestId('rounds-table');
    await table.locator(`tr[data-round="${ROUND_ID}"]`).waitFor();
    const seed = await getRound(ROUND_ID);
    const form = p.page.getByTestId('new-round-form');
    // Content comes from the latest round, and the form says which.
    expect(await p.page.getByTestId('new-round').innerText()).toContain(`«${seed.title}»`);
    expect(await table.locator(`tr[data-round="${ROUND_ID}"] [data-testid="round-state"]`).innerText()).toBe('Åpen');

    // Nothing filled in: both required things are said at their fields, before any request.
    await form.getByLabel('Klokkeslett', { exact: true }).fill('');
    await form.getByRole('button', { name: 'Opprett runde' }).click();
    await expectFieldError(p.page, 'Tittel', 'Skriv en tittel.');
    await expectFieldError(p.page, 'Dato', 'Velg både dato og klokkeslett for fristen.');
    await expectFieldError(p.page, 'Klokkeslett', 'Velg både dato og klokkeslett for fristen.');
    await waitFor(() => p.page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name === 'title'), {
      what: 'focus on the first field with a problem',
    });

    const title = `Statusrapport ${osloDateIn(90)}`;
    const date = osloDateIn(90);
    await form.getByLabel('Tittel', { exact: true }).fill(title);
    await form.getByLabel('Dato', { exact: true }).fill(date);
    await form.getByLabel('Klokkeslett', { exact: true }).fill('12:00');
    await form.getByLabel('Innledning', { exact: true }).fill('Regjeringen rapporterer igjen.');
    // The seeded round is still open: the form asks what becomes of it.
    await form.getByRole('radio', { name: 'La den være åpen til fristen' }).check();
    // An id that is taken: the server's 409 names the field, and the message stands there.
    await form.getByLabel('Kortnavn i adressen (valgfritt)', { exact: true }).fill(ROUND_ID);
    await form.getByRole('button', { name: 'Opprett runde' }).click();
    await expectFieldError(p.page, 'Kortnavn i adressen (valgfritt)', 'Det finnes allerede en runde med dette kortnavnet.');
    expect(p.page.url()).toMatch(/\/runder$/);

    await form.getByLabel('Kortnavn i adressen (valgfritt)', { exact: true }).fill('');
    await form.getByRole('button', { name: 'Opprett runde' }).click();
    await waitFor(() => /\/runder\/[a-z0-9-]+$/.test(new URL(p.page.url()).pathname), { what: 'the new round\'s overview' });
    const roundId = new URL(p.page.url()).pathname.split('/')[2] ?? '';
    await waitFor(async () => (await p.page.locator('table[data-testid="measures-table"] tr[data-measure]').count()) === 35, {
      what: 'the new round\'s overview lists 35 measures',
    });
    // The round itself is read over HTTP apart from the measures' stream: its title may come later.
    await waitFor(async () => (await p.page.locator('h1').innerText()) === title, { what: 'the new round\'s title as the heading' });
    await screenshot(p.page, 'rounds - new round overview');

    const created = await getRound(roundId);
    expect(created).toMatchObject({
      title,
      state: 'open',
      previousRoundId: ROUND_ID,
      measureCount: 35,
      intro: 'Regjeringen rapporterer igjen.',
      deadline: osloWallTimeToIso(date, '12:00'),
    });
    const measures = await json(`/api/rounds/${roundId}/measures`, (v) => z.array(MeasureSummarySchema).parse(v));
    expect(measures.map((m) => m.carriedOver)).toEqual(Array(35).fill(true));
    // Carried over: the seed's statuses and narratives.
    const seedMeasures = await json(`/api/rounds/${ROUND_ID}/measures`, (v) => z.array(MeasureSummarySchema).parse(v));
    expect(measures.map((m) => m.status)).toEqual(seedMeasures.map((m) => m.status));
    expect((await getMeasure(1, roundId)).narrative).toBe((await getMeasure(1)).narrative);

    // The list of rounds has it, with the round it came from.
    await p.page.getByRole('navigation', { name: 'Navigasjon' }).getByRole('link', { name: 'Alle runder' }).click();
    const row = p.page.locator(`tr[data-round="${roundId}"]`);
    await row.waitFor();
    expect(await row.innerText()).toContain(seed.title);
  });

  it('the coordinator takes a snapshot with a note through the UI; it shows at once in the list, and live for an editor', async () => {
    const jd = await person('jd');
    await jd.page.goto(`/runder/${ROUND_ID}/oyeblikksbilder`);
    await jd.page.getByTestId('draft-export').waitFor();
    await waitForConnection(jd.page, 'connected', { who: 'jd' });
    const before = await listedSnapshots(jd.page);
    // An editor may look and export, not take one.
    expect(await jd.page.getByTestId('take-snapshot-form').count()).toBe(0);

    const coordinator = await person('koordinator');
    await coordinator.page.goto(`/runder/${ROUND_ID}/oyeblikksbilder`);
    await waitForConnection(coordinator.page, 'connected', { who: 'koordinator' });
    const note = `Før møtet i KOM ${Date.now()}`;
    const form = coordinator.page.getByTestId('take-snapshot-form');
    await form.getByLabel('Merknad (valgfritt)', { exact: true }).fill(note);
    await form.getByRole('button', { name: 'Ta øyeblikksbilde' }).click();
    const taken = coordinator.page.getByTestId('snapshot-taken');
    await taken.waitFor();
    const id = (await taken.getAttribute('data-snapshot-id')) ?? '';
    expect(id).not.toBe('');

    const stored = await json(`/api/snapshots/${id}`, (v) => SnapshotSchema.parse(v));
    expect(stored).toMatchObject({ roundId: ROUND_ID, reason: 'manual', note, takenBy: { username: 'koordinator' } });

    for (const [who, page] of [
      ['koordinator', coordinator.page],
      ['jd (live, no reload)', jd.page],
    ] as const) {
      const item = page.locator(`[data-testid="snapshot"][data-snapshot-id="${id}"]`);
      await item.waitFor({ timeout: 10_000 });
      expect((await listedSnapshots(page))[0], `${who}: the newest snapshot is first`).toBe(id);
      expect(await item.getByTestId('snapshot-reason').innerText(), who).toBe(`Tatt manuelt av ${stored.takenBy?.name ?? ''}`);
      expect(await item.getByTestId('snapshot-note').innerText(), who).toBe(note);
      expect(await item.getByTestId('snapshot-sha').innerText(), who).toBe(stored.sha256.slice(0, 12));
      expect(await item.getByTestId('snapshot-sha').getAttribute('title'), who).toBe(stored.sha256);
    }
    expect(await listedSnapshots(jd.page)).toEqual([id, ...before]);
    await screenshot(jd.page, 'rounds - snapshots live for jd');

    // Every export link of the snapshot and of the draft works with the editor's own session.
    const item = `[data-testid="snapshot"][data-snapshot-id="${id}"]`;
    const hrefs = await expectExportsWork(jd, item, 'snapshot');
    expect(hrefs).toEqual(['docx', 'pdf', 'html', 'md', 'json'].map((ext) => `/api/snapshots/${id}/export.${ext}`));
    // HTML opens in a tab of its own: the report never replaces the app.
    const html = jd.page.locator(`${item} a[data-format="html"]`);
    expect(await html.getAttribute('target')).toBe('_blank');
    expect(await html.innerText()).toContain('(åpnes i ny fane)');
    const [tab] = await Promise.all([jd.context.waitForEvent('page'), html.click()]);
    await tab.waitForLoadState();
    expect(new URL(tab.url()).pathname).toBe(`/api/snapshots/${id}/export.html`);
    expect(new URL(jd.page.url()).pathname).toBe(`/runder/${ROUND_ID}/oyeblikksbilder`);
    await tab.close();
    const draft = await expectExportsWork(jd, '[data-testid="draft-export"]', 'draft');
    expect(draft).toEqual(['docx', 'pdf', 'html', 'md', 'json'].map((ext) => `/api/rounds/${ROUND_ID}/export.${ext}`));
    expect(await jd.page.locator(`${item} [data-testid="compare-with-now"]`).getAttribute('href')).toBe(
      `/runder/${ROUND_ID}/endringer?fra=${id}&til=live`,
    );
  });

  it('the snapshot viewer shows the frozen report in its layout: 35 sections, the summary table, formatting, safe links, SHA-256 and why', async () => {
    // Measure 6 gets a heading, bold text, a link and a link no browser should follow.
    const writer = connectClient(server, `${ROUND_ID}.6`);
    onTestFinished(() => writer.destroy());
    await synced(writer);
    writer.doc.transact(() => {
      const fragment = writer.doc.getXmlFragment(NARRATIVE_FIELD);
      const heading = new Y.XmlElement('heading');
      heading.setAttribute('level', 2 as unknown as string);
      const paragraph = new Y.XmlElement('paragraph');
      fragment.insert(fragment.length, [heading, paragraph]);
      const headingText = new Y.XmlText();
      heading.insert(0, [headingText]);
      headingText.insert(0, 'Overskrift i teksten');
      const text = new Y.XmlText();
      paragraph.insert(0, [text]);
      text.insert(0, 'Vanlig, ');
      text.insert(text.length, 'fet', { bold: {} });
      // Plain text says so: an insert without attributes would continue the mark before it.
      text.insert(text.length, ', ', {});
      text.insert(text.length, 'lenke', { link: { href: 'https://www.regjeringen.no/' } });
      text.insert(text.length, ' og ', {});
      text.insert(text.length, 'farlig lenke', { link: { href: 'javascript:alert(1)' } });
      text.insert(text.length, '.', {});
    });
    await waitFor(async () => (await getMeasure(6)).narrative.includes('farlig lenke'), { what: 'measure 6 stored' });
    const note = `Til visning ${Date.now()}`;
    const snapshot = await apiSnapshot(note);
    const full = await json(`/api/snapshots/${snapshot.id}`, (v) => SnapshotSchema.parse(v));

    const p = await person('jd');
    const scripts: string[] = [];
    p.page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(request.url());
    });
    await p.page.goto(`/runder/${ROUND_ID}/oyeblikksbilder`);
    await p.page.locator(`[data-testid="snapshot"][data-snapshot-id="${snapshot.id}"] [data-testid="open-snapshot"]`).click();
    const view = p.page.getByTestId('snapshot-view');
    await view.waitFor();
    expect(new URL(p.page.url()).pathname).toBe(`/oyeblikksbilder/${snapshot.id}`);

    const sections = view.locator('section[data-measure]');
    await waitFor(async () => (await sections.count()) === 35, { what: '35 measure sections' });
    expect(await sections.evaluateAll((list) => list.map((s) => Number(s.getAttribute('data-measure'))))).toEqual(
      Array.from({ length: 35 }, (_, i) => i + 1),
    );
    expect(await view.locator('[data-testid="snapshot-summary"] tbody tr').count()).toBe(35);
    expect(await view.locator('h1').innerText()).toBe(full.content.round.reportTitle);

    // When, why, the note and the whole SHA-256.
    const facts = view.getByTestId('snapshot-facts');
    expect(await facts.getByTestId('snapshot-sha').innerText()).toBe(snapshot.sha256);
    expect(await facts.getByTestId('snapshot-reason').innerText()).toBe('Tatt manuelt av Koordinator');
    expect(await facts.getByTestId('snapshot-note').innerText()).toBe(note);

    // Each section as the report writes it: "N Title (MINISTRIES)", "Status: X", the narrative.
    for (const measure of full.content.measures.filter((m) => [1, 10, 34].includes(m.number))) {
      const section = view.locator(`section[data-measure="${measure.number}"]`);
      expect(await section.locator('h2').innerText()).toBe(`${measure.number} ${measure.title} (${measure.ministries.join(', ')})`);
      expect(await section.getByTestId('measure-status').innerText()).toBe(`Status: ${measure.status}`);
    }
    // Measure 34 has no section in the 2012 report: said so, not dropped.
    expect(await view.locator('section[data-measure="34"]').innerText()).toContain('Ingen rapportering for dette tiltaket.');
    expect(await view.locator('section[data-measure="1"] .report__narrative').innerText()).toContain(
      (await getMeasure(1)).narrative.slice(0, 40),
    );

    const six = view.locator('section[data-measure="6"]');
    expect(await six.locator('h3').innerText()).toBe('Overskrift i teksten');
    expect(await six.locator('.report__narrative strong').allInnerTexts()).toEqual(['fet']);
    // The link typed in the editor, and the addresses the importer made links; never the unsafe one.
    const links = await six.locator('.report__narrative a').evaluateAll((found) => found.map((a) => [a.getAttribute('href') ?? '', a.textContent ?? '']));
    expect(links).toContainEqual(['https://www.regjeringen.no/', 'lenke']);
    for (const [href] of links) expect(href).toMatch(/^(https?:|mailto:)/);
    expect(links.map(([, text]) => text)).not.toContain('farlig lenke');
    expect(await six.innerText()).toContain('og farlig lenke.');

    // Read-only, without the editor: neither Tiptap nor Yjs were loaded for this page.
    expect(scripts.filter((url) => /MeasurePage/.test(url))).toEqual([]);
    expect(await p.page.evaluate(() => document.querySelector('.ProseMirror, [contenteditable="true"]') === null)).toBe(true);
    await screenshot(p.page, 'rounds - snapshot viewer');
  });

  it('"what changed" from a snapshot to now shows the status change and the inserted sentence as added', async () => {
    const number = 5;
    const snapshot = await apiSnapshot(`Før endringene ${Date.now()}`);
    const before = await getMeasure(number);
    const after = STATUSES.find((s) => s !== before.status)!;
    expect((await patchJson(server, `/api/rounds/${ROUND_ID}/measures/${number}`, { status: after })).status).toBe(200);
    const sentence = `Departementet har fulgt opp saken i ${Date.now()}.`;
    const writer = connectClient(server, `${ROUND_ID}.${number}`);
    onTestFinished(() => writer.destroy());
    await synced(writer);
    typeParagraph(writer, sentence);
    await waitFor(async () => (await getMeasure(number)).narrative.includes(sentence), { what: 'the sentence stored' });

    const p = await person('koordinator');
    await p.page.goto(`/runder/${ROUND_ID}/oyeblikksbilder`);
    await p.page.locator(`[data-testid="snapshot"][data-snapshot-id="${snapshot.id}"] [data-testid="compare-with-now"]`).click();
    const comparison = p.page.getByTestId('comparison');
    await comparison.waitFor();
    const url = new URL(p.page.url());
    expect(url.pathname).toBe(`/runder/${ROUND_ID}/endringer`);
    expect(Object.fromEntries(url.searchParams)).toEqual({ fra: snapshot.id, til: 'live' });
    expect(await p.page.getByTestId('compare-from').inputValue()).toBe(snapshot.id);
    expect(await p.page.getByTestId('compare-to').inputValue()).toBe('live');

    // Only the changed measure, by default.
    const shown = (): Promise<number[]> =>
      p.page.$$eval('[data-testid="measure-change"]', (list) => list.map((s) => Number(s.getAttribute('data-measure'))));
    expect(await shown()).toEqual([number]);
    expect(await p.page.getByTestId('changed-count').innerText()).toBe('1 av 35 tiltak er endret.');

    const change = comparison.locator(`[data-testid="measure-change"][data-measure="${number}"]`);
    const status = change.getByTestId('status-change');
    expect(await status.getAttribute('data-before')).toBe(before.status);
    expect(await status.getAttribute('data-after')).toBe(after);
    const statusText = await status.evaluate((element) =>
      Array.from(element.childNodes)
        .filter((node) => !(node instanceof HTMLElement && node.classList.contains('visually-hidden')))
        .map((node) => node.textContent)
        .join(''),
    );
    expect(statusText).toBe(`Status: ${before.status} → ${after}`);

    // The sentence is inserted: <ins>, underlined (not colour alone), and "lagt til" for screen readers.
    const inserted = change.locator('ins');
    expect(await inserted.count()).toBe(1);
    // The word diff pairs the old last full stop with the new one, so the insertion is
    // ".\n\nDepartementet ... <n>" followed by the unchanged ".".
    const visible = await inserted.evaluate((element) =>
      Array.from(element.childNodes)
        .filter((node) => !(node instanceof HTMLElement && node.classList.contains('visually-hidden')))
        .map((node) => node.textContent)
        .join(''),
    );
    expect(visible).toContain(sentence.slice(0, -1));
    expect(await inserted.locator('.visually-hidden').first().textContent()).toBe('lagt til: ');
    expect(await inserted.evaluate((element) => getComputedStyle(element).textDecorationLine)).toContain('underline');
    expect(await change.locator('del').count()).toBe(0);
    await screenshot(p.page, 'rounds - what changed');

    // Every measure, changed or not, with the switch off.
    await p.page.getByLabel('Vis bare endrede tiltak').uncheck();
    await waitFor(async () => (await shown()).length === 35, { what: 'all 35 measures shown' });

    // The same comparison as JSON, at the link's address.
    const href = (await p.page.getByTestId('comparison-json').getAttribute('href')) ?? '';
    expect(href).toBe(`/api/rounds/${ROUND_ID}/compare?from=${snapshot.id}`);
    const response = await p.context.request.get(`${p.baseUrl}${href}`);
    expect(response.status()).toBe(200);
    const data = ComparisonSchema.parse(await response.json());
    expect(data.measures.filter((m) => m.changed).map((m) => m.number)).toEqual([number]);
  });

  it('round settings: the coordinator moves the deadline; the round freezes live, is reopened after a confirmation, and the deadline snapshot is listed', async () => {
    const round = await apiRound(`Innstillinger ${Date.now()}`, `${osloDateIn(30)}T12:00`);
    const p = await person('koordinator');
    await p.page.goto(`/runder/${round.id}/innstillinger`);
    const form = p.page.getByTestId('round-form');
    await form.waitFor();
    await waitForConnection(p.page, 'connected', { who: 'koordinator' });
    const stateLine = p.page.getByTestId('round-state-line');
    expect(await stateLine.getAttribute('data-state')).toBe('open');
    expect(await form.getByLabel('Dato', { exact: true }).inputValue()).toBe(osloDateIn(30));
    expect(await form.getByLabel('Klokkeslett', { exact: true }).inputValue()).toBe('12:00');

    // A later deadline, saved as Oslo wall time.
    await form.getByLabel('Dato', { exact: true }).fill(osloDateIn(45));
    await form.getByLabel('Klokkeslett', { exact: true }).fill('15:30');
    await form.getByRole('button', { name: 'Lagre endringene' }).click();
    await waitFor(async () => (await p.page.getByTestId('round-saved').innerText()) === 'Endringene er lagret.', { what: 'saved' });
    expect((await getRound(round.id)).deadline).toBe(osloWallTimeToIso(osloDateIn(45), '15:30'));

    // A deadline in the past: the server freezes the round, and the page shows it without reload.
    await form.getByLabel('Dato', { exact: true }).fill(osloDateIn(-1));
    await form.getByRole('button', { name: 'Lagre endringene' }).click();
    await waitFor(async () => (await stateLine.getAttribute('data-state')) === 'frozen', { what: 'the round shown frozen' });
    expect((await getRound(round.id)).state).toBe('frozen');

    // Reopening asks first; cancelling changes nothing.
    await p.page.getByTestId('reopen').click();
    const dialog = p.page.getByTestId('reopen-confirm');
    await dialog.waitFor({ state: 'visible' });
    await dialog.getByRole('button', { name: 'Avbryt' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect((await getRound(round.id)).state).toBe('frozen');
    await p.page.getByTestId('reopen').click();
    await dialog.waitFor({ state: 'visible' });
    await dialog.getByRole('button', { name: 'Gjenåpne', exact: true }).click();
    await waitFor(async () => (await stateLine.getAttribute('data-state')) === 'open', { what: 'the round shown open again' });
    expect((await getRound(round.id)).state).toBe('open');
    expect(await p.page.getByTestId('reopen-round').count()).toBe(0);

    // The deadline's snapshot, said in words.
    await p.page.getByRole('navigation', { name: 'Navigasjon' }).getByRole('link', { name: 'Øyeblikksbilder' }).click();
    const item = p.page.locator('[data-testid="snapshot"][data-reason="deadline"]');
    await item.waitFor();
    expect(await item.getByTestId('snapshot-reason').innerText()).toBe('Ved fristen');
  });

  it('an editor sees rounds, snapshots and changes, but none of the coordinator\'s controls', async () => {
    const p = await person('jd');
    await p.page.goto('/runder');
    await p.page.getByTestId('rounds-table').locator(`tr[data-round="${ROUND_ID}"]`).waitFor();
    const nav = p.page.getByRole('navigation', { name: 'Navigasjon' });
    expect(await p.page.getByTestId('new-round').count()).toBe(0);
    expect(await p.page.getByRole('link', { name: 'Innstillinger', exact: true }).count()).toBe(0);

    await p.page.goto(`/runder/${ROUND_ID}`);
    await nav.getByRole('link', { name: 'Øyeblikksbilder' }).waitFor();
    expect(await nav.getByRole('link').allInnerTexts()).toEqual(['Alle runder', 'Tiltaksoversikt', 'Øyeblikksbilder', 'Hva er endret']);

    await p.page.goto(`/runder/${ROUND_ID}/innstillinger`);
    await p.page.getByTestId('coordinator-only').waitFor();
    for (const control of ['round-form', 'take-snapshot-form', 'reopen-round']) {
      expect(await p.page.getByTestId(control).count(), control).toBe(0);
    }
    await nav.getByRole('link', { name: 'Øyeblikksbilder' }).click();
    await p.page.getByTestId('draft-export').waitFor();
    expect(await p.page.getByTestId('take-snapshot-form').count()).toBe(0);
    // And the server would refuse anyway.
    const jd = await server.as('jd');
    const refused = await api(jd, `/api/rounds/${ROUND_ID}/snapshots`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(refused.status).toBe(403);
  });

  it('"what changed" shows a corrected plan text word by word, and does not call it formatting', async () => {
    const number = 7;
    const snapshot = await apiSnapshot(`Før planteksten ${Date.now()}`);
    const before = await getMeasure(number);
    const corrected = `${before.planText} Tilføyd av sekretariatet.`;
    expect((await patchJson(server, `/api/rounds/${ROUND_ID}/measures/${number}`, { planText: corrected })).status).toBe(200);

    const p = await person('koordinator');
    await p.page.goto(`/runder/${ROUND_ID}/endringer?fra=${snapshot.id}&til=live`);
    const change = p.page.locator(`[data-testid="measure-change"][data-measure="${number}"]`);
    await change.waitFor();
    const plan = change.getByTestId('plan-text-change');
    expect(await plan.locator('ins').innerText()).toContain('Tilføyd av sekretariatet');
    expect(await plan.locator('del').count()).toBe(0);
    expect(await change.innerText()).toContain('Teksten er uendret.');
    expect(await change.innerText()).not.toContain('bare formatering');
  });
});
