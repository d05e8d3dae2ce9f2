import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { SnapshotSummarySchema, type SnapshotSummary } from '../../shared/snapshot.js';
import {
  ROUND_ID,
  editorText,
  focusEditorEnd,
  formatViolations,
  measurePath,
  openMeasure,
  runAxe,
  screenshot,
  waitForConnection,
  waitForEditorText,
  type Person,
} from '../helpers/browser.js';
import { browserSuite } from '../helpers/browserSuite.js';
import { versionsOf } from '../helpers/history.js';
import { addPeople } from '../helpers/notifications.js';
import { api } from '../helpers/session.js';
import { waitFor } from '../helpers/waitFor.js';

/** JD's measure (the 2012 report: "14 ... (JD)"); the coordinator may write it too, HOD may not. */
const MEASURE = 14;
const BY_JD = 'Historikken husker at JD skrev dette.';
const BY_COORDINATOR = 'Koordinatoren la til denne setningen.';

/** Types a paragraph at the end of the narrative and waits until the server has it. */
async function typeAtEnd(person: Person, text: string): Promise<void> {
  await focusEditorEnd(person.page);
  await person.page.keyboard.press('Enter');
  await person.page.keyboard.type(text);
  await waitForEditorText(person.page, (now) => now.includes(text), { what: `${person.label}: "${text}" in the editor` });
  await waitForConnection(person.page, 'connected', { unsynced: false, who: person.label });
}

/** The history entries shown: kind, author's username and the words beside the name. */
async function shownEntries(page: Page): Promise<{ id: string; kind: string; author: string; text: string }[]> {
  return page.$$eval('[data-testid="history-entry"]', (items) =>
    items.map((item) => ({
      id: item.getAttribute('data-entry-id') ?? '',
      kind: item.getAttribute('data-kind') ?? '',
      author: item.getAttribute('data-author') ?? '',
      text: (item.querySelector('.history__what')?.textContent ?? '').replace(/\s+/g, ' ').trim(),
    })),
  );
}

/** Opens the *Historikk* panel and waits until it lists a narrative version by each of `authors`. */
async function openHistory(person: Person, authors: string[]): Promise<void> {
  await person.page.getByTestId('history-toggle').click();
  await person.page.getByTestId('history-panel').waitFor({ state: 'visible' });
  let seen: Awaited<ReturnType<typeof shownEntries>> = [];
  await waitFor(
    async () => {
      seen = await shownEntries(person.page);
      return authors.every((author) => seen.some((entry) => entry.author === author && entry.kind === 'narrative'));
    },
    { what: `${person.label}: versions by ${authors.join(', ')} in the history`, timeoutMs: 15_000 },
  ).catch((error: Error) => {
    throw new Error(`${error.message}; shown ${JSON.stringify(seen)}`);
  });
}

/** Waits until the open panel lists something. */
async function openHistoryListed(person: Person): Promise<void> {
  await waitFor(async () => (await shownEntries(person.page)).length > 0, { what: `${person.label}: the history listed` });
}

/** Opens the newest narrative version by `author` and waits for its text. */
async function openVersionBy(page: Page, author: string): Promise<void> {
  const entry = page.locator(`[data-testid="history-entry"][data-kind="narrative"][data-author="${author}"]`).first();
  await entry.getByTestId('history-show').click();
  await entry.getByTestId('version-text').waitFor({ state: 'visible' });
}

describe('a measure’s history and who wrote what (browser)', { timeout: 120_000 }, () => {
  const { server, person } = browserSuite();
  let snapshot: SnapshotSummary;

  beforeAll(async () => {
    await addPeople(server, [{ username: 'lise', name: 'Lise Leser', role: 'reader' }]);
    const response = await api(server, `/api/rounds/${ROUND_ID}/snapshots`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ note: 'Før historikktesten' }),
    });
    expect(response.status).toBe(201);
    snapshot = SnapshotSummarySchema.parse(await response.json());
  });

  it('two people edit: the history names both, a version shows its text and its diff against now, and the editor restores it', async () => {
    const jd = await person('jd');
    await openMeasure(jd, MEASURE, { expectText: true });
    await typeAtEnd(jd, BY_JD);
    const coordinator = await person('koordinator');
    await openMeasure(coordinator, MEASURE, { expectText: true });
    await typeAtEnd(coordinator, BY_COORDINATOR);
    await waitForEditorText(jd.page, (text) => text.includes(BY_COORDINATOR), { what: 'jd sees the coordinator’s sentence' });

    await openHistory(jd, ['jd', 'koordinator']);
    const entries = await shownEntries(jd.page);
    expect(entries.find((e) => e.author === 'jd')?.text).toContain('Redaktør JD (JD)');
    expect(entries.find((e) => e.author === 'koordinator')?.text).toContain('Koordinator');
    expect(entries.at(-1)).toMatchObject({ kind: 'imported', author: '' });
    // Words added, for the eye and the ear.
    const words = jd.page.locator('[data-testid="history-entry"][data-author="jd"] [data-testid="history-words"]').first();
    expect(await words.getAttribute('data-added')).toBe(String(BY_JD.split(' ').length));
    expect(await words.innerText()).toMatch(/\+\d+ \/ −0 ord/);

    await openVersionBy(jd.page, 'jd');
    const version = jd.page.getByTestId('history-version');
    // Focus moves to the version's heading.
    await waitFor(() => jd.page.evaluate(() => document.activeElement?.closest('[data-testid="history-version"]') !== null && document.activeElement?.tagName === 'H3'), {
      what: 'focus on the version’s heading',
    });
    const then = await version.getByTestId('version-text').innerText();
    expect(then).toContain(BY_JD);
    expect(then).not.toContain(BY_COORDINATOR);
    const added = await version.locator('[data-testid="version-diff"] ins').allInnerTexts();
    // Word by word: the sentence is added (its full stop may stand as a change of its own).
    expect(added.join(' ')).toContain(BY_COORDINATOR.slice(0, -1));

    let violations = await runAxe(jd.page);
    await screenshot(jd.page, 'history - version open');
    expect(violations, formatViolations(violations)).toEqual([]);

    // Restore, confirmed: the coordinator's sentence goes, for both, as a new edit by JD.
    await version.getByTestId('history-restore').click();
    const dialog = jd.page.getByTestId('restore-confirm');
    await dialog.waitFor({ state: 'visible' });
    // Colours are measured once the dialog has faded in.
    await waitFor(() => dialog.evaluate((element) => element.getAnimations({ subtree: true }).length === 0), { what: 'the dialog’s opening animation done' });
    await waitFor(() => jd.page.evaluate(() => document.activeElement?.closest('[data-testid="restore-confirm"]') !== null && document.activeElement?.textContent === 'Avbryt'), {
      what: 'focus on Avbryt in the dialog',
    });
    violations = await runAxe(jd.page);
    expect(violations, formatViolations(violations)).toEqual([]);
    await dialog.getByTestId('restore-confirmed').click();
    await waitFor(async () => (await jd.page.getByTestId('history-status').innerText()).startsWith('Gjenopprettet'), { what: '"Gjenopprettet" in the status region' });
    for (const who of [jd, coordinator]) {
      await waitForEditorText(who.page, (text) => text.includes(BY_JD) && !text.includes(BY_COORDINATOR), { what: `${who.label}: the restored text` });
    }
    await waitFor(async () => (await shownEntries(jd.page)).some((e) => e.kind === 'restore' && e.author === 'jd' && e.text.includes('Gjenopprettet versjonen fra')), {
      what: 'the restore in the list, naming the version it brought back',
    });
    const restored = (await versionsOf(server, ROUND_ID, MEASURE)).find((v) => v.kind === 'restore');
    expect(restored?.author?.username).toBe('jd');
    // The coordinator, who had the page open, goes on writing without a reload; JD sees it.
    const after = 'Skrevet etter gjenopprettingen.';
    await typeAtEnd(coordinator, after);
    await waitForEditorText(jd.page, (text) => text.includes(after) && text.includes(BY_JD), { what: 'jd sees what the coordinator wrote after the restore' });

    // Closing the version gives focus back to its button.
    await version.getByTestId('history-close').click();
    await waitFor(() => jd.page.evaluate(() => document.activeElement?.getAttribute('data-testid') === 'history-show'), { what: 'focus back on "Vis"' });
  });

  it('a reader and an editor of another ministry can open versions but get no Gjenopprett', async () => {
    for (const username of ['hod', 'lise']) {
      const p = await person(username);
      await openMeasure(p, MEASURE, { expectText: true });
      await openHistory(p, ['jd']);
      await openVersionBy(p.page, 'jd');
      expect(await p.page.getByTestId('history-restore').count(), `${username} sees no Gjenopprett`).toBe(0);
      if (username === 'hod') {
        let violations = await runAxe(p.page);
        await screenshot(p.page, 'history - read-only version');
        expect(violations, formatViolations(violations)).toEqual([]);
        // On a phone the panel and the version fit the window.
        await p.page.setViewportSize({ width: 390, height: 844 });
        await waitFor(() => p.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), { what: 'no sideways panning at 390 px' });
        violations = await runAxe(p.page);
        await screenshot(p.page, 'history - read-only version, phone');
        expect(violations, formatViolations(violations)).toEqual([]);
      }
    }
  });

  it('works by keyboard alone: open the history, a version, the confirmation, and back', async () => {
    const coordinator = await person('koordinator');
    await openMeasure(coordinator, MEASURE, { expectText: true });
    const page = coordinator.page;
    const focused = (): Promise<string | null> => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName ?? null);
    await page.getByTestId('history-toggle').focus();
    await page.keyboard.press('Enter');
    expect(await page.getByTestId('history-toggle').getAttribute('aria-expanded')).toBe('true');
    await openHistoryListed(coordinator);
    // Tab reaches the first version's "Vis"; Enter opens it and focus goes to its heading.
    await waitFor(
      async () => {
        await page.keyboard.press('Tab');
        return (await focused()) === 'history-show';
      },
      { what: 'Tab reaches "Vis"', timeoutMs: 5_000 },
    );
    await page.keyboard.press('Enter');
    await waitFor(async () => (await focused()) === 'H3', { what: 'focus on the version’s heading' });
    await waitFor(
      async () => {
        await page.keyboard.press('Tab');
        return (await focused()) === 'history-restore';
      },
      { what: 'Tab reaches "Gjenopprett"', timeoutMs: 5_000 },
    );
    await page.keyboard.press('Enter');
    await page.getByTestId('restore-confirm').waitFor({ state: 'visible' });
    await waitFor(async () => (await page.evaluate(() => document.activeElement?.textContent)) === 'Avbryt', { what: 'focus on Avbryt' });
    // Escape leaves the text as it is and gives focus back to Gjenopprett.
    const before = await editorText(page);
    await page.keyboard.press('Escape');
    await page.getByTestId('restore-confirm').waitFor({ state: 'hidden' });
    await waitFor(async () => (await focused()) === 'history-restore', { what: 'focus back on Gjenopprett' });
    expect(await editorText(page)).toBe(before);
  });

  it('"Vis hvem som skrev hva" names the writers and tints their text, without changing the document', async () => {
    const jd = await person('jd');
    await openMeasure(jd, MEASURE, { expectText: true });
    const before = await editorText(jd.page);
    await jd.page.getByText('Vis hvem som skrev hva').click();
    const legend = jd.page.getByTestId('authorship-legend');
    await legend.waitFor({ state: 'visible' });
    await waitFor(async () => (await legend.innerText()).includes('Redaktør JD (JD)'), { what: 'JD in the legend' });
    expect(await legend.innerText()).toContain('Den importerte rapporten');
    // Without colour or pointer: the text in order, each part with its writer in words.
    await legend.getByText('Les teksten etter hvem som skrev den').click();
    await waitFor(
      async () => (await legend.locator('[data-testid="authorship-passages"] li[data-author="jd"]').allInnerTexts()).some((line) => line.includes(`Redaktør JD (JD): «${BY_JD}`)),
      { what: 'JD’s sentence in the list of passages' },
    );
    // JD's sentence is painted as JD's, named in its tooltip.
    const painted = await waitFor(
      () =>
        jd.page.evaluate((sentence) => {
          const spans = Array.from(document.querySelectorAll('[data-testid="narrative-editor"] .authored[data-author="jd"]'));
          const text = spans.map((span) => span.textContent ?? '').join('');
          return text.includes(sentence) ? { title: spans[0]?.getAttribute('title') ?? '', classes: spans[0]?.className ?? '' } : undefined;
        }, BY_JD),
      { what: 'JD’s sentence painted as JD’s' },
    );
    expect(painted.title).toBe('Skrevet av Redaktør JD (JD)');
    expect(painted.classes).toContain('authored--jd');
    expect(await editorText(jd.page)).toBe(before);

    // New text is painted too, as the writer's own.
    const more = 'Og enda en setning fra JD.';
    await typeAtEnd(jd, more);
    await waitFor(
      () =>
        jd.page.evaluate(
          (sentence) => Array.from(document.querySelectorAll('.authored[data-author="jd"]')).some((span) => (span.textContent ?? '').includes(sentence)),
          more,
        ),
      { what: 'the new sentence painted as JD’s' },
    );
    const violations = await runAxe(jd.page);
    await screenshot(jd.page, 'history - who wrote what');
    expect(violations, formatViolations(violations)).toEqual([]);

    // Off again: no paint left, and undo still takes back one's own typing (adding and removing
    // the paint reconfigures the editor; the undo history must live through it).
    await jd.page.getByText('Vis hvem som skrev hva').click();
    await waitFor(async () => (await jd.page.locator('[data-testid="narrative-editor"] .authored').count()) === 0, { what: 'the paint gone' });
    await jd.page.locator('[data-testid="narrative-editor"] .ProseMirror').focus();
    await jd.page.keyboard.press('Control+z');
    await waitForEditorText(jd.page, (text) => !text.includes(more) && text.includes(BY_JD), { what: 'undo takes back the sentence typed while painted' });
  });

  it('the compare page says who changed a measure and when', async () => {
    const coordinator = await person('koordinator');
    await coordinator.page.goto(`/runder/${ROUND_ID}/endringer?fra=${snapshot.id}&til=live`);
    const change = coordinator.page.locator(`[data-testid="measure-change"][data-measure="${MEASURE}"]`);
    await change.waitFor({ state: 'visible' });
    const authors = await change.locator('[data-testid="change-author"]').evaluateAll((items) =>
      items.map((item) => ({ author: item.getAttribute('data-author'), kind: item.getAttribute('data-kind'), text: item.textContent ?? '' })),
    );
    expect(authors.map((a) => a.author)).toEqual(expect.arrayContaining(['jd', 'koordinator']));
    expect(authors.find((a) => a.author === 'koordinator')?.text).toMatch(/Koordinator: tekst, \d/);
    const violations = await runAxe(coordinator.page);
    expect(violations, formatViolations(violations)).toEqual([]);
  });

  it('in the next round, text carried over is marked "fra forrige runde", with its writer', async () => {
    const created = await api(server, '/api/rounds', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Statusrapport februar 2013', deadline: '2030-02-28T12:00' }),
    });
    expect(created.status).toBe(201);
    const { id } = RoundIdOnly.parse(await created.json());
    const jd = await person('jd');
    await jd.page.goto(measurePath(MEASURE, id));
    await waitForEditorText(jd.page, (text) => text.includes(BY_JD), { what: 'the carried-over narrative' });
    await jd.page.getByText('Vis hvem som skrev hva').click();
    const carried = jd.page.locator('[data-testid="authorship-writer"][data-author="jd"][data-carried-over="true"]');
    await carried.waitFor({ state: 'visible' });
    expect(await carried.innerText()).toContain('fra forrige runde');
    const title = await waitFor(
      () =>
        jd.page.evaluate(() => document.querySelector('[data-testid="narrative-editor"] .authored--carried[data-author="jd"]')?.getAttribute('title') ?? undefined),
      { what: 'JD’s carried-over text painted as such' },
    );
    expect(title).toBe('Fra forrige runde – skrevet av Redaktør JD (JD)');
  });
});

const RoundIdOnly = z.object({ id: z.string() });
