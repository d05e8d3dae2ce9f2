import { getSchema } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { prosemirrorJSONToYXmlFragment, ySyncPluginKey, yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { dropForeignChildren, judgeReceived } from '../../client/src/editor/foreignChildren.js';
import { LINK_OPTIONS } from '../../client/src/editor/links.js';
import { NARRATIVE_FIELD } from '../../shared/documentLayout.js';
import { TABLE_EXTENSIONS } from '../../shared/editorNodes.js';
import { linkMarkAttrs } from '../../shared/narrative.js';

/**
 * A document stored before the server checked content against the editor's schema may hold
 * nodes, marks and attributes the editor does not have, or values that break it. The session
 * deletes them from its copy before y-prosemirror's binding renders (client/src/editor/foreignChildren.ts):
 * the items themselves, so the state vector stays the server's. The schema's checks load apart
 * (client/src/editor/unrenderable.ts); the editor waits for them (judgeReceived).
 */

const schema = getSchema([StarterKit.configure({ undoRedo: false, link: LINK_OPTIONS }), ...TABLE_EXTENSIONS]);
/** The origin the session gives the deletion (its provider). */
const PROVIDER = Symbol('provider');

const CSS = 'left; position: fixed; inset: 0; z-index: 2147483647; background: red';

/** A node as stored: `[name, attributes, children]`, or a text with its formatting runs. */
type Stored = readonly [string, Record<string, unknown>, readonly Stored[]] | { runs: readonly [string, Record<string, unknown>?][] };

function build(node: Stored): Y.XmlElement | Y.XmlText {
  if (!Array.isArray(node)) {
    const text = new Y.XmlText();
    let at = 0;
    for (const [chars, formatting] of (node as { runs: readonly [string, Record<string, unknown>?][] }).runs) {
      text.insert(at, chars, formatting ?? {});
      at += chars.length;
    }
    return text;
  }
  const [name, attributes, children] = node as readonly [string, Record<string, unknown>, readonly Stored[]];
  const element = new Y.XmlElement(name);
  // Any value: what a client can send, whatever the typing says.
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, value as string);
  element.insert(0, children.map(build));
  return element;
}

const text = (chars: string, formatting?: Record<string, unknown>): Stored => ({ runs: [[chars, formatting]] });
const paragraph = (...children: Stored[]): Stored => ['paragraph', {}, children];
const cell = (attributes: Record<string, unknown>, chars: string): Stored => ['tableCell', attributes, [paragraph(text(chars))]];
const table = (...rows: Stored[][]): Stored => ['table', {}, rows.map((cells): Stored => ['tableRow', {}, cells])];

/** A stored document's update: `nodes` in the narrative, in one transaction (as a sync brings them). */
function storedUpdate(nodes: readonly Stored[]): { update: Uint8Array; doc: Y.Doc } {
  const doc = new Y.Doc();
  const fragment = doc.getXmlFragment(NARRATIVE_FIELD);
  fragment.insert(0, nodes.map(build));
  return { update: Y.encodeStateAsUpdate(doc), doc };
}

/**
 * A session's copy: unrenderable content dropped, and y-prosemirror's rendering run by an
 * observer registered after, as the editor's binding is (its deletions have ySyncPluginKey as origin).
 */
function sessionCopy() {
  const doc = new Y.Doc();
  const fragment = doc.getXmlFragment(NARRATIVE_FIELD);
  dropForeignChildren(doc, fragment, PROVIDER);
  const rendered: unknown[] = [];
  fragment.observeDeep(() => rendered.push(yXmlFragmentToProseMirrorRootNode(fragment, schema).toJSON()));
  const origins: unknown[] = [];
  doc.on('update', (_update: Uint8Array, origin: unknown) => origins.push(origin));
  return { doc, fragment, rendered, origins };
}

/** The document as the editor shows it (ProseMirror JSON). */
const shown = (fragment: Y.XmlFragment): unknown => yXmlFragmentToProseMirrorRootNode(fragment, schema).toJSON();

/** The same document made by the editor's schema, as y-prosemirror stores it. */
function editorWritten(json: Record<string, unknown>): Y.XmlFragment {
  const fragment = new Y.Doc().getXmlFragment(NARRATIVE_FIELD);
  prosemirrorJSONToYXmlFragment(schema, json, fragment);
  return fragment;
}

describe("the session's copy of a narrative holds nothing the editor's schema cannot render", () => {
  beforeAll(() => judgeReceived(new Y.Doc(), new Y.XmlFragment(), PROVIDER));

  it('keeps what the editor writes as it is: no deletion, nothing for the binding to delete', () => {
    const json = {
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Overskrift' }] },
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'Fet', marks: [{ type: 'bold' }] },
            { type: 'text', text: ' og ' },
            { type: 'text', text: 'lenke', marks: [{ type: 'link', attrs: linkMarkAttrs('https://www.regjeringen.no/') }, { type: 'italic' }] },
            { type: 'hardBreak' },
            { type: 'text', text: 'kode', marks: [{ type: 'code' }] },
            { type: 'text', text: ' strek', marks: [{ type: 'strike' }, { type: 'underline' }] },
          ],
        },
        { type: 'orderedList', attrs: { start: 3, type: null }, content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Punkt' }] }] }] },
        { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Kule' }] }] }] },
        { type: 'blockquote', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Sitat' }] }] },
        { type: 'codeBlock', attrs: { language: 'ts' }, content: [{ type: 'text', text: 'const a = 1;' }] },
        { type: 'horizontalRule' },
        {
          type: 'table',
          content: [
            {
              type: 'tableRow',
              content: [
                { type: 'tableHeader', attrs: { colspan: 2, rowspan: 1, colwidth: [120, 0], align: 'right' }, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'År' }] }] },
              ],
            },
            {
              type: 'tableRow',
              content: [
                { type: 'tableCell', attrs: { colspan: 1, rowspan: 1, colwidth: null, align: 'center' }, content: [{ type: 'paragraph', content: [{ type: 'text', text: '2012' }] }] },
                { type: 'tableCell', attrs: { colspan: 1, rowspan: 1, colwidth: null, align: null }, content: [{ type: 'paragraph' }] },
              ],
            },
          ],
        },
      ],
    };
    const written = editorWritten(json);
    const { doc, fragment, origins } = sessionCopy();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(written.doc!), 'server');
    expect(origins).toEqual(['server']);
    expect(shown(fragment)).toEqual(schema.nodeFromJSON(json).toJSON());
  });

  it('drops link marks without a string href, and unknown marks, keeping their text, unformatted', () => {
    const { update, doc: stored } = storedUpdate([
      paragraph({
        runs: [
          ['Ingen', { link: {} }],
          [' tall ', { link: { href: 42 } }],
          ['ond', { evilmark: { x: 1 } }],
          [' fet', { bold: true }],
          [' klasse', { link: { ...linkMarkAttrs('https://x.no/'), onclick: 'alert(1)' } }],
          [' lenke', { link: linkMarkAttrs('https://www.regjeringen.no/') }],
        ],
      }),
    ]);
    const { doc, fragment, rendered, origins } = sessionCopy();
    Y.applyUpdate(doc, update, 'server');
    expect(origins).toEqual(['server', PROVIDER]);
    // The binding renders after the deletion, each time the same.
    expect(new Set(rendered.map((json) => JSON.stringify(json)))).toEqual(new Set([JSON.stringify(shown(fragment))]));
    const marksOf = (json: unknown) =>
      (json as { content: { content: { text: string; marks?: { type: string }[] }[] }[] }).content[0]!.content.map((node) => [node.text, (node.marks ?? []).map((mark) => mark.type)]);
    expect(marksOf(shown(fragment))).toEqual([
      ['Ingen tall ond', []],
      [' fet', ['bold']],
      [' klasse', []],
      [' lenke', ['link']],
    ]);
    expect(Y.encodeStateVector(doc)).toEqual(Y.encodeStateVector(stored));
  });

  it('drops texts where no text goes: in the fragment, in a list, in a table row', () => {
    const { update, doc: stored } = storedUpdate([
      text('Løs først.'),
      paragraph(text('Avsnitt.')),
      ['bulletList', {}, [text('I listen.'), ['listItem', {}, [paragraph(text('Punkt.'))]]]],
      table([cell({}, 'Celle.')]),
      text('Løs sist.'),
    ]);
    const { doc, fragment, origins } = sessionCopy();
    expect(() => Y.applyUpdate(doc, update, 'server')).not.toThrow();
    expect(origins).toEqual(['server', PROVIDER]);
    expect(yXmlFragmentToProseMirrorRootNode(fragment, schema).textContent).toBe('Avsnitt.Punkt.Celle.');
    expect(fragment.toArray().map((child) => (child instanceof Y.XmlElement ? child.nodeName : 'text'))).toEqual(['paragraph', 'bulletList', 'table']);
    expect(Y.encodeStateVector(doc)).toEqual(Y.encodeStateVector(stored));
  });

  it('drops cell attributes the editor cannot take, so each goes back to its default, and keeps those it can', () => {
    const bad: Record<string, unknown>[] = [
      { colspan: 21 },
      { colspan: 1e6 },
      { colspan: '1e9' },
      { colspan: 0 },
      { colspan: 1.5 },
      { rowspan: 1e6 },
      { rowspan: -1 },
      { align: CSS },
      { colwidth: '1px; position: fixed' },
      { colwidth: [1e9] },
      { onclick: 'alert(1)' },
    ];
    const { update, doc: stored } = storedUpdate([table(bad.map((attributes, i) => cell(attributes, `${i}`)), [cell({ colspan: 2, rowspan: 1, align: 'right', colwidth: [80, 0] }, 'god')])]);
    const { doc, fragment, origins } = sessionCopy();
    Y.applyUpdate(doc, update, 'server');
    expect(origins).toEqual(['server', PROVIDER]);
    const rows = (fragment.get(0) as Y.XmlElement).toArray() as Y.XmlElement[];
    for (const child of (rows[0]!.toArray() as Y.XmlElement[])) expect(child.getAttributes()).toEqual({});
    expect((rows[1]!.get(0) as Y.XmlElement).getAttributes()).toEqual({ colspan: 2, rowspan: 1, align: 'right', colwidth: [80, 0] });
    const cells = (shown(fragment) as { content: { content: { content: { attrs: Record<string, unknown> }[] }[] }[] }).content[0]!.content[0]!.content;
    for (const shownCell of cells) expect(shownCell.attrs).toEqual({ colspan: 1, rowspan: 1, colwidth: null, align: null });
    expect(Y.encodeStateVector(doc)).toEqual(Y.encodeStateVector(stored));
  });

  it('drops elements that are no node, with what they hold, before the binding deletes them as an edit', () => {
    const { update, doc: stored } = storedUpdate([
      ['script', {}, [text('alert(1)')]],
      paragraph(text('Mellom.')),
      ['img', { src: 'x.png', onerror: 'alert(1)' }, []],
      ['doc', {}, [paragraph(text('Inni.'))]],
      ['text', {}, []],
    ]);
    const { doc, fragment, origins } = sessionCopy();
    Y.applyUpdate(doc, update, 'server');
    // Only the session's deletion: none by the binding (ySyncPluginKey), which would be sent as this person's.
    expect(origins).toEqual(['server', PROVIDER]);
    expect(origins).not.toContain(ySyncPluginKey);
    expect(fragment.toArray().map((child) => (child as Y.XmlElement).nodeName)).toEqual(['paragraph']);
    expect(Y.encodeStateVector(doc)).toEqual(Y.encodeStateVector(stored));
  });

  it('judges what arrives later too, on elements and texts stored before, looking only at what is new', () => {
    const { update } = storedUpdate([paragraph(text('Første avsnitt.')), table([cell({}, 'A'), cell({}, 'B')])]);
    const { doc, fragment, rendered, origins } = sessionCopy();
    Y.applyUpdate(doc, update, 'server');
    const remote = new Y.Doc();
    Y.applyUpdate(remote, Y.encodeStateAsUpdate(doc));
    const updates: Uint8Array[] = [];
    remote.on('update', (next: Uint8Array) => updates.push(next));
    const remoteFragment = remote.getXmlFragment(NARRATIVE_FIELD);
    const remoteCell = ((remoteFragment.get(1) as Y.XmlElement).get(0) as Y.XmlElement).get(0) as Y.XmlElement;
    remoteCell.setAttribute('colspan', 1e6 as unknown as string);
    remoteCell.setAttribute('align', CSS);
    ((remoteFragment.get(0) as Y.XmlElement).get(0) as Y.XmlText).format(0, 6, { link: { href: 42 } });
    remoteFragment.insert(0, [new Y.XmlText('Løs.')]);
    for (const next of updates) Y.applyUpdate(doc, next, 'server');
    const cellNow = ((fragment.get(1) as Y.XmlElement).get(0) as Y.XmlElement).get(0) as Y.XmlElement;
    expect(cellNow.getAttributes()).toEqual({});
    const runs = ((fragment.get(0) as Y.XmlElement).get(0) as Y.XmlText).toDelta() as { insert: string; attributes?: unknown }[];
    expect(runs.map((run) => run.insert).join('')).toBe('Første avsnitt.');
    expect(runs.filter((run) => run.attributes !== undefined)).toEqual([]);
    expect(fragment.length).toBe(2);
    expect(origins.filter((origin) => origin === PROVIDER)).toHaveLength(4);
    expect(rendered.at(-1)).toEqual(shown(fragment));
    // A keystroke from elsewhere: nothing to delete.
    const before = origins.length;
    ((remoteFragment.get(1) as Y.XmlElement).get(0) as Y.XmlText).insert(0, 'x');
    Y.applyUpdate(doc, updates.at(-1)!, 'server');
    expect(origins.slice(before)).toEqual(['server']);
  });

  it("leaves this person's own edits to the server, which judges them", () => {
    const doc = new Y.Doc();
    const fragment = doc.getXmlFragment(NARRATIVE_FIELD);
    dropForeignChildren(doc, fragment, PROVIDER);
    const long = `https://www.regjeringen.no/${'a'.repeat(3_000)}`;
    fragment.insert(0, [build(paragraph(text('Lang lenke', { link: linkMarkAttrs(long) })))]);
    expect(((fragment.get(0) as Y.XmlElement).get(0) as Y.XmlText).toDelta()).toEqual([{ insert: 'Lang lenke', attributes: { link: linkMarkAttrs(long) } }]);
  });

  it('judges what the copy received before the checks had loaded, once they have', async () => {
    vi.resetModules();
    const fresh = await import('../../client/src/editor/foreignChildren.js');
    const doc = new Y.Doc();
    const fragment = doc.getXmlFragment(NARRATIVE_FIELD);
    fresh.dropForeignChildren(doc, fragment, PROVIDER);
    const origins: unknown[] = [];
    doc.on('update', (_update: Uint8Array, origin: unknown) => origins.push(origin));
    const { update, doc: stored } = storedUpdate([text('Løs.'), paragraph(text('Ond', { evilmark: { x: 1 } })), table([cell({ colspan: 1e6 }, 'A')])]);
    Y.applyUpdate(doc, update, 'server');
    // Not loaded yet in this module: only foreign children would have gone.
    expect(origins).toEqual(['server']);
    await fresh.judgeReceived(doc, fragment, PROVIDER);
    expect(origins).toEqual(['server', PROVIDER]);
    expect(shown(fragment)).toEqual({
      type: 'doc',
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: 'Ond' }] },
        {
          type: 'table',
          content: [{ type: 'tableRow', content: [{ type: 'tableCell', attrs: { colspan: 1, rowspan: 1, colwidth: null, align: null }, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'A' }] }] }] }],
        },
      ],
    });
    expect(Y.encodeStateVector(doc)).toEqual(Y.encodeStateVector(stored));
    // And what comes after, at once.
    const remote = new Y.Doc();
    Y.applyUpdate(remote, Y.encodeStateAsUpdate(stored));
    const later: Uint8Array[] = [];
    remote.on('update', (next: Uint8Array) => later.push(next));
    remote.getXmlFragment(NARRATIVE_FIELD).insert(0, [new Y.XmlElement('script')]);
    Y.applyUpdate(doc, later[0]!, 'server');
    expect(fragment.toArray().map((child) => (child as Y.XmlElement).nodeName)).toEqual(['paragraph', 'table']);
  });
});
