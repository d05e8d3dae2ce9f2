import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { tMeasure, tUnsaved } from '../../client/src/strings/measure.js';
import { LIMIT_REFUSAL_PREFIX } from '../../shared/auth.js';
import { measureDocName, NARRATIVE_FIELD } from '../../shared/documentLayout.js';
import { MAX_NARRATIVE_NODES } from '../../shared/limits.js';
import { MeasureDetailSchema, type MeasureDetail } from '../../shared/measure.js';
import {
  ROUND_ID,
  editorText,
  focusEditorEnd,
  openMeasure,
  screenshot,
  waitForConnection,
  waitForEditorText,
  type Person,
} from '../helpers/browser.js';
import { browserSuite } from '../helpers/browserSuite.js';
import { connectClient, synced } from '../helpers/clients.js';
import { permissionDeniedReasons } from '../helpers/frames.js';
import { api } from '../helpers/session.js';
import { waitFor } from '../helpers/waitFor.js';

/** Measures 14 and 30 are JD's alone (the 2012 report). */
const MEASURE = 14;
const FULL_MEASURE = 30;
/**
 * Quotes in quotes, as another program copies them: the innermost paragraph's text sits at Yjs
 * depth LEVELS + 2 (each quote one type, then the paragraph and its text), past the limit.
 */
const LEVELS = 45;
const DEEP = 'Sitat i sitat i sitat, kopiert fra et annet program.';
const BEFORE = 'JD skriver før innlimingen.';
const LATER = 'JD skriver et vanlig avsnitt etterpå.';
const NO_ROOM = 'Her er det ikke plass.';

/** Pastes `html` into the narrative editor as a paste from the system clipboard arrives: a `paste` event with its DataTransfer. */
async function pasteHtml(page: Page, html: string, plain: string): Promise<void> {
  await page.evaluate(
    ({ html, plain }) => {
      const editor = document.querySelector('[data-testid="narrative-editor"] .ProseMirror');
      if (!(editor instanceof HTMLElement)) throw new Error('no narrative editor');
      const clipboardData = new DataTransfer();
      clipboardData.setData('text/html', html);
      clipboardData.setData('text/plain', plain);
      editor.dispatchEvent(new ClipboardEvent('paste', { clipboardData, bubbles: true, cancelable: true }));
    },
    { html, plain },
  );
}

/** How many `<blockquote>`s the editor's deepest quote sits in (its own included). */
async function quoteDepth(page: Page): Promise<number> {
  return page.evaluate(() => {
    let deepest = 0;
    for (const quote of document.querySelectorAll('[data-testid="narrative-editor"] .ProseMirror blockquote')) {
      let depth = 0;
      for (let node: Element | null = quote; node; node = node.parentElement) if (node.tagName === 'BLOCKQUOTE') depth++;
      deepest = Math.max(deepest, depth);
    }
    return deepest;
  });
}

/** The warning about edits the server will not take, when it is on screen. */
async function unsavedWarning(page: Page): Promise<{ reason: string | null; title: string; text: string } | null> {
  return page.evaluate(() => {
    const alert = document.querySelector('[data-testid="unsaved-edits"]');
    if (!(alert instanceof HTMLElement) || alert.offsetParent === null) return null;
    return {
      reason: alert.getAttribute('data-reason'),
      title: alert.querySelector('h2')?.textContent ?? '',
      text: alert.querySelector('p')?.textContent ?? '',
    };
  });
}

/** Whether the editor takes typing: editable for the page, contenteditable, with its toolbar and no read-only notice. */
async function writable(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const editor = document.querySelector('[data-testid="narrative-editor"]');
    return (
      editor?.getAttribute('data-editable') === 'true' &&
      editor.querySelector('.ProseMirror')?.getAttribute('contenteditable') === 'true' &&
      editor.querySelectorAll('[role="toolbar"]').length === 1 &&
      document.querySelector('[data-testid="read-only-notice"]') === null
    );
  });
}

/** Page errors (uncaught exceptions) among what the person's browser logged. */
function pageErrors(person: Person): string[] {
  return person.log.filter((line) => line.includes(' pageerror: '));
}

/** Yjs types (elements and texts) alive in a document. */
function liveTypes(doc: Y.Doc): number {
  let count = 0;
  for (const structs of doc.store.clients.values()) {
    for (const struct of structs) if (struct instanceof Y.Item && !struct.deleted && struct.content instanceof Y.ContentType) count++;
  }
  return count;
}

/**
 * Edits past the limits on a narrative, in two browsers. Nesting is stopped in the editor, with
 * a word; what only the server can tell (how many nodes the stored document holds) is refused by
 * it, and the page shows that as it shows other refused edits.
 */
describe('edits past the limits on a narrative, in two browsers', { timeout: 120_000 }, () => {
  const { server, person } = browserSuite();

  async function serverMeasure(number: number): Promise<MeasureDetail> {
    const response = await api(server, `/api/rounds/${ROUND_ID}/measures/${number}`);
    expect(response.status).toBe(200);
    return MeasureDetailSchema.parse(await response.json());
  }

  /** JD and the coordinator on a measure; the frames the server sends JD's page are kept. */
  async function twoPeople(number: number): Promise<{ jd: Person; coordinator: Person; frames: Uint8Array[] }> {
    expect((await serverMeasure(number)).ministries).toEqual(['JD']);
    const jd = await person('jd');
    const coordinator = await person('koordinator');
    const frames: Uint8Array[] = [];
    jd.page.on('websocket', (socket) => {
      socket.on('framereceived', ({ payload }) => {
        if (typeof payload !== 'string') frames.push(new Uint8Array(payload));
      });
    });
    await Promise.all([openMeasure(jd, number, { expectText: true }), openMeasure(coordinator, number, { expectText: true })]);
    await waitFor(() => writable(jd.page), { what: 'JD’s editable page' });
    return { jd, coordinator, frames };
  }

  it('JD pastes quotes nested 45 deep: the editor refuses the paste with a word, nothing reaches anyone, JD writes on', async () => {
    const { jd, coordinator, frames } = await twoPeople(MEASURE);
    await focusEditorEnd(jd.page);
    await jd.page.keyboard.type(` ${BEFORE}`);
    await waitForEditorText(coordinator.page, (text) => text.includes(BEFORE), { what: 'JD’s first sentence at the coordinator' });

    await jd.page.keyboard.press('Enter');
    const html = `<meta charset="utf-8">${'<blockquote>'.repeat(LEVELS)}<p>${DEEP}</p>${'</blockquote>'.repeat(LEVELS)}`;
    await pasteHtml(jd.page, html, DEEP);
    await jd.page.getByTestId('comment-hint').filter({ hasText: tMeasure.narrativeTooDeep }).waitFor({ state: 'visible' });
    expect(await quoteDepth(jd.page), 'quotes in JD’s editor').toBe(0);
    expect(await editorText(jd.page)).not.toContain(DEEP);

    // JD writes on; the coordinator gets it, and no refusal ever came.
    await jd.page.keyboard.type(LATER);
    const seen = await waitForEditorText(coordinator.page, (text) => text.includes(LATER), { what: 'JD’s later paragraph at the coordinator' });
    expect(seen).not.toContain(DEEP);
    await waitForConnection(jd.page, 'connected', { unsynced: false, who: 'JD after the later paragraph' });
    expect(permissionDeniedReasons(frames)).toEqual([]);
    expect(await unsavedWarning(jd.page)).toBeNull();
    expect((await serverMeasure(MEASURE)).narrative).toContain(LATER);
    expect(pageErrors(jd), jd.log.join('\n')).toEqual([]);
    expect(pageErrors(coordinator), coordinator.log.join('\n')).toEqual([]);
  });

  it('an edit the server refuses (the document is full): shown with data-reason="limit", the text rests until JD discards', async () => {
    // Another client fills measure 30 up to one node short of the limit.
    const filler = connectClient(server, measureDocName(ROUND_ID, FULL_MEASURE));
    await synced(filler);
    const room = filler.doc.getXmlFragment(NARRATIVE_FIELD);
    room.insert(room.length, Array.from({ length: MAX_NARRATIVE_NODES - 1 - liveTypes(filler.doc) }, () => new Y.XmlElement('paragraph')));
    await waitFor(async () => (await fetch(`${server.url}/api/health`)).ok && liveTypes(filler.doc) === MAX_NARRATIVE_NODES - 1, { what: 'the filler' });
    const probe = connectClient(server, measureDocName(ROUND_ID, FULL_MEASURE));
    await waitFor(() => probe.provider.synced && liveTypes(probe.doc) === MAX_NARRATIVE_NODES - 1, { what: 'the full document stored' });
    probe.destroy();
    filler.destroy();

    const { jd, coordinator, frames } = await twoPeople(FULL_MEASURE);
    // A new paragraph fits (one more node); the text typed into it does not.
    await focusEditorEnd(jd.page);
    await jd.page.keyboard.press('Enter');
    await jd.page.keyboard.type(NO_ROOM);
    const refusals = await waitFor(() => {
      const reasons = permissionDeniedReasons(frames);
      return reasons.length > 0 ? reasons : undefined;
    }, { what: 'the server’s refusal', timeoutMs: 15_000 });
    // One refusal per update JD's page sent before its text came to rest; each says the same.
    for (const reason of refusals) expect(reason).toMatch(new RegExp(`^${LIMIT_REFUSAL_PREFIX} .*${MAX_NARRATIVE_NODES} nodes`));

    let warning = await unsavedWarning(jd.page);
    await waitFor(async () => (warning = await unsavedWarning(jd.page)) !== null, { what: 'the warning', timeoutMs: 15_000 });
    expect(warning).toEqual({ reason: 'limit', title: tUnsaved.title, text: tUnsaved.text('limit') });
    // Everything typed now would build on what the server does not have: the text rests.
    await waitFor(async () => !(await writable(jd.page)), { what: 'JD’s narrative resting' });
    await screenshot(jd.page, 'limitRefused - warning');

    await jd.page.getByTestId('unsaved-discard').click();
    const dialog = jd.page.getByTestId('unsaved-discard-confirm');
    await dialog.waitFor({ state: 'visible' });
    await dialog.getByTestId('unsaved-discard-yes').click();
    await waitForConnection(jd.page, 'connected', { unsynced: false, who: 'JD after discarding', timeoutMs: 30_000 });
    await waitFor(() => writable(jd.page), { what: 'JD’s narrative writable again', timeoutMs: 20_000 });
    expect(await unsavedWarning(jd.page)).toBeNull();
    expect((await serverMeasure(FULL_MEASURE)).narrative).not.toContain(NO_ROOM);
    expect(await editorText(jd.page)).not.toContain(NO_ROOM);
    expect(pageErrors(jd), jd.log.join('\n')).toEqual([]);
    expect(pageErrors(coordinator), coordinator.log.join('\n')).toEqual([]);
  });
});
