import { prosemirrorJSONToYDoc } from '@tiptap/y-tiptap';
import { beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { measureDocName, NARRATIVE_FIELD } from '../../shared/documentLayout.js';
import { MAX_COMBINING_RUN } from '../../shared/limits.js';
import { MeasureDetailSchema } from '../../shared/measure.js';
import { narrativeFragment, readNarrative } from '../../shared/narrative.js';
import type { PmNode } from '../../shared/prosemirror.js';
import { editorSchema, restoreTo } from '../../server/history/restoreEdit.js';
import { DEFAULT_ROUND } from '../../server/seed/buildRoundSeed.js';
import { EVERY_NODE_AND_MARK, firstText } from '../helpers/editorDocuments.js';
import { connectClient, fetchDoc, limitRefusals, refusalRecordingClient, synced, typeParagraph } from '../helpers/clients.js';
import { api, type Target } from '../helpers/session.js';
import { suiteServer } from '../helpers/suiteServer.js';
import { waitFor } from '../helpers/waitFor.js';

/**
 * What the browser audit wrote through the stock y-websocket client, and the server stored:
 * narrative content the editor's schema cannot hold (a link without a string href, a text
 * straight in the narrative, huge cell spans, CSS in a cell's alignment, marks and elements the
 * editor does not have, a letter with 300,000 combining marks). Each is now refused like any
 * update over a limit (server/sync/updateGuard.ts, shared/narrativeSchema.ts), and nothing of it
 * is stored. Everything the editor writes still passes.
 */

const ROUND = DEFAULT_ROUND.id;
/** JD's measure. */
const MEASURE = 5;
const DOC_NAME = measureDocName(ROUND, MEASURE);

/** A one-row table at the end of the narrative whose first cell has `attrs`. */
function appendTable(doc: Y.Doc, attrs: Record<string, unknown>): void {
  const cell = new Y.XmlElement('tableCell');
  const all: Record<string, unknown> = { colspan: 1, rowspan: 1, ...attrs };
  for (const [key, value] of Object.entries(all)) cell.setAttribute(key, value as string);
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText('celle')]);
  cell.insert(0, [paragraph]);
  const row = new Y.XmlElement('tableRow');
  row.insert(0, [cell]);
  const table = new Y.XmlElement('table');
  table.insert(0, [row]);
  narrativeFragment(doc).insert(narrativeFragment(doc).length, [table]);
}

function appendElement(doc: Y.Doc, name: string): void {
  const element = new Y.XmlElement(name);
  element.setAttribute('src', 'https://angriper.example/x.js');
  narrativeFragment(doc).insert(narrativeFragment(doc).length, [element]);
}

/** The narrative as the editor reads it (attributes y-prosemirror leaves out at their defaults). */
function editorJson(doc: Y.Doc): unknown {
  return editorSchema().nodeFromJSON(readNarrative(narrativeFragment(doc)).doc).toJSON();
}

const AUDIT_CASES: { name: string; write: (doc: Y.Doc) => void; reason: RegExp }[] = [
  { name: 'a link mark with no href ({link:{}})', write: (doc) => firstText(doc).insert(2, 'lenke', { link: {} }), reason: /the link mark's href is not/ },
  { name: 'a link mark with a number as href', write: (doc) => firstText(doc).format(0, 4, { link: { href: 42 } }), reason: /the link mark's href is not/ },
  { name: 'a Y.XmlText straight in the narrative', write: (doc) => narrativeFragment(doc).insert(0, [new Y.XmlText('løs tekst')]), reason: /a text straight in the narrative/ },
  ...[21, 100_000, 1e6, '1e9'].map((colspan) => ({
    name: `a table cell with colspan ${JSON.stringify(colspan)}`,
    write: (doc: Y.Doc) => appendTable(doc, { colspan }),
    reason: /tableCell colspan is not/,
  })),
  {
    name: "CSS in a cell's align",
    write: (doc) => appendTable(doc, { align: 'left; position:fixed; inset:0; z-index:2147483647; background:red' }),
    reason: /tableCell align is not/,
  },
  { name: 'a mark the editor does not have ({evilmark:{x:1}})', write: (doc) => firstText(doc).format(0, 6, { evilmark: { x: 1 } }), reason: /"evilmark" is not a mark/ },
  { name: 'a script element', write: (doc) => appendElement(doc, 'script'), reason: /"script" is not a node/ },
  { name: 'an img element', write: (doc) => appendElement(doc, 'img'), reason: /"img" is not a node/ },
  { name: '300,000 combining marks on one letter', write: (doc) => firstText(doc).insert(1, '\u0301'.repeat(300_000)), reason: /combining marks in a row/ },
];

describe('narrative content the editor schema cannot hold, sent by the stock client', () => {
  const server = suiteServer();
  let jd: Target;

  async function measureText(): Promise<string> {
    const response = await api(server, `/api/rounds/${ROUND}/measures/${MEASURE}`);
    expect(response.status).toBe(200);
    return MeasureDetailSchema.parse(await response.json()).narrative;
  }

  beforeAll(async () => {
    jd = await server.as('jd');
  });

  it.each(AUDIT_CASES)('$name is refused as over a limit, and nothing of it is stored', async ({ write, reason }) => {
    const textBefore = await measureText();
    const { client, reasons } = refusalRecordingClient(jd, DOC_NAME);
    try {
      await synced(client);
      write(client.doc);
      await waitFor(() => limitRefusals(reasons).length === 1, { what: 'the refusal' });
      expect(limitRefusals(reasons)[0]).toMatch(reason);
      expect(await measureText()).toBe(textBefore);
      const stored = await fetchDoc(server, DOC_NAME);
      expect(Y.decodeStateVector(Y.encodeStateVector(stored)).has(client.doc.clientID)).toBe(false);
    } finally {
      client.destroy();
    }
  });

  it('combining marks typed one at a time: the one past MAX_COMBINING_RUN on a letter is refused, the ones before are stored', async () => {
    const { client, reasons } = refusalRecordingClient(jd, DOC_NAME);
    try {
      await synced(client);
      const text = firstText(client.doc);
      const letter = text.toJSON().slice(0, 1);
      for (let i = 0; i < MAX_COMBINING_RUN; i++) text.insert(1, '\u0301');
      const run = `${letter}${'\u0301'.repeat(MAX_COMBINING_RUN)}`;
      await waitFor(async () => firstText(await fetchDoc(server, DOC_NAME)).toJSON().startsWith(run), { what: 'the marks stored' });
      text.insert(1, '\u0300');
      await waitFor(() => limitRefusals(reasons).length === 1, { what: 'the refusal' });
      expect(limitRefusals(reasons)[0]).toMatch(/combining marks in a row/);
      const stored = firstText(await fetchDoc(server, DOC_NAME)).toJSON();
      expect(stored.startsWith(run)).toBe(true);
      expect(stored).not.toContain('\u0300');
      expect(reasons).toHaveLength(1);
    } finally {
      client.destroy();
    }
  });
});

describe('what the editor writes passes the stock client', () => {
  const server = suiteServer();
  let jd: Target;

  beforeAll(async () => {
    jd = await server.as('jd');
  });

  it('a document with every node and mark (y-tiptap), then changed as the editor changes one, then typed in', async () => {
    const { client, reasons } = refusalRecordingClient(jd, DOC_NAME);
    const reader = connectClient(server, DOC_NAME);
    try {
      await Promise.all([synced(client), synced(reader)]);
      const schema = editorSchema();
      const rich = schema.nodeFromJSON(EVERY_NODE_AND_MARK).toJSON() as PmNode;
      // The whole document as y-tiptap converts it, put in before what the narrative had.
      Y.applyUpdate(client.doc, Y.encodeStateAsUpdate(prosemirrorJSONToYDoc(schema, rich, NARRATIVE_FIELD)));
      const written = editorJson(client.doc) as PmNode;
      expect(written.content).toEqual(expect.arrayContaining(rich.content!));
      await waitFor(() => JSON.stringify(editorJson(reader.doc)) === JSON.stringify(written), { what: 'the document relayed' });

      // Then the editor's own minimal diff into another document: levels, widths, marks, a row more.
      const edited = structuredClone(rich);
      edited.content![0]!.attrs = { level: 2 };
      const table = edited.content!.at(-1)!;
      table.content![1]!.content![1]!.attrs = { colspan: 1, rowspan: 1, colwidth: [90], align: 'right' };
      table.content!.push(structuredClone(table.content![1]!));
      restoreTo(edited)(client.doc);
      await waitFor(() => JSON.stringify(editorJson(reader.doc)) === JSON.stringify(editorJson(client.doc)), { what: 'the edit relayed' });

      // Typing: letters one update each, some bold, decomposed accents, a paragraph more, deletions.
      const text = firstText(client.doc);
      const word = ' crème brûlée'.normalize('NFD');
      for (let i = 0; i < word.length; i++) text.insert(3 + i, word[i]!, i < 6 ? { bold: {} } : {});
      text.delete(3, 2);
      typeParagraph(client, 'Et nytt avsnitt.');
      await waitFor(() => JSON.stringify(editorJson(reader.doc)) === JSON.stringify(editorJson(client.doc)), { what: 'the typing relayed' });

      const stored = await fetchDoc(server, DOC_NAME);
      expect(editorJson(stored)).toEqual(editorJson(client.doc));
      expect(reasons).toEqual([]);
    } finally {
      reader.destroy();
      client.destroy();
    }
  });
});
