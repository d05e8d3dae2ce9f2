import { prosemirrorJSONToYDoc } from '@tiptap/y-tiptap';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { NARRATIVE_FIELD } from '../../shared/documentLayout.js';
import { MAX_COMBINING_RUN } from '../../shared/limits.js';
import { appendParagraphs, narrativeFragment, narrativeText, readNarrative } from '../../shared/narrative.js';
import type { PmNode } from '../../shared/prosemirror.js';
import { editorSchema, restoreTo } from '../../server/history/restoreEdit.js';
import { EVERY_NODE_AND_MARK } from '../helpers/editorDocuments.js';
import { firstParagraph, guardSetup, sendChange, sendUpdate } from '../helpers/guard.js';

/**
 * The update guard (server/sync/updateGuard.ts) keeps a narrative to what the editor's schema
 * can hold (shared/narrativeSchema.ts): elements of its nodes, attributes of those nodes with
 * values they may have, texts only where text goes, marks of the schema, and no run of more than
 * MAX_COMBINING_RUN combining marks, however it is built. Whatever the editor writes passes.
 */

const firstText = (doc: Y.Doc): Y.XmlText => firstParagraph(doc).get(0) as Y.XmlText;
const refused = (detail: string | RegExp) => ({ kind: 'limit', detail: typeof detail === 'string' ? detail : (expect.stringMatching(detail) as unknown) });
const marks = (n: number): string => '\u0301'.repeat(n);
const RUN = `more than ${MAX_COMBINING_RUN} combining marks in a row`;

/** A table of one row of two cells, the first with `attrs`. */
function table(attrs: Record<string, unknown>): Y.XmlElement {
  const cell = (cellAttrs: Record<string, unknown>) => {
    const element = new Y.XmlElement('tableCell');
    for (const [key, value] of Object.entries(cellAttrs)) element.setAttribute(key, value as string);
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText('celle')]);
    element.insert(0, [paragraph]);
    return element;
  };
  const row = new Y.XmlElement('tableRow');
  row.insert(0, [cell({ colspan: 1, rowspan: 1, ...attrs }), cell({ colspan: 1, rowspan: 1 })]);
  const element = new Y.XmlElement('table');
  element.insert(0, [row]);
  return element;
}

describe('the update guard refuses what the editor schema cannot hold', () => {
  it('a link without a string href, typed or set as formatting, and a mark the editor does not have', () => {
    expect(sendChange(guardSetup(), (doc) => firstText(doc).insert(3, 'x', { link: {} }))).toEqual(refused(/^the link mark's href is not/));
    expect(sendChange(guardSetup(), (doc) => firstText(doc).format(0, 5, { link: { href: 42 } }))).toEqual(refused(/^the link mark's href is not/));
    expect(sendChange(guardSetup(), (doc) => firstText(doc).format(0, 5, { link: { href: 'https://x.no', onclick: 'x' } }))).toEqual(
      refused('"onclick" is not an attribute of the link mark'),
    );
    expect(sendChange(guardSetup(), (doc) => firstText(doc).format(0, 5, { evilmark: { x: 1 } }))).toEqual(refused('"evilmark" is not a mark the editor has'));
    expect(sendChange(guardSetup(), (doc) => firstText(doc).insert(0, 'x', { bold: { x: 1 } }))).toEqual(refused('"x" is not an attribute of the bold mark'));
  });

  it('an element the editor does not have, anywhere', () => {
    for (const name of ['script', 'img', 'doc', 'text', '']) {
      expect(sendChange(guardSetup(), (doc) => narrativeFragment(doc).insert(1, [new Y.XmlElement(name)]))).toEqual(refused(/is not a node the editor has$/));
    }
    expect(sendChange(guardSetup(), (doc) => firstParagraph(doc).insert(1, [new Y.XmlElement('img')]))).toEqual(refused('"img" is not a node the editor has'));
    const inQuote = sendChange(guardSetup(), (doc) => {
      const quote = new Y.XmlElement('blockquote');
      quote.insert(0, [new Y.XmlElement('script')]);
      narrativeFragment(doc).insert(0, [quote]);
    });
    expect(inQuote).toEqual(refused('"script" is not a node the editor has'));
  });

  it('a text straight in the narrative, or in a node that holds no text', () => {
    expect(sendChange(guardSetup(), (doc) => narrativeFragment(doc).insert(0, [new Y.XmlText('løs tekst')]))).toEqual(refused(/^a text straight in the narrative/));
    for (const name of ['blockquote', 'bulletList', 'listItem', 'table', 'tableRow', 'tableCell', 'hardBreak', 'horizontalRule']) {
      const verdict = sendChange(guardSetup(), (doc) => {
        const element = new Y.XmlElement(name);
        element.insert(0, [new Y.XmlText('tekst')]);
        narrativeFragment(doc).insert(1, [element]);
      });
      expect(verdict).toEqual(refused(`a text in "${name}", which holds no text`));
    }
  });

  it('cell spans and widths past the table limits, an alignment that is CSS, and any attribute the node does not have', () => {
    for (const colspan of [21, 100_000, 1e6, '1e9', 0, null]) {
      expect(sendChange(guardSetup(), (doc) => narrativeFragment(doc).insert(1, [table({ colspan })]))).toEqual(refused(/^tableCell colspan is not/));
    }
    expect(sendChange(guardSetup(), (doc) => narrativeFragment(doc).insert(1, [table({ rowspan: 501 })]))).toEqual(refused(/^tableCell rowspan is not/));
    expect(sendChange(guardSetup(), (doc) => narrativeFragment(doc).insert(1, [table({ colwidth: [1e9] })]))).toEqual(refused(/^tableCell colwidth is not/));
    const css = 'left; position:fixed; inset:0; z-index:2147483647; background:red';
    expect(sendChange(guardSetup(), (doc) => narrativeFragment(doc).insert(1, [table({ align: css })]))).toEqual(refused(/^tableCell align is not/));
    expect(sendChange(guardSetup(), (doc) => narrativeFragment(doc).insert(1, [table({ style: 'color:red' })]))).toEqual(refused('"style" is not an attribute of tableCell'));
    expect(sendChange(guardSetup(), (doc) => firstParagraph(doc).setAttribute('textAlign', 'left'))).toEqual(refused('"textAlign" is not an attribute of paragraph'));
    const heading = new Y.XmlElement('heading');
    heading.setAttribute('level', 9 as unknown as string);
    expect(sendChange(guardSetup(), (doc) => narrativeFragment(doc).insert(0, [heading]))).toEqual(refused(/^heading level is not/));
    // A Yjs type as an attribute's value.
    expect(sendChange(guardSetup(), (doc) => firstParagraph(doc).setAttribute('level', new Y.Map() as unknown as string))).toEqual(refused(/^attribute "level" of paragraph is a Y.Map/));
  });

  it('a bad value set over a good one: the update names the old value as its neighbour, not the element or the key', () => {
    const s = guardSetup((doc) => narrativeFragment(doc).insert(0, [table({ colspan: 2 })]));
    const cell = (doc: Y.Doc) => ((narrativeFragment(doc).get(0) as Y.XmlElement).get(0) as Y.XmlElement).get(0) as Y.XmlElement;
    expect(sendChange(s, (doc) => cell(doc).setAttribute('colspan', 3 as unknown as string)).kind).toBe('apply');
    const before = Y.encodeStateVector(s.client);
    cell(s.client).setAttribute('colspan', 100_000 as unknown as string);
    const update = Y.encodeStateAsUpdate(s.client, before);
    const [item] = Y.decodeUpdate(update).structs as Y.Item[];
    expect({ parent: item!.parent, parentSub: item!.parentSub, origin: item!.origin !== null }).toEqual({ parent: null, parentSub: null, origin: true });
    expect(sendUpdate(s, update)).toEqual(refused(/^tableCell colspan is not/));
    expect(cell(s.server).getAttribute('colspan')).toBe(3);
  });

  it('formatting stored before the checks is put back after text typed inside it, and not written anew', () => {
    const s = guardSetup((doc) => {
      appendParagraphs(narrativeFragment(doc), ['Lenke uten adresse.']);
      firstText(doc).format(0, 5, { link: {}, evilmark: { x: 1 } });
    });
    // Yjs ends the stored marks before the typed text and puts them back after it.
    expect(sendChange(s, (doc) => firstText(doc).insert(2, 'ny', { link: null, evilmark: null, bold: {} })).kind).toBe('apply');
    expect(firstText(s.server).toDelta()).toEqual(firstText(s.client).toDelta());
    expect(sendChange(s, (doc) => firstText(doc).format(8, 3, { link: {} }))).toEqual(refused(/^the link mark's href is not/));
    expect(sendChange(guardSetup(), (doc) => firstText(doc).insert(2, 'ny', { link: {} }))).toEqual(refused(/^the link mark's href is not/));
  });

  it('an embed or a type inside a text', () => {
    expect(sendChange(guardSetup(), (doc) => firstText(doc).insertEmbed(2, { image: 'x.png' }))).toEqual(refused(/^a text holding an embed/));
    expect(sendChange(guardSetup(), (doc) => firstText(doc).insertEmbed(2, new Y.XmlElement('paragraph') as unknown as object))).toEqual(refused(/^a text holding a Y\.XmlFragment/));
  });
});

describe('the update guard refuses a run of more than MAX_COMBINING_RUN combining marks, however it is built', () => {
  it('300,000 marks on one letter', () => {
    expect(sendChange(guardSetup(), (doc) => firstText(doc).insert(1, marks(300_000)))).toEqual(refused(RUN));
    expect(narrativeText(narrativeFragment(guardSetup().server))).not.toContain('\u0301');
  });

  it('one mark at a time, at the end of a run or at its start, as an editor types', () => {
    const s = guardSetup();
    for (let i = 0; i < MAX_COMBINING_RUN; i++) expect(sendChange(s, (doc) => firstText(doc).insert(1, '\u0301')).kind).toBe('apply');
    expect(sendChange(s, (doc) => firstText(doc).insert(1 + MAX_COMBINING_RUN, '\u0300'))).toEqual(refused(RUN));
    const t = guardSetup();
    for (let i = 0; i < MAX_COMBINING_RUN; i++) expect(sendChange(t, (doc) => firstText(doc).insert(1 + i, '\u0301')).kind).toBe('apply');
    // Before the run's first mark: the update names it as the right neighbour.
    expect(sendChange(t, (doc) => firstText(doc).insert(1, '\u0300'))).toEqual(refused(RUN));
    expect(firstText(t.server).toJSON()).toBe(`F${marks(MAX_COMBINING_RUN)}ørste avsnitt.`);
  });

  it('short runs next to each other in one update, and runs either side of a new string of marks', () => {
    const half = marks(MAX_COMBINING_RUN / 2 + 1);
    expect(sendChange(guardSetup(), (doc) => doc.transact(() => [1, 1 + half.length].forEach((at) => firstText(doc).insert(at, half, { bold: {} }))))).toEqual(refused(RUN));
    expect(sendChange(guardSetup(), (doc) => doc.transact(() => [1, 1].forEach((at) => firstText(doc).insert(at, half))))).toEqual(refused(RUN));
    const s = guardSetup();
    expect(sendChange(s, (doc) => firstText(doc).insert(1, `${half}x${half}`)).kind).toBe('apply');
    // Deleting the letter between two runs joins them.
    expect(sendChange(s, (doc) => firstText(doc).delete(1 + half.length, 1))).toEqual(refused(RUN));
    // A string of marks only, between two runs.
    expect(sendChange(s, (doc) => firstText(doc).insert(1 + half.length, '\u0300'))).toEqual(refused(RUN));
  });

  it('runs joined by deleting the letters between them, in one update', () => {
    const few = marks(4);
    /** Runs of 4 marks after F, a, b, c and d; then the letters at `letters` (of F's run's next four) deleted in one update. */
    const deleting = (letters: number[]) => {
      const s = guardSetup();
      expect(sendChange(s, (doc) => firstText(doc).insert(1, `${few}a${few}b${few}c${few}d${few}`)).kind).toBe('apply');
      const verdict = sendChange(s, (doc) => doc.transact(() => letters.forEach((letter) => firstText(doc).delete(letter * 5, 1))));
      return { verdict, text: firstText(s.server).toJSON() };
    };
    expect(deleting([4, 3, 2, 1]).verdict).toEqual(refused(RUN));
    expect(deleting([4, 2]).verdict.kind).toBe('apply');
    // Three of the four letters: 16 in a row is the most, and taken.
    const three = deleting([3, 2, 1]);
    expect(three.verdict.kind).toBe('apply');
    expect(three.text).toBe(`F${marks(16)}d${few}ørste avsnitt.`);
  });

  it('runs joined by deleting, in the same update, the letter between them in a string it brings', () => {
    const s = guardSetup();
    const half = marks(MAX_COMBINING_RUN / 2 + 1);
    const before = Y.encodeStateVector(s.client);
    firstText(s.client).insert(1, `a${half}x${half}b`);
    const inserted = Y.encodeStateAsUpdate(s.client, before);
    const afterInsert = Y.encodeStateVector(s.client);
    firstText(s.client).delete(2 + half.length, 1);
    // One update: the string whole (as it was written) and the deletion of its x.
    const update = Y.mergeUpdates([inserted, Y.encodeStateAsUpdate(s.client, afterInsert)]);
    expect(Y.decodeUpdate(update).structs).toHaveLength(1);
    expect(sendUpdate(s, update)).toEqual(refused(RUN));
  });

  it('marks written beside an edit the sender did not see are counted where Yjs puts them', () => {
    const s = guardSetup();
    const stale = new Y.Doc();
    Y.applyUpdate(stale, Y.encodeStateAsUpdate(s.server));
    expect(sendChange(s, (doc) => firstText(doc).insert(1, marks(10))).kind).toBe('apply');
    const before = Y.encodeStateVector(stale);
    (firstParagraph(stale).get(0) as Y.XmlText).insert(1, marks(10));
    expect(sendUpdate(s, Y.encodeStateAsUpdate(stale, before))).toEqual(refused(RUN));
    const fewer = Y.encodeStateVector(stale);
    (firstParagraph(stale).get(0) as Y.XmlText).insert(1, marks(3));
    // Only the second edit: it builds on the refused one, so the server must resync it.
    expect(sendUpdate(s, Y.encodeStateAsUpdate(stale, fewer)).kind).toBe('missingDependencies');
  });

  it('marks next to more tombstones than a walk looks through are counted exactly', () => {
    const s = guardSetup();
    expect(sendChange(s, (doc) => firstText(doc).insert(1, `${marks(10)}b`)).kind).toBe('apply');
    // 300 letters typed backwards (each its own item), then deleted: tombstones between the run and the letter.
    for (let i = 0; i < 300; i++) expect(sendChange(s, (doc) => firstText(doc).insert(11, 'x')).kind).toBe('apply');
    expect(sendChange(s, (doc) => firstText(doc).delete(11, 300)).kind).toBe('apply');
    expect(sendChange(s, (doc) => firstText(doc).insert(12, marks(10))).kind).toBe('apply');
    expect(sendChange(s, (doc) => firstText(doc).delete(11, 1))).toEqual(refused(RUN));
    // A client that has the server's copy (the one above keeps its refused deletion, and sends it again).
    const fresh = { ...s, client: new Y.Doc() };
    Y.applyUpdate(fresh.client, Y.encodeStateAsUpdate(s.server));
    expect(sendChange(fresh, (doc) => firstText(doc).insert(11, '\u0300')).kind).toBe('apply');
    expect(sendChange(fresh, (doc) => firstText(doc).insert(11, marks(6)))).toEqual(refused(RUN));
  });
});

describe('everything the editor writes passes', () => {
  it('a document with every node and mark, as y-tiptap converts it, and as the editor changes one into it', () => {
    const schema = editorSchema();
    const json = schema.nodeFromJSON(EVERY_NODE_AND_MARK).toJSON() as PmNode;
    /** The narrative as the editor reads it (attributes y-prosemirror leaves out at their defaults). */
    const stored = (doc: Y.Doc): unknown => schema.nodeFromJSON(readNarrative(narrativeFragment(doc)).doc).toJSON();
    const s = guardSetup(() => undefined);
    expect(sendUpdate(s, Y.encodeStateAsUpdate(prosemirrorJSONToYDoc(schema, json, NARRATIVE_FIELD))).kind).toBe('apply');
    expect(stored(s.server)).toEqual(json);
    const t = guardSetup();
    expect(sendChange(t, restoreTo(json)).kind).toBe('apply');
    expect(stored(t.server)).toEqual(json);
  });

  it('typing, letter by letter and with marks, decomposed accents, formatting, deleting', () => {
    const s = guardSetup();
    const word = 'Blåbær og crème brûlée'.normalize('NFD');
    for (let i = 0; i < word.length; i++) expect(sendChange(s, (doc) => firstText(doc).insert(5 + i, word[i]!, i < 5 ? { bold: {} } : undefined)).kind).toBe('apply');
    expect(sendChange(s, (doc) => firstText(doc).format(5, 8, { link: { href: 'https://www.regjeringen.no', target: '_blank', rel: null, class: null, title: null } })).kind).toBe('apply');
    expect(sendChange(s, (doc) => firstText(doc).format(5, 8, { link: null, italic: true })).kind).toBe('apply');
    for (let i = 0; i < 6; i++) expect(sendChange(s, (doc) => firstText(doc).delete(5 + word.length - 1 - i, 1)).kind).toBe('apply');
    expect(sendChange(s, (doc) => firstText(doc).delete(0, 12)).kind).toBe('apply');
    expect(sendChange(s, (doc) => firstText(doc).insert(0, 'e\u0301\u0302 ')).kind).toBe('apply');
    expect(firstText(s.server).toJSON()).toBe(firstText(s.client).toJSON());
  });
});
