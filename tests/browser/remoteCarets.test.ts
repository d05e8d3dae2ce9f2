import { describe, expect, it, onTestFinished } from 'vitest';
import * as Y from 'yjs';
import { measureDocName, NARRATIVE_FIELD } from '../../shared/documentLayout.js';
import { ROUND_ID, editorText, focusEditorEnd, openMeasure, waitForConnection, waitForEditorText } from '../helpers/browser.js';
import { browserSuite } from '../helpers/browserSuite.js';
import { connectClient, synced } from '../helpers/clients.js';
import { waitFor } from '../helpers/waitFor.js';

/** Measure 14 is JD's; the coordinator may write every measure. */
const MEASURE = 14;
const COORDINATOR_COLOR = '#a6195c';
/** The presence client id the malformed state is given in the page. */
const BROKEN_CLIENT = 4_242_424;
const TYPED = ' JD skriver videre uten feil.';

/**
 * The editor's caret plugin is given a filter that skips remote presence states whose cursor it
 * cannot draw. The server drops such cursors before relaying them, so this puts one straight
 * into the page's awareness, as a server that did not would deliver it: typing must go on and the
 * well-formed caret beside it must still show.
 */
describe('remote carets in Chromium', { timeout: 120_000 }, () => {
  const { server, person } = browserSuite();

  it('a presence state with a cursor that cannot be resolved is not drawn and does not break typing', async () => {
    const jd = await person('jd', { label: 'jd' });
    const errors: string[] = [];
    jd.page.on('pageerror', (error) => errors.push(error.message));
    await openMeasure(jd, MEASURE, { expectText: true });
    await waitForConnection(jd.page, 'connected');
    await waitForEditorText(jd.page, (text) => text.length > 0, { what: 'measure 14 loaded' });

    // A well-formed caret from another writer (a stock client), through the server.
    const other = connectClient(server, measureDocName(ROUND_ID, MEASURE));
    onTestFinished(() => other.destroy());
    await synced(other);
    const first = other.doc.getXmlFragment(NARRATIVE_FIELD).get(0);
    const text = first instanceof Y.XmlElement ? first.get(0) : null;
    if (!(text instanceof Y.XmlText)) throw new Error('measure 14 should start with a paragraph of text');
    const at = Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, 1)) as unknown;
    other.provider.awareness.setLocalState({ user: { name: 'ignored', color: COORDINATOR_COLOR }, cursor: { anchor: at, head: at } });
    const caretCount = (): Promise<number> => jd.page.locator('[data-testid="narrative-editor"] .collaboration-carets__caret').count();
    await waitFor(async () => (await caretCount()) === 1, { what: "the stock client's caret drawn in JD's editor" });

    // `{}` as a cursor: y-tiptap resolves it on every transaction, and it throws.
    const injected = await jd.page.evaluate((clientId) => {
      type Awareness = {
        states: Map<number, unknown>;
        meta: Map<number, { clock: number; lastUpdated: number }>;
        emit(name: string, args: unknown[]): void;
      };
      type Host = { editor?: { extensionManager: { extensions: { name: string; options: { awareness?: Awareness } }[] } } };
      const dom = document.querySelector<Element & Host>('[data-testid="narrative-editor"] .ProseMirror');
      const awareness = dom?.editor?.extensionManager.extensions.find((extension) => extension.name === 'carets')?.options.awareness;
      if (!awareness) return false;
      awareness.states.set(clientId, { user: { name: 'Ødelagt', color: '#000000' }, cursor: {} });
      awareness.meta.set(clientId, { clock: 1, lastUpdated: Date.now() });
      const change = { added: [clientId], updated: [], removed: [] };
      awareness.emit('change', [change, 'remote']);
      awareness.emit('update', [change, 'remote']);
      return true;
    }, BROKEN_CLIENT);
    expect(injected, "the carets extension's awareness, reached through Tiptap's editor on its DOM").toBe(true);

    await focusEditorEnd(jd.page);
    await jd.page.keyboard.type(TYPED);
    await waitForEditorText(jd.page, (current) => current.includes(TYPED.trim()), { what: 'JD typing with a malformed remote cursor present' });
    await waitFor(() => other.text().includes(TYPED.trim()), { what: "JD's typing stored and relayed to the other client" });
    expect(errors, 'no uncaught error in the page').toEqual([]);
    expect(await caretCount(), 'only the well-formed caret is drawn').toBe(1);
    expect(await editorText(jd.page)).toContain(TYPED.trim());
  });
});
