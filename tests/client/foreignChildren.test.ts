import { getSchema } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { dropForeignChildren } from '../../client/src/editor/foreignChildren.js';
import { NARRATIVE_FIELD } from '../../shared/documentLayout.js';
import { TABLE_EXTENSIONS } from '../../shared/editorNodes.js';
import { appendParagraphs, narrativeText } from '../../shared/narrative.js';
import { appendForeign, FOREIGN_KINDS, foreignItemsOf, type ForeignKind } from '../helpers/foreignChildren.js';

/**
 * A document stored before the server refused them may bring children that are neither
 * elements nor texts; y-prosemirror's binding throws on them. The session drops them from its
 * copy before any observer sees them (client/src/editor/foreignChildren.ts).
 */

const schema = getSchema([StarterKit.configure({ undoRedo: false }), ...TABLE_EXTENSIONS]);
/** The origin the session gives the deletion (its provider). */
const PROVIDER = Symbol('provider');

/** A stored document: two paragraphs and a list item, with `kinds` in the fragment, the first paragraph and the list item. */
function storedState(kinds: readonly ForeignKind[]): Uint8Array {
  const doc = new Y.Doc();
  const fragment = doc.getXmlFragment(NARRATIVE_FIELD);
  for (const kind of kinds) appendForeign(fragment, kind);
  appendParagraphs(fragment, ['Første.', 'Andre.']);
  doc.transact(() => {
    const item = new Y.XmlElement('listItem');
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText('Punkt.')]);
    item.insert(0, [paragraph]);
    const list = new Y.XmlElement('bulletList');
    list.insert(0, [item]);
    fragment.insert(fragment.length, [list]);
    // In the same update as the elements it is in (no event of its own names it).
    for (const kind of kinds) appendForeign(item, kind);
  });
  const first = fragment.toArray().find((child): child is Y.XmlElement => child instanceof Y.XmlElement)!;
  for (const kind of kinds) appendForeign(first, kind);
  return Y.encodeStateAsUpdate(doc);
}

/** Every element of a fragment, found without recursion. */
function elementsOf(fragment: Y.XmlFragment): Y.XmlElement[] {
  const found: Y.XmlElement[] = [];
  const pending: Y.XmlFragment[] = [fragment];
  while (pending.length > 0) {
    for (const child of pending.pop()!.toArray()) {
      if (!(child instanceof Y.XmlElement)) continue;
      found.push(child);
      pending.push(child);
    }
  }
  return found;
}

/** A session's copy: foreign children dropped, and y-prosemirror's rendering run by an observer registered after, as the editor's binding is. */
function sessionCopy(): { doc: Y.Doc; fragment: Y.XmlFragment; rendered: string[]; origins: unknown[] } {
  const doc = new Y.Doc();
  const fragment = doc.getXmlFragment(NARRATIVE_FIELD);
  dropForeignChildren(doc, fragment, PROVIDER);
  const rendered: string[] = [];
  fragment.observeDeep(() => rendered.push(yXmlFragmentToProseMirrorRootNode(fragment, schema).textContent));
  const origins: unknown[] = [];
  doc.on('update', (_update: Uint8Array, origin: unknown) => origins.push(origin));
  return { doc, fragment, rendered, origins };
}

describe("the session's copy of a narrative holds no child y-prosemirror cannot render", () => {
  it('the binding renders a stored document with every kind without throwing; they are deleted, by the provider as origin', () => {
    const { doc, fragment, rendered, origins } = sessionCopy();
    expect(() => Y.applyUpdate(doc, storedState(FOREIGN_KINDS), 'server')).not.toThrow();
    expect(rendered[0]).toBe('Første.Andre.Punkt.');
    expect(foreignItemsOf(fragment)).toEqual([]);
    for (const element of elementsOf(fragment)) expect(foreignItemsOf(element)).toEqual([]);
    expect(narrativeText(fragment)).toBe('Første.\n\nAndre.\n\nPunkt.');
    expect(origins).toEqual(['server', PROVIDER]);
  });

  it.each(FOREIGN_KINDS)('%s arriving later, in the fragment or an element, is never seen by the binding', (kind) => {
    const { doc, fragment, rendered } = sessionCopy();
    Y.applyUpdate(doc, storedState([]));
    const remote = new Y.Doc();
    Y.applyUpdate(remote, Y.encodeStateAsUpdate(doc));
    const remoteFragment = remote.getXmlFragment(NARRATIVE_FIELD);
    const updates: Uint8Array[] = [];
    remote.on('update', (update: Uint8Array) => updates.push(update));
    appendForeign(remoteFragment, kind);
    appendForeign(remoteFragment.get(0) as Y.XmlElement, kind);
    for (const update of updates) expect(() => Y.applyUpdate(doc, update)).not.toThrow();
    expect(rendered.every((text) => text === 'Første.Andre.Punkt.')).toBe(true);
    expect(foreignItemsOf(fragment)).toEqual([]);
    expect(foreignItemsOf(fragment.get(0) as Y.XmlElement)).toEqual([]);
  });

  it("leaves this person's own edits alone, and stops when asked", () => {
    const doc = new Y.Doc();
    const fragment = doc.getXmlFragment(NARRATIVE_FIELD);
    const stop = dropForeignChildren(doc, fragment, PROVIDER);
    appendParagraphs(fragment, ['Eget avsnitt.']);
    (fragment.get(0) as Y.XmlElement).setAttribute('textAlign', 'left');
    expect(narrativeText(fragment)).toBe('Eget avsnitt.');
    stop();
    appendForeign(fragment, 'number');
    expect(foreignItemsOf(fragment)).toHaveLength(1);
  });
});
