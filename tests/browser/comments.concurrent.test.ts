import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ThreadSchema } from '../../shared/comments.js';
import { MeasureSummarySchema } from '../../shared/measureSummary.js';
import {
  ROUND_ID,
  commentOnSelection,
  editorText,
  openMeasure,
  overviewPath,
  screenshot,
  selectEditorText,
  threadIds,
  waitForConnection,
  type Person,
} from '../helpers/browser.js';
import { browserSuite } from '../helpers/browserSuite.js';
import { waitFor } from '../helpers/waitFor.js';

/** JD's alone (the 2012 report): JD writes and resolves; HOD may only read and comment. */
const JD_MEASURE = 14;
const JD_MEASURE_TOO = 15;
const OVERVIEW_MEASURE = 21;

/** What one browser shows of one thread. */
interface ThreadView {
  shown: boolean;
  resolved: string | null;
  active: boolean;
  quote: string | null;
  removed: boolean;
  comments: string[];
  resolveButtons: number;
  reopenButtons: number;
}

async function threadView(page: Page, threadId: string): Promise<ThreadView> {
  return page.evaluate((id) => {
    const card = document.querySelector(`[data-testid="thread"][data-thread-id="${id}"]`);
    if (!card) return { shown: false, resolved: null, active: false, quote: null, removed: false, comments: [], resolveButtons: 0, reopenButtons: 0 };
    return {
      shown: true,
      resolved: card.getAttribute('data-resolved'),
      active: card.hasAttribute('data-active'),
      quote: card.querySelector('[data-testid="thread-quote"]')?.textContent ?? null,
      removed: card.querySelector('[data-testid="passage-removed"]') !== null,
      comments: Array.from(card.querySelectorAll('[data-testid="comment"] .comment__body'), (body) => body.textContent ?? ''),
      resolveButtons: card.querySelectorAll('[data-testid="resolve-thread"]').length,
      reopenButtons: card.querySelectorAll('[data-testid="reopen-thread"]').length,
    };
  }, threadId);
}

/** The text the editor marks for a thread (its passage as this browser has it), or null. */
async function highlightText(page: Page, threadId: string): Promise<string | null> {
  return page.evaluate((id) => {
    const marks = document.querySelectorAll(`[data-testid="narrative-editor"] .comment-anchor[data-thread-id="${id}"]`);
    return marks.length === 0 ? null : Array.from(marks, (mark) => mark.textContent ?? '').join('');
  }, threadId);
}

/** Waits until `check` holds for what the page shows of the thread; the error names the last view. */
async function waitForThread(page: Page, threadId: string, check: (view: ThreadView) => boolean, what: string): Promise<ThreadView> {
  let last: ThreadView | null = null;
  try {
    await waitFor(
      async () => {
        last = await threadView(page, threadId);
        return check(last);
      },
      { what, timeoutMs: 15_000 },
    );
  } catch (error) {
    throw new Error(`${(error as Error).message}\n  last view: ${JSON.stringify(last)}`, { cause: error });
  }
  return last!;
}

/** The first words of the editor's first paragraph: a passage that is surely there. */
async function someWords(page: Page, skip: number, count: number): Promise<string> {
  const text = await page.locator('[data-testid="narrative-editor"] .ProseMirror p').first().innerText();
  const words = text.split(/\s+/).slice(skip, skip + count);
  expect(words.length, `paragraph with ${skip + count} words: ${JSON.stringify(text)}`).toBe(count);
  return words.join(' ');
}

describe('comment threads, live in two browsers', { timeout: 120_000 }, () => {
  const { person } = browserSuite();

  it('JD comments selected words; HOD sees comment and highlight live, replies; JD sees the reply and resolves; HOD sees it resolved and has no resolve button', async () => {
    const jd = await person('jd');
    const hod = await person('hod');
    await Promise.all([openMeasure(jd, JD_MEASURE, { expectText: true }), openMeasure(hod, JD_MEASURE, { expectText: true })]);

    const words = await someWords(jd.page, 1, 3);
    await selectEditorText(jd.page, words);
    const threadId = await commentOnSelection(jd.page, 'Er dette riktig, @HOD?', { who: 'JD' });

    // JD: the thread with its quote and the passage marked in the text.
    const jdView = await waitForThread(jd.page, threadId, (v) => v.quote === words, 'JD: the new thread quoting the words');
    expect(jdView.comments).toEqual(['Er dette riktig, @HOD?']);
    expect(await jd.page.locator(`[data-thread-id="${threadId}"] mark.mention`).innerText(), 'the mention is marked').toBe('@HOD');
    await waitFor(async () => (await highlightText(jd.page, threadId)) === words, { what: 'JD: the words highlighted' });

    // HOD, without reload: the thread, the same words highlighted, no resolve button on JD's measure.
    const hodView = await waitForThread(hod.page, threadId, (v) => v.shown && v.comments.length === 1, 'HOD: the thread, live');
    expect(hodView).toMatchObject({ quote: words, resolved: 'false', resolveButtons: 0, reopenButtons: 0 });
    await waitFor(async () => (await highlightText(hod.page, threadId)) === words, { what: 'HOD: the words highlighted' });
    const style = await hod.page
      .locator(`[data-testid="narrative-editor"] .comment-anchor[data-thread-id="${threadId}"]`)
      .first()
      .evaluate((element) => ({ line: getComputedStyle(element).textDecorationLine, background: getComputedStyle(element).backgroundColor }));
    expect(style.line, 'a highlight is underlined, not colour alone').toContain('underline');
    expect(style.background).not.toBe('rgba(0, 0, 0, 0)');
    await waitFor(() => hod.page.getByTestId('threads-announcement').innerText().then((text) => text.includes('Ny kommentar fra Redaktør JD (JD)')), {
      what: 'HOD: the new comment announced in the live region',
    });

    // JD types before the passage: the highlight follows the words in both browsers.
    await selectEditorText(jd.page, await someWords(jd.page, 0, 1));
    await jd.page.keyboard.press('ArrowLeft');
    await jd.page.keyboard.type('Nytt: ');
    await waitFor(async () => (await editorText(hod.page))?.startsWith('Nytt: '), { what: 'HOD: JD’s typing' });
    await waitFor(async () => (await highlightText(hod.page, threadId)) === words, { what: 'HOD: the highlight still on the words after JD typed before them' });
    await waitFor(async () => (await highlightText(jd.page, threadId)) === words, { what: 'JD: the highlight still on the words' });

    // HOD clicks the highlight: the thread becomes the active one, with focus.
    await hod.page.locator(`[data-testid="narrative-editor"] .comment-anchor[data-thread-id="${threadId}"]`).first().click();
    await waitForThread(hod.page, threadId, (v) => v.active, 'HOD: the clicked highlight activates its thread');
    await waitFor(
      () => hod.page.evaluate((id) => document.activeElement?.closest(`[data-thread-id="${id}"]`)?.getAttribute('data-testid') === 'thread', threadId),
      { what: 'HOD: focus on the thread' },
    );

    // HOD replies; JD sees it live.
    const card = hod.page.locator(`[data-testid="thread"][data-thread-id="${threadId}"]`);
    await card.getByTestId('reply-form').getByRole('textbox').fill('Ja, tallene stemmer.');
    await card.getByTestId('reply-form').getByRole('button', { name: 'Svar' }).click();
    await waitForThread(jd.page, threadId, (v) => v.comments.length === 2, 'JD: HOD’s reply, live');
    expect((await threadView(jd.page, threadId)).comments).toEqual(['Er dette riktig, @HOD?', 'Ja, tallene stemmer.']);
    expect(await jd.page.locator(`[data-thread-id="${threadId}"] [data-testid="comment"] .comment__author`).last().innerText()).toBe(
      'Redaktør HOD (HOD)',
    );

    // JD resolves; HOD sees it resolved, its highlight gone, and still no button to reopen it.
    await screenshot(jd.page, 'comments - JD before resolving');
    await jd.page.locator(`[data-testid="thread"][data-thread-id="${threadId}"]`).getByTestId('resolve-thread').click();
    const resolved = await waitForThread(hod.page, threadId, (v) => v.resolved === 'true', 'HOD: the thread resolved, live');
    expect(resolved).toMatchObject({ resolveButtons: 0, reopenButtons: 0 });
    await waitFor(async () => (await highlightText(hod.page, threadId)) === null, { what: 'HOD: no highlight on a resolved thread' });
    // Resolved threads are folded away under their own heading.
    await hod.page.getByTestId('resolved-threads').locator('summary').click();
    const resolvedBy = hod.page.locator(`[data-thread-id="${threadId}"] [data-testid="thread-resolved"]`);
    await resolvedBy.waitFor({ state: 'visible' });
    expect(await resolvedBy.innerText()).toContain('Løst av Redaktør JD (JD)');
    await screenshot(hod.page, 'comments - HOD sees it resolved');

    // JD may reopen; HOD's page (other ministry) shows neither button anywhere on the measure.
    await waitForThread(jd.page, threadId, (v) => v.reopenButtons === 1, 'JD: a reopen button');
    expect(await hod.page.locator('[data-testid="resolve-thread"], [data-testid="reopen-thread"]').count()).toBe(0);
  });

  it('HOD, who may only read the narrative, comments a selection; when JD deletes the passage both see "Teksten er fjernet"', async () => {
    const jd = await person('jd');
    const hod = await person('hod');
    await Promise.all([openMeasure(jd, JD_MEASURE_TOO, { expectText: true }), openMeasure(hod, JD_MEASURE_TOO, { expectText: true })]);
    await hod.page.getByTestId('read-only-notice').waitFor({ state: 'visible' });

    // The narrative's first words: the start of the document is a position y-tiptap doubts.
    const words = await someWords(hod.page, 0, 2);
    await selectEditorText(hod.page, words);
    const threadId = await commentOnSelection(hod.page, 'Hva betyr dette?', { who: 'HOD' });
    await waitForThread(jd.page, threadId, (v) => v.quote === words && !v.removed, 'JD: HOD’s thread, live');
    await waitFor(async () => (await highlightText(jd.page, threadId)) === words, { what: 'JD: the words highlighted' });

    // JD deletes exactly the passage.
    await selectEditorText(jd.page, words);
    await jd.page.keyboard.press('Backspace');
    await waitFor(async () => !(await editorText(hod.page))?.includes(words), { what: 'HOD: the words gone from the text' });
    for (const [who, p] of [['JD', jd], ['HOD', hod]] as const) {
      const view = await waitForThread(p.page, threadId, (v) => v.removed, `${who}: "Teksten er fjernet"`);
      expect(view.quote, `${who}: the quote stays`).toBe(words);
      expect(await highlightText(p.page, threadId), `${who}: no highlight`).toBeNull();
    }
    await screenshot(hod.page, 'comments - passage removed');
  });

  it('JD edits its comment inline (the edit kept across a reload until saved or cancelled) and HOD sees it "(redigert)" live; only the author may edit or delete; a confirmed delete removes the thread for both', async () => {
    const jd = await person('jd');
    const hod = await person('hod');
    await Promise.all([openMeasure(jd, JD_MEASURE), openMeasure(hod, JD_MEASURE)]);

    const panel = jd.page.getByTestId('threads-panel');
    await panel.getByTestId('comment-measure').click();
    await panel.getByTestId('new-thread-form').getByRole('textbox').fill('Førsteutkast av kommentaren');
    const before = await threadIds(jd.page);
    await panel.getByTestId('new-thread-form').getByRole('button', { name: 'Send' }).click();
    const threadId = await waitFor(async () => (await threadIds(jd.page)).find((id) => !before.includes(id)), { what: 'JD: the new thread' });
    const hodView = await waitForThread(hod.page, threadId, (v) => v.shown, 'HOD: the thread on the whole measure');
    expect(hodView.quote, 'a thread on the whole measure has no quote').toBeNull();
    const hodCard = hod.page.locator(`[data-testid="thread"][data-thread-id="${threadId}"]`);
    expect(await hodCard.getByText('Gjelder hele tiltaket').count()).toBe(1);
    expect(await hodCard.getByRole('button', { name: 'Rediger' }).count(), 'HOD may not edit JD’s comment').toBe(0);
    expect(await hodCard.getByRole('button', { name: 'Slett' }).count(), 'HOD may not delete JD’s comment').toBe(0);

    // Inline edit: the text box holds the comment; saving shows the new text, "(redigert)", for both.
    const jdCard = jd.page.locator(`[data-testid="thread"][data-thread-id="${threadId}"]`);
    await jdCard.getByRole('button', { name: 'Rediger' }).click();
    const box = jdCard.getByTestId('edit-form').getByRole('textbox');
    expect(await box.inputValue()).toBe('Førsteutkast av kommentaren');
    await box.fill('Rettet komm');
    // An edit being written survives a reload: the form opens again with it, without taking focus.
    await jd.page.reload();
    await box.waitFor({ state: 'visible', timeout: 20_000 });
    expect(await box.inputValue(), 'the edit kept in the browser').toBe('Rettet komm');
    expect(await box.evaluate((element) => element === document.activeElement), 'the reopened edit does not take focus').toBe(false);
    expect(await hodCard.locator('[data-testid="comment"]').innerText(), 'nothing saved yet').toContain('Førsteutkast av kommentaren');
    await box.fill('Rettet kommentar');
    await jdCard.getByTestId('edit-form').getByRole('button', { name: 'Lagre' }).click();
    await waitForThread(hod.page, threadId, (v) => v.comments[0] === 'Rettet kommentar', 'HOD: the edited text, live');
    await hodCard.getByTestId('comment-edited').waitFor();
    expect(await hodCard.getByTestId('comment-edited').innerText()).toBe('(redigert)');
    // Saved: the kept edit is forgotten, and a reload shows the comment, not a form.
    await jd.page.reload();
    await jdCard.getByRole('button', { name: 'Rediger' }).waitFor({ state: 'visible', timeout: 20_000 });
    expect(await jdCard.getByTestId('edit-form').count()).toBe(0);
    // A cancelled edit is forgotten too.
    await jdCard.getByRole('button', { name: 'Rediger' }).click();
    await box.fill('Dette avbrytes');
    await jdCard.getByTestId('edit-form').getByRole('button', { name: 'Avbryt' }).click();
    await jd.page.reload();
    await jdCard.getByRole('button', { name: 'Rediger' }).waitFor({ state: 'visible', timeout: 20_000 });
    expect(await jdCard.getByTestId('edit-form').count()).toBe(0);
    expect(await jdCard.getByTestId('comment').innerText()).toContain('Rettet kommentar');

    // Delete asks first; Avbryt keeps it, Slett removes it and, being the last comment, the thread.
    await jdCard.getByRole('button', { name: 'Slett' }).click();
    await jdCard.getByTestId('confirm-delete').getByRole('button', { name: 'Avbryt' }).click();
    expect(await jdCard.getByTestId('comment').count()).toBe(1);
    await jdCard.getByRole('button', { name: 'Slett' }).click();
    await jdCard.getByTestId('confirm-delete').getByRole('button', { name: 'Slett' }).click();
    await waitForThread(hod.page, threadId, (v) => !v.shown, 'HOD: the deleted thread gone, live');
    await waitForThread(jd.page, threadId, (v) => !v.shown, 'JD: the deleted thread gone');
  });

  it('the overview counts open threads and lists those waiting for the ministry, live; the link opens the thread', async () => {
    const hod = await person('hod');
    await hod.page.goto(overviewPath());
    await waitForConnection(hod.page, 'connected', { who: 'HOD overview' });
    const row = hod.page.locator(`tr[data-measure="${OVERVIEW_MEASURE}"]`);
    await row.waitFor();
    expect(await row.getByTestId('open-threads').count(), 'no open threads yet').toBe(0);
    await hod.page.getByTestId('waiting-list').waitFor();

    // JD asks HOD on measure 21 (through the API, as JD's own browser would).
    const jd = await person('jd');
    const asked = await send(jd, 'POST', `/api/rounds/${ROUND_ID}/measures/${OVERVIEW_MEASURE}/threads`, { body: '@HOD, kan dere se på dette?' });
    const thread = ThreadSchema.parse(await asked.json());
    expect(thread.waitingFor).toEqual(['HOD']);

    const item = hod.page.locator(`[data-testid="waiting-thread"][data-thread-id="${thread.id}"]`);
    await item.waitFor({ timeout: 15_000 });
    expect(await item.innerText()).toContain('@HOD, kan dere se på dette?');
    await waitFor(async () => (await row.getByTestId('open-threads').getAttribute('data-count')) === '1', { what: 'the row counts 1 open thread' });
    expect(await row.getByTestId('open-threads').innerText()).toContain('1 åpen kommentar');
    await screenshot(hod.page, 'comments - overview waiting for HOD');

    // The link opens the measure on that thread.
    await item.getByRole('link').click();
    await waitFor(() => new URL(hod.page.url()).hash === `#kommentar-${thread.id}`, { what: 'the thread’s address' });
    await waitForThread(hod.page, thread.id, (v) => v.active, 'the linked thread active on the measure page');

    // HOD answers (in another tab of the same browser): the thread leaves the list, the count stays (still open).
    const overview = await hod.context.newPage();
    await overview.goto(overviewPath());
    const again = overview.locator(`[data-testid="waiting-thread"][data-thread-id="${thread.id}"]`);
    await again.waitFor({ timeout: 15_000 });
    const card = hod.page.locator(`[data-testid="thread"][data-thread-id="${thread.id}"]`);
    await card.getByTestId('reply-form').getByRole('textbox').fill('Vi ser på det.');
    await card.getByTestId('reply-form').getByRole('button', { name: 'Svar' }).click();
    await again.waitFor({ state: 'detached', timeout: 15_000 });
    const count = await measureOpenThreads(jd, OVERVIEW_MEASURE);
    expect(count).toBe(1);
    expect(await overview.locator(`tr[data-measure="${OVERVIEW_MEASURE}"]`).getByTestId('open-threads').getAttribute('data-count')).toBe('1');
  });
});

/** A JSON request from the person's browser context (its cookie, its origin). */
async function send(person: Person, method: 'POST', path: string, body: unknown): Promise<{ status: number; json(): Promise<unknown> }> {
  const response = await person.context.request.fetch(`${person.baseUrl}${path}`, {
    method,
    data: body,
    headers: { origin: new URL(person.baseUrl).origin },
  });
  return { status: response.status(), json: () => response.json() as Promise<unknown> };
}

async function measureOpenThreads(person: Person, number: number): Promise<number> {
  const response = await person.context.request.get(`${person.baseUrl}/api/rounds/${ROUND_ID}/measures/${number}`);
  return MeasureSummarySchema.parse(await response.json()).openThreads;
}
