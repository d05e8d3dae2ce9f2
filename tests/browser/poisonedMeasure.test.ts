import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import * as Y from 'yjs';
import { DEFAULT_ROUND } from '../../server/seed/buildRoundSeed.js';
import { SqliteStore } from '../../server/store/sqliteStore.js';
import { measureDocName } from '../../shared/documentLayout.js';
import { MeasureDetailSchema } from '../../shared/measure.js';
import { narrativeFragment } from '../../shared/narrative.js';
import { editorText, focusEditorEnd, measurePath, openMeasure, screenshot, waitForConnection, waitForEditorText } from '../helpers/browser.js';
import { browserSuite } from '../helpers/browserSuite.js';
import { connectClient, synced, typeParagraph } from '../helpers/clients.js';
import { storeForeignChildren } from '../helpers/foreignChildren.js';
import { poison } from '../helpers/poison.js';
import { startTestServer, tempDataDir } from '../helpers/server.js';
import { api, signIn } from '../helpers/session.js';
import { waitFor } from '../helpers/waitFor.js';

/** JD's measure whose narrative was stored, before the limits, nested thousands of levels deep. */
const POISONED = 5;

describe('a measure whose narrative the editor cannot show', { timeout: 90_000 }, () => {
  // Poisoned before the suite's server starts on it (hooks run in the order they are registered).
  const dataDir = tempDataDir();
  beforeAll(async () => {
    const first = await startTestServer({ dataDir });
    await first.close();
    await poison(dataDir, POISONED);
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const { person } = browserSuite({ server: { dataDir } });

  it('says so in Norwegian where the editor would be, throws nothing, and the rest of the page works', async () => {
    const jd = await person('jd');
    const errors: string[] = [];
    jd.page.on('pageerror', (error) => errors.push(error.stack ?? error.message));
    // y-tiptap's binding catches its own RangeError ("Caught error while handling a Yjs update") and logs it.
    jd.page.on('console', (message) => {
      if (message.type() === 'error' && /RangeError|call stack/.test(message.text())) errors.push(message.text());
    });
    const sockets: string[] = [];
    jd.page.on('websocket', (socket) => sockets.push(new URL(socket.url()).pathname));
    await jd.page.goto(measurePath(POISONED));

    const notice = jd.page.getByTestId('narrative-unshowable');
    await notice.waitFor({ timeout: 20_000 });
    expect(await notice.getAttribute('data-problem')).toBe('tooDeep');
    expect(await notice.innerText()).toMatch(/Teksten kan ikke vises her[\s\S]*lagret før Samskriv fikk grenser[\s\S]*Ta kontakt med koordinatoren\./);
    // The rest of the page: the heading, the status, the readiness, the comments and the history.
    expect(await jd.page.locator('h1').innerText()).toMatch(/^5 /);
    await jd.page.getByTestId('status-select').waitFor();
    await jd.page.getByText('Vår del er klar').waitFor();
    await jd.page.getByRole('heading', { name: 'Kommentarer' }).waitFor();
    await jd.page.getByRole('heading', { name: 'Historikk' }).waitFor();
    // The status select follows the server: it is enabled once the measure is loaded.
    expect(await jd.page.getByTestId('status-select').isEnabled()).toBe(true);

    expect(await jd.page.locator('.ProseMirror').count(), 'no editor').toBe(0);
    expect(await jd.page.getByText('Kunne ikke hente data fra serveren.').count()).toBe(0);
    expect(sockets.filter((path) => path.startsWith('/sync')), 'no sync of a narrative that cannot be shown').toEqual([]);
    await screenshot(jd.page, 'poisoned measure');
    expect(errors, 'no page error, no RangeError').toEqual([]);
  });

  it('tells the coordinator the same, without sending them to themselves', async () => {
    const coordinator = await person('koordinator');
    await coordinator.page.goto(measurePath(POISONED));
    const notice = coordinator.page.getByTestId('narrative-unshowable');
    await notice.waitFor({ timeout: 20_000 });
    expect(await notice.innerText()).toMatch(/kan ikke vises eller redigeres/);
    expect(await notice.innerText()).not.toMatch(/koordinatoren/);
  });
});

/** Page errors, and errors logged to the console (y-protocols logs what a Yjs observer threw). */
function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.stack ?? error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && !/Failed to load resource/.test(message.text())) errors.push(message.text());
  });
  return errors;
}

describe('a measure whose narrative holds children that are neither elements nor texts', { timeout: 90_000 }, () => {
  /** JD's measure, given every kind of foreign child (tests/helpers/foreignChildren.ts) straight in the store. */
  const MEASURE = 5;
  const dataDir = tempDataDir();
  let stored = '';
  beforeAll(async () => {
    const first = await startTestServer({ dataDir });
    await first.close();
    stored = await storeForeignChildren(dataDir, MEASURE);
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const { person, server } = browserSuite({ server: { dataDir } });

  it('opens in the editor with its text, takes typing, and throws nothing', async () => {
    const jd = await person('jd');
    const errors = collectErrors(jd.page);
    await openMeasure(jd, MEASURE, { expectText: true });
    const firstLine = stored.split('\n')[0]!;
    await waitForEditorText(jd.page, (text) => text.includes(firstLine), { what: 'the stored text in the editor' });
    await focusEditorEnd(jd.page);
    await jd.page.keyboard.type('Skrevet i nettleseren.');
    await waitForEditorText(jd.page, (text) => text.endsWith('Skrevet i nettleseren.'), { what: 'the typing' });
    await waitForConnection(jd.page, 'connected', { unsynced: false, who: 'jd' });
    await waitFor(
      async () => {
        const detail = MeasureDetailSchema.parse(await (await api(server, `/api/rounds/statusrapport-2012-02/measures/${MEASURE}`)).json());
        return detail.narrative.startsWith(firstLine) && detail.narrative.endsWith('Skrevet i nettleseren.');
      },
      { what: 'the typing stored, the stored text kept' },
    );
    await screenshot(jd.page, 'measure with foreign children');
    expect(errors, 'no page error, nothing thrown by the binding').toEqual([]);
  });

  it('opens read-only for someone who may not write it, without errors', async () => {
    const ud = await person('ud');
    const errors = collectErrors(ud.page);
    await ud.page.goto(measurePath(MEASURE));
    const firstLine = stored.split('\n')[0]!;
    await waitForEditorText(ud.page, (text) => text.includes(firstLine), { what: 'the stored text, read-only' });
    expect(await ud.page.getByTestId('narrative-editor').getAttribute('data-editable')).toBe('false');
    expect(errors, 'no page error, nothing thrown by the binding').toEqual([]);
  });
});

/**
 * What an editor wrote over y-websocket before the server checked it, stored as it was: content the
 * editor's schema does not have, or has with values that break it. Each measure (JD's alone) holds
 * one kind; the page must open it in the editor, show others' edits, take typing and store it.
 */
const STORED = {
  /** Link marks with no string address: `{}` on the first word, `{ href: 42 }` on the second. */
  linkWithoutHref: 6,
  /** A Y.XmlText straight in the fragment, at its start and its end. */
  bareText: 10,
  /** A table whose first cell spans 21 columns (the server takes at most 20 a row). */
  colspan21: 12,
  /** Tables whose first cells span 1e6 and "1e9" columns. */
  colspanHuge: 13,
  /** A cell whose alignment is CSS laid over the whole page. */
  alignCss: 14,
  /** A mark the schema does not have on three characters of the first paragraph, and `script` and `img` elements. */
  unknownMark: 15,
} as const;

/** A stored paragraph's first text, its whole text. */
function firstText(fragment: Y.XmlFragment): { text: Y.XmlText; words: string } {
  const paragraph = fragment.toArray().find((child): child is Y.XmlElement => child instanceof Y.XmlElement && child.nodeName === 'paragraph');
  const text = paragraph?.toArray().find((child): child is Y.XmlText => child instanceof Y.XmlText);
  if (!paragraph || !text) throw new Error('the narrative has no paragraph with text');
  const runs = text.toDelta() as { insert: unknown }[];
  return { text, words: runs.map((run) => (typeof run.insert === 'string' ? run.insert : '')).join('') };
}

/** Elements of the paths given, built: `[name, attributes, children]` or a text. */
type Built = string | readonly [string, Record<string, unknown>, readonly Built[]];

function build(node: Built): Y.XmlElement | Y.XmlText {
  if (typeof node === 'string') return new Y.XmlText(node);
  const [name, attributes, children] = node;
  const element = new Y.XmlElement(name);
  // Any value a client can send: the typing says strings, Yjs stores whatever it is given.
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, value as string);
  element.insert(0, children.map(build));
  return element;
}

/** A table of two rows of two cells, its first cell given `attributes`. */
function table(attributes: Record<string, unknown>, label: string): Built {
  const cell = (cellAttributes: Record<string, unknown>, text: string): Built => ['tableCell', cellAttributes, [['paragraph', {}, [text]]]];
  return [
    'table',
    {},
    [
      ['tableRow', {}, [cell(attributes, `${label} A1`), cell({}, `${label} B1`)]],
      ['tableRow', {}, [cell({}, `${label} A2`), cell({}, `${label} B2`)]],
    ],
  ];
}

/** Changes measure `number`'s stored narrative straight in a stopped server's store, past every check. */
async function storeChanged(dataDir: string, number: number, change: (fragment: Y.XmlFragment) => void): Promise<void> {
  const docName = measureDocName(DEFAULT_ROUND.id, number);
  const store = new SqliteStore(dataDir);
  try {
    const doc = new Y.Doc();
    for (const update of (await store.loadDocument(docName)).updates) Y.applyUpdate(doc, update);
    const before = Y.encodeStateVector(doc);
    doc.transact(() => change(narrativeFragment(doc)));
    await store.appendUpdate(docName, Y.encodeStateAsUpdate(doc, before), { kind: 'edit', author: 'jd', at: new Date().toISOString(), clients: [] });
  } finally {
    store.close();
  }
}

describe("a measure whose narrative holds content the editor's schema does not, or with values that break it", { timeout: 120_000 }, () => {
  const dataDir = tempDataDir();
  /** The first paragraph's words of the measure with the unknown mark, as stored. */
  let markedWords = '';
  beforeAll(async () => {
    const first = await startTestServer({ dataDir });
    await first.close();
    await storeChanged(dataDir, STORED.linkWithoutHref, (fragment) => {
      const { text } = firstText(fragment);
      text.format(0, 3, { link: {} });
      text.format(4, 3, { link: { href: 42 } });
    });
    await storeChanged(dataDir, STORED.bareText, (fragment) => {
      fragment.insert(0, [new Y.XmlText('Løs tekst først.')]);
      fragment.insert(fragment.length, [new Y.XmlText('Løs tekst sist.')]);
    });
    await storeChanged(dataDir, STORED.colspan21, (fragment) => {
      fragment.insert(fragment.length, [build(table({ colspan: 21 }, 'Bred'))]);
    });
    await storeChanged(dataDir, STORED.colspanHuge, (fragment) => {
      fragment.insert(fragment.length, [build(table({ colspan: 1e6 }, 'Million')), build(table({ colspan: '1e9' }, 'Milliard'))]);
    });
    await storeChanged(dataDir, STORED.alignCss, (fragment) => {
      const align = 'left; position: fixed; inset: 0; z-index: 2147483647; background: rgb(255, 0, 0)';
      fragment.insert(fragment.length, [build(table({ align }, 'Stil'))]);
    });
    await storeChanged(dataDir, STORED.unknownMark, (fragment) => {
      const { text, words } = firstText(fragment);
      markedWords = words;
      text.format(0, 3, { evilmark: { x: 1 } });
      fragment.insert(fragment.length, [build(['script', {}, ['alert(1)']]), build(['img', { src: 'x.png' }, []])]);
    });
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const { person, server } = browserSuite({ server: { dataDir } });

  const detailOf = async (number: number) =>
    MeasureDetailSchema.parse(await (await api(server, `/api/rounds/${DEFAULT_ROUND.id}/measures/${number}`)).json());

  /**
   * JD opens `number`; the coordinator, on a stock client, adds a paragraph that JD's editor must
   * show; JD types (at the end, or in the first table cell with `inTable`, once table editing has
   * loaded) and the server must store it, with the page still editable and nothing thrown.
   */
  async function writesThrough(number: number, { inTable = false } = {}): Promise<Page> {
    const jd = await person('jd');
    const errors = collectErrors(jd.page);
    await openMeasure(jd, number, { expectText: true });

    const coordinator = connectClient(await signIn(server.url, 'koordinator'), measureDocName(DEFAULT_ROUND.id, number));
    try {
      await synced(coordinator);
      typeParagraph(coordinator, 'Lagt til av koordinatoren.');
      await waitForEditorText(jd.page, (text) => text.includes('Lagt til av koordinatoren.'), { what: "the coordinator's paragraph in JD's editor" });
    } finally {
      coordinator.destroy();
    }

    const typed = `Skrevet i tiltak ${number}.`;
    if (inTable) {
      await jd.page.locator('[data-testid="narrative-editor"] .ProseMirror td').first().click();
      // prosemirror-tables has loaded (and made the tables rectangular) once its commands answer.
      const deleteRow = jd.page.getByRole('button', { name: 'Slett rad' });
      await waitFor(async () => (await deleteRow.getAttribute('aria-disabled')) === null, { what: 'table editing loaded' });
      await jd.page.keyboard.press('End');
    } else {
      await focusEditorEnd(jd.page);
    }
    await jd.page.keyboard.type(typed);
    await waitForEditorText(jd.page, (text) => text.includes(typed), { what: 'the typing' });
    await waitForConnection(jd.page, 'connected', { unsynced: false, who: 'jd' });
    await waitFor(async () => (await detailOf(number)).narrative.includes(typed), { what: 'the typing stored' });
    expect(await jd.page.getByTestId('narrative-editor').getAttribute('data-editable')).toBe('true');
    expect(await jd.page.getByTestId('unsaved-edits').count(), 'no "not saved" alert').toBe(0);
    expect(errors, 'no page error, nothing thrown').toEqual([]);
    return jd.page;
  }

  it('a link mark without a string address: typing is stored, the text shows as plain', async () => {
    const page = await writesThrough(STORED.linkWithoutHref);
    // The two marks are gone from this copy (Tiptap would render each as a link to nothing).
    expect(await page.locator('.ProseMirror a:not([href]), .ProseMirror a[href=""]').count()).toBe(0);
  });

  it('a text straight in the narrative: the editor shows the rest and takes typing', async () => {
    await writesThrough(STORED.bareText);
  });

  it('a cell spanning 21 columns: table editing loads without widening the table past the limit', async () => {
    const page = await writesThrough(STORED.colspan21, { inTable: true });
    const widths = await page.$$eval('.ProseMirror table tr', (rows) => rows.map((row) => row.children.length));
    expect(Math.max(...widths)).toBeLessThanOrEqual(2);
  });

  it('cells spanning a million and "1e9" columns: the page answers and takes typing', async () => {
    await writesThrough(STORED.colspanHuge, { inTable: true });
  });

  it("a cell's alignment that is CSS: it lays nothing over the page", async () => {
    const page = await writesThrough(STORED.alignCss, { inTable: true });
    const cells = await page.$$eval('.ProseMirror td, .ProseMirror th', (found) =>
      found.map((cell) => ({ style: cell.getAttribute('style'), position: getComputedStyle(cell).position })),
    );
    expect(cells.length).toBeGreaterThan(0);
    for (const cell of cells) {
      expect(cell.position).not.toBe('fixed');
      expect(cell.style ?? '').not.toMatch(/position|inset|z-index|background/);
    }
  });

  it('a mark and elements the schema does not have: the marked paragraph keeps its words on the server', async () => {
    expect(markedWords.split(/\s+/).length).toBeGreaterThan(3);
    const page = await writesThrough(STORED.unknownMark);
    expect(await editorText(page)).toContain(markedWords);
    expect((await detailOf(STORED.unknownMark)).narrative).toContain(markedWords);
  });

  it("the schema's checks cannot be loaded: the editor's place says so with a reload, the page stays; the reload brings the editor", async () => {
    const { page } = await person('jd', { serviceWorkers: 'block' });
    let failing = true;
    await page.route(/\/assets\/unrenderable-[\w-]+\.js$/, (route) => (failing ? route.abort('internetdisconnected') : route.continue()));
    await page.goto(measurePath(5));
    const alert = page.locator('.measure__narrative').getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Kunne ikke laste denne delen av siden');
    expect(await page.locator('.ProseMirror').count(), 'no editor rendering what was not judged').toBe(0);
    await page.getByTestId('status-select').waitFor();

    failing = false;
    await page.locator('.measure__narrative').getByRole('button', { name: 'Last inn på nytt' }).click();
    await waitForEditorText(page, (text) => text.trim() !== '', { what: 'the editor with its text, after the reload' });
  });
});
