import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { appendParagraphs, isNarrativeEmpty, narrativeFragment, narrativeText } from '../../shared/narrative.js';

describe('narrative as text', () => {
  it('reads paragraphs, headings and list items as blocks, formatting dropped', () => {
    const doc = new Y.Doc();
    const fragment = narrativeFragment(doc);
    const heading = new Y.XmlElement('heading');
    heading.setAttribute('level', '2');
    heading.insert(0, [new Y.XmlText('Status')]);
    const bold = new Y.XmlText();
    bold.insert(0, 'Viktig', { bold: true });
    bold.insert(6, ' og vanlig');
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [bold]);
    const item = new Y.XmlElement('listItem');
    const itemParagraph = new Y.XmlElement('paragraph');
    itemParagraph.insert(0, [new Y.XmlText('Punkt')]);
    item.insert(0, [itemParagraph]);
    const list = new Y.XmlElement('bulletList');
    list.insert(0, [item]);
    fragment.insert(0, [heading, paragraph, list]);
    expect(narrativeText(fragment)).toBe('Status\n\nViktig og vanlig\n\nPunkt');
  });

  it('round-trips appended paragraphs and knows when it is empty', () => {
    const doc = new Y.Doc();
    const fragment = narrativeFragment(doc);
    expect(isNarrativeEmpty(fragment)).toBe(true);
    appendParagraphs(fragment, ['Første.', 'Andre.']);
    expect(narrativeText(fragment)).toBe('Første.\n\nAndre.');
    expect(isNarrativeEmpty(fragment)).toBe(false);
    const blank = new Y.XmlElement('paragraph');
    const other = narrativeFragment(new Y.Doc());
    other.insert(0, [blank]);
    expect(isNarrativeEmpty(other)).toBe(true);
  });
});
