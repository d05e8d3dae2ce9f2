import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { anchoredText, anchorFromTextPositions } from '../../shared/anchors.js';
import { appendParagraphs, fragmentToProseMirror, isNarrativeEmpty, narrativeFragment, narrativeText, readNarrative } from '../../shared/narrative.js';
import { narrativeBlocks, pmToPlainText } from '../../shared/narrativeBlocks.js';
import { appendForeign, FOREIGN_KINDS, type ForeignKind } from '../helpers/foreignChildren.js';

/**
 * Documents stored before the server refused them may hold, in the narrative fragment or in an
 * element, children that are neither elements nor texts. Every shared reader skips them.
 */

/** A narrative of two paragraphs (the first with a list after its text), with `kinds` among the fragment's children and the first paragraph's. */
function poisoned(kinds: readonly ForeignKind[]): Y.XmlFragment {
  const fragment = narrativeFragment(new Y.Doc());
  for (const kind of kinds) appendForeign(fragment, kind);
  appendParagraphs(fragment, ['Første avsnitt.', 'Andre avsnitt.']);
  const first = fragment.toArray().find((child): child is Y.XmlElement => child instanceof Y.XmlElement)!;
  for (const kind of kinds) appendForeign(first, kind);
  const list = new Y.XmlElement('bulletList');
  const item = new Y.XmlElement('listItem');
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText('Punkt.')]);
  item.insert(0, [paragraph]);
  list.insert(0, [item]);
  fragment.insert(fragment.length, [list]);
  for (const kind of kinds) appendForeign(item, kind);
  for (const kind of kinds) appendForeign(fragment, kind);
  return fragment;
}

const CLEAN = {
  type: 'doc',
  content: [
    { type: 'paragraph', content: [{ type: 'text', text: 'Første avsnitt.' }] },
    { type: 'paragraph', content: [{ type: 'text', text: 'Andre avsnitt.' }] },
    { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Punkt.' }] }] }] },
  ],
};

describe('the shared readers skip a child that is neither an element nor a text', () => {
  it.each(FOREIGN_KINDS)('%s: ProseMirror JSON, blocks, plain text and emptiness as if it were not there', (kind) => {
    const fragment = poisoned([kind]);
    expect(readNarrative(fragment)).toEqual({ doc: CLEAN, problem: null });
    expect(fragmentToProseMirror(fragment)).toEqual(CLEAN);
    expect(narrativeBlocks(fragmentToProseMirror(fragment))).not.toBeNull();
    expect(narrativeText(fragment)).toBe('Første avsnitt.\n\nAndre avsnitt.\n\nPunkt.');
    expect(pmToPlainText(fragmentToProseMirror(fragment))).toContain('Punkt.');
    expect(isNarrativeEmpty(fragment)).toBe(false);
  });

  it('every kind at once, first among the children (an `undefined` child does not end the list)', () => {
    expect(readNarrative(poisoned(FOREIGN_KINDS))).toEqual({ doc: CLEAN, problem: null });
  });

  it('a narrative holding nothing else is empty', () => {
    const fragment = narrativeFragment(new Y.Doc());
    for (const kind of FOREIGN_KINDS) appendForeign(fragment, kind);
    expect(readNarrative(fragment)).toEqual({ doc: { type: 'doc' }, problem: null });
    expect(isNarrativeEmpty(fragment)).toBe(true);
  });

  it('the text under a comment anchor is found past them', () => {
    const fragment = poisoned(FOREIGN_KINDS);
    const second = fragment.toArray().filter((child): child is Y.XmlElement => child instanceof Y.XmlElement)[1]!;
    const text = second.get(0) as Y.XmlText;
    const anchor = anchorFromTextPositions({ text, index: 0 }, { text, index: 5 });
    expect(anchoredText(fragment.doc!, fragment, anchor)).toBe('Andre');
  });
});
