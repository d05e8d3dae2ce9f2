import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { appendParagraphs, narrativeFragment, narrativeText } from '../../shared/narrative.js';
import type { PmNode } from '../../shared/prosemirror.js';
import { applyInNarrative } from '../../client/src/suggestions/narrativeSuggestion.js';
import { restoreTo } from '../../server/history/restoreEdit.js';
import type { UpdateVerdict } from '../../server/sync/updateGuard.js';
import { appendForeign, FOREIGN_KINDS, foreignItemsOf } from '../helpers/foreignChildren.js';
import { firstParagraph, guardSetup, sendChange, type GuardSetup } from '../helpers/guard.js';

/**
 * The update guard (server/sync/updateGuard.ts) keeps a narrative's document the shape
 * y-prosemirror writes and every reader expects: one Y.XmlFragment whose children, and whose
 * elements' children, are elements and texts. Anything else is refused as over a limit; every
 * edit the editor and the server's own edits make still passes.
 */

/** sendChange, first checking that the change wrote something (a struct or a deletion). */
function send(s: GuardSetup, change: (doc: Y.Doc) => void): UpdateVerdict {
  const sizeBefore = Y.encodeStateAsUpdate(s.client).byteLength;
  return sendChange(s, (doc) => {
    const before = Y.encodeStateVector(doc);
    change(doc);
    const written = Y.encodeStateAsUpdate(doc, before).byteLength > 2 || Y.encodeStateAsUpdate(doc).byteLength !== sizeBefore;
    expect(written, 'the change wrote something').toBe(true);
  });
}

const refusedChild = { kind: 'limit', detail: expect.stringMatching(/^a child that is .*elements and texts only$/) as unknown };

describe('the update guard refuses a child that is neither an element nor a text', () => {
  it.each(FOREIGN_KINDS)('%s in the narrative fragment', (kind) => {
    const s = guardSetup();
    expect(send(s, (doc) => appendForeign(narrativeFragment(doc), kind))).toEqual(refusedChild);
    expect(foreignItemsOf(narrativeFragment(s.server))).toEqual([]);
  });

  it.each(FOREIGN_KINDS)('%s in a paragraph', (kind) => {
    const s = guardSetup();
    expect(send(s, (doc) => appendForeign(firstParagraph(doc), kind))).toEqual(refusedChild);
    expect(foreignItemsOf(firstParagraph(s.server))).toEqual([]);
  });

  it.each(FOREIGN_KINDS)('%s in a list item the same update brings', (kind) => {
    const s = guardSetup();
    const verdict = send(s, (doc) =>
      doc.transact(() => {
        const item = new Y.XmlElement('listItem');
        const list = new Y.XmlElement('bulletList');
        list.insert(0, [item]);
        narrativeFragment(doc).insert(1, [list]);
        item.insert(0, [new Y.XmlElement('paragraph')]);
        appendForeign(item, kind);
      }),
    );
    expect(verdict).toEqual(refusedChild);
    expect(narrativeFragment(s.server).length).toBe(2);
  });

  it('in the middle of a paragraph, between its texts, named by its neighbours only', () => {
    const s = guardSetup();
    const verdict = send(s, (doc) =>
      doc.transact((transaction) => {
        const paragraph = firstParagraph(doc);
        paragraph.insert(1, [new Y.XmlElement('hardBreak'), new Y.XmlText('etter')]);
        const left = paragraph._start!;
        const right = left.right!;
        const id = Y.createID(doc.clientID, Y.getState(doc.store, doc.clientID));
        new Y.Item(id, left, left.lastId, right, right.id, paragraph, null, new Y.ContentAny([7])).integrate(transaction, 0);
      }),
    );
    expect(verdict).toEqual(refusedChild);
  });

  it('content at another root, attributes on the fragment, and content inside a type the narrative does not hold', () => {
    const refusedOutside = { kind: 'limit', detail: expect.stringMatching(/^content outside the narrative/) as unknown };
    expect(send(guardSetup(), (doc) => doc.getMap('annet').set('a', 1))).toEqual(refusedOutside);
    expect(send(guardSetup(), (doc) => doc.getArray('annet').push([1]))).toEqual(refusedOutside);
    expect(send(guardSetup(), (doc) => doc.getText('annet').insert(0, 'tekst'))).toEqual(refusedOutside);
    expect(send(guardSetup(), (doc) => doc.getXmlFragment('annet').insert(0, [new Y.XmlElement('paragraph')]))).toEqual(refusedOutside);
    const onFragment = send(guardSetup(), (doc) =>
      doc.transact((transaction) => {
        const id = Y.createID(doc.clientID, Y.getState(doc.store, doc.clientID));
        new Y.Item(id, null, null, null, null, narrativeFragment(doc), 'lang', new Y.ContentAny(['nb'])).integrate(transaction, 0);
      }),
    );
    expect(onFragment).toEqual({ kind: 'limit', detail: 'attributes on the narrative fragment' });
    // A Y.Array stored in the fragment before the guard refused it takes nothing more.
    const stored = () =>
      guardSetup((doc) => {
        appendParagraphs(narrativeFragment(doc), ['Før.']);
        appendForeign(narrativeFragment(doc), 'Y.Array');
        appendForeign(narrativeFragment(doc), 'Y.Map');
      });
    expect(send(stored(), (doc) => (narrativeFragment(doc).get(1) as unknown as Y.Array<number>).push([2]))).toEqual(refusedOutside);
    expect(send(stored(), (doc) => (narrativeFragment(doc).get(2) as unknown as Y.Map<number>).set('b', 2))).toEqual(refusedOutside);
  });
});

/** A document as the editor writes it: headings, marks, a link, a hard break, lists in lists, a table with widths, a quote, code. */
const RICH: PmNode = {
  type: 'doc',
  content: [
    { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Status' }] },
    {
      type: 'paragraph',
      content: [
        { type: 'text', text: 'Viktig', marks: [{ type: 'bold' }] },
        { type: 'text', text: ' og ' },
        { type: 'text', text: 'lenke', marks: [{ type: 'link', attrs: { href: 'https://example.org' } }] },
        { type: 'hardBreak' },
        { type: 'text', text: 'ny linje' },
      ],
    },
    {
      type: 'bulletList',
      content: [
        {
          type: 'listItem',
          content: [
            { type: 'paragraph', content: [{ type: 'text', text: 'Punkt' }] },
            { type: 'orderedList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Under' }] }] }] },
          ],
        },
      ],
    },
    {
      type: 'table',
      content: [
        {
          type: 'tableRow',
          content: [
            { type: 'tableHeader', attrs: { colspan: 1, rowspan: 1, colwidth: [120] }, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'A' }] }] },
            { type: 'tableHeader', attrs: { colspan: 1, rowspan: 1, colwidth: null }, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'B' }] }] },
          ],
        },
        {
          type: 'tableRow',
          content: [{ type: 'tableCell', attrs: { colspan: 2, rowspan: 1, colwidth: null }, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'C' }] }] }],
        },
      ],
    },
    { type: 'blockquote', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Sitat', marks: [{ type: 'italic' }] }] }] },
    { type: 'codeBlock', attrs: { language: 'js' }, content: [{ type: 'text', text: 'x = 1' }] },
  ],
};

/** RICH edited: another heading level, marks changed, a list item gone, a table row more, widths set. */
const EDITED: PmNode = {
  type: 'doc',
  content: [
    { type: 'heading', attrs: { level: 3 }, content: [{ type: 'text', text: 'Status nå' }] },
    {
      type: 'paragraph',
      content: [
        { type: 'text', text: 'Viktig', marks: [{ type: 'italic' }] },
        { type: 'text', text: ' og ' },
        { type: 'text', text: 'lenke', marks: [{ type: 'link', attrs: { href: 'https://example.org/ny' } }] },
      ],
    },
    { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Punkt' }] }] }] },
    {
      type: 'table',
      content: [
        {
          type: 'tableRow',
          content: [
            { type: 'tableCell', attrs: { colspan: 1, rowspan: 1, colwidth: [200] }, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'A' }] }] },
            { type: 'tableCell', attrs: { colspan: 1, rowspan: 1, colwidth: [80] }, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'B' }] }] },
          ],
        },
        {
          type: 'tableRow',
          content: [{ type: 'tableCell', attrs: { colspan: 2, rowspan: 1, colwidth: null }, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'C' }] }] }],
        },
        {
          type: 'tableRow',
          content: [
            { type: 'tableCell', attrs: { colspan: 1, rowspan: 1, colwidth: null }, content: [{ type: 'paragraph' }] },
            { type: 'tableCell', attrs: { colspan: 1, rowspan: 1, colwidth: null }, content: [{ type: 'paragraph' }] },
          ],
        },
      ],
    },
    { type: 'codeBlock', attrs: { language: 'ts' }, content: [{ type: 'text', text: 'x = 2' }] },
  ],
};

describe('every edit the editor and the server make still passes', () => {
  it("the editor's own writes (y-prosemirror's diff): blocks, marks, links, lists, tables, attributes, deletions", () => {
    const s = guardSetup();
    expect(send(s, restoreTo(RICH)).kind).toBe('apply');
    expect(send(s, restoreTo(EDITED)).kind).toBe('apply');
    expect(narrativeText(narrativeFragment(s.server))).toBe(narrativeText(narrativeFragment(s.client)));
    expect(narrativeText(narrativeFragment(s.server))).toContain('Status nå');
    expect(send(s, restoreTo(RICH)).kind).toBe('apply');
    expect(narrativeText(narrativeFragment(s.server))).toContain('Sitat');
  });

  it('typing, formatting, attributes set and set again, deletions, suggestions and imports', () => {
    const s = guardSetup();
    const textOf = (doc: Y.Doc) => firstParagraph(doc).get(0) as Y.XmlText;
    expect(send(s, (doc) => textOf(doc).insert(5, ' midt i', { bold: true })).kind).toBe('apply');
    expect(send(s, (doc) => textOf(doc).format(0, 5, { italic: true })).kind).toBe('apply');
    expect(send(s, (doc) => textOf(doc).format(0, 5, { italic: null })).kind).toBe('apply');
    expect(send(s, (doc) => textOf(doc).delete(0, 2)).kind).toBe('apply');
    const heading = (doc: Y.Doc) => narrativeFragment(doc).get(2) as Y.XmlElement;
    expect(send(s, (doc) => narrativeFragment(doc).insert(2, [new Y.XmlElement('heading')])).kind).toBe('apply');
    expect(send(s, (doc) => heading(doc).setAttribute('level', 2 as unknown as string)).kind).toBe('apply');
    // The second value names the first as its neighbour, so the update leaves its parent and key out.
    expect(send(s, (doc) => heading(doc).setAttribute('level', 3 as unknown as string)).kind).toBe('apply');
    expect(send(s, (doc) => applyInNarrative(doc, narrativeFragment(doc), { find: 'Andre avsnitt', replace: 'Andre, rettede avsnitt' })).kind).toBe('apply');
    expect(send(s, (doc) => appendParagraphs(narrativeFragment(doc), ['Importert.', [{ text: 'lenke', href: 'https://example.org' }]])).kind).toBe('apply');
    expect(send(s, (doc) => narrativeFragment(doc).delete(0, 1)).kind).toBe('apply');
    expect(narrativeText(narrativeFragment(s.server))).toBe(narrativeText(narrativeFragment(s.client)));
    expect(narrativeText(narrativeFragment(s.server))).toContain('Andre, rettede avsnitt');
  });

  it('next to a foreign child stored before the guard refused it: edits beside it, and its deletion', () => {
    const s = guardSetup((doc) => {
      appendParagraphs(narrativeFragment(doc), ['Før.']);
      appendForeign(narrativeFragment(doc), 'number');
      appendForeign(firstParagraph(doc), 'Y.Map');
    });
    // Inserted right after the stored number: the update names it as the left neighbour.
    expect(send(s, (doc) => appendParagraphs(narrativeFragment(doc), ['Etter.'])).kind).toBe('apply');
    expect(send(s, (doc) => firstParagraph(doc).insert(firstParagraph(doc).length, [new Y.XmlText(' mer')])).kind).toBe('apply');
    expect(send(s, (doc) => narrativeFragment(doc).delete(1, 1)).kind).toBe('apply');
    expect(send(s, (doc) => firstParagraph(doc).delete(1, 1)).kind).toBe('apply');
    expect(foreignItemsOf(narrativeFragment(s.server))).toEqual([]);
    expect(foreignItemsOf(firstParagraph(s.server))).toEqual([]);
    expect(narrativeText(narrativeFragment(s.server))).toBe('Før. mer\n\nEtter.');
  });
});
