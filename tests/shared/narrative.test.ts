import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { anchoredText, anchorFromTextPositions } from '../../shared/anchors.js';
import { compareReports } from '../../shared/diff.js';
import { MAX_NARRATIVE_DEPTH, MAX_NARRATIVE_NODES } from '../../shared/limits.js';
import { appendParagraphs, isNarrativeEmpty, narrativeFragment, narrativeText, readNarrative } from '../../shared/narrative.js';
import { narrativeBlocks, pmToPlainText } from '../../shared/narrativeBlocks.js';
import { pmDepth, PmNodeSchema, type PmNode } from '../../shared/prosemirror.js';
import type { ReportContent, ReportMeasure } from '../../shared/snapshotContent.js';
import { deepJson } from '../helpers/nesting.js';

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

/** A narrative fragment nested `levels` deep, built in one transaction. */
function tower(levels: number, leaf?: string): Y.XmlFragment {
  const doc = new Y.Doc();
  const fragment = narrativeFragment(doc);
  doc.transact(() => {
    let parent: Y.XmlFragment | Y.XmlElement = fragment;
    for (let level = 0; level < levels; level++) {
      const element: Y.XmlElement = new Y.XmlElement(level % 2 === 0 ? 'bulletList' : 'listItem');
      parent.insert(0, [element]);
      parent = element;
    }
    if (leaf) {
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText(leaf)]);
      parent.insert(0, [paragraph]);
    }
  });
  return fragment;
}

describe('every reader of a narrative is bounded: content nested past any limit never throws', () => {
  it('reads lists in lists up to the depth limit, and says a deeper narrative cannot be read', () => {
    // Lists in lists as deep as the limit allows: list, item, ..., paragraph, text.
    const deepest = tower(MAX_NARRATIVE_DEPTH - 2, 'Innerst');
    expect(readNarrative(deepest).problem).toBeNull();
    expect(narrativeText(deepest)).toBe('Innerst');
    const tooDeep = tower(MAX_NARRATIVE_DEPTH - 1, 'Innerst');
    expect(readNarrative(tooDeep)).toEqual({ doc: { type: 'doc' }, problem: 'tooDeep' });
    const poisoned = tower(20_000, 'bunnen');
    expect(readNarrative(poisoned).problem).toBe('tooDeep');
    expect(narrativeText(poisoned)).toBe('');
    expect(isNarrativeEmpty(poisoned)).toBe(true);
  });

  it('says a narrative with more nodes than allowed cannot be read', () => {
    const doc = new Y.Doc();
    const fragment = narrativeFragment(doc);
    fragment.insert(0, Array.from({ length: MAX_NARRATIVE_NODES + 1 }, () => new Y.XmlElement('paragraph')));
    expect(readNarrative(fragment).problem).toBe('tooLarge');
  });

  it('reads only plain attribute values, whatever a client stored in them', () => {
    const doc = new Y.Doc();
    const fragment = narrativeFragment(doc);
    const heading = new Y.XmlElement('heading');
    heading.setAttribute('level', 2 as unknown as string);
    heading.setAttribute('nested', { a: { b: { c: [1, 2, 3] } } } as unknown as string);
    heading.insert(0, [new Y.XmlText('Tittel')]);
    fragment.insert(0, [heading]);
    expect(readNarrative(fragment).doc).toEqual({
      type: 'doc',
      content: [{ type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Tittel' }] }],
    });
  });

  it('JSON nested deeper than the stack: validated, read as blocks (null), as text, and compared without throwing', () => {
    const deep = deepJson(100_000);
    expect(PmNodeSchema.safeParse(deep).success).toBe(true);
    expect(pmDepth(deep, MAX_NARRATIVE_DEPTH)).toBeGreaterThan(MAX_NARRATIVE_DEPTH);
    expect(narrativeBlocks(deep)).toBeNull();
    expect(pmToPlainText(deep)).toBe('');
    expect(PmNodeSchema.safeParse({ type: 'doc', content: [{ type: 'paragraph', content: [{ text: 'uten type' }] }] }).success).toBe(false);
    const measure = (narrative: PmNode): ReportMeasure => ({
      number: 1,
      title: 'Tiltak',
      ministries: ['JD'],
      status: 'Løpende',
      ready: [],
      narrative,
      yjsState: '',
    });
    const report = (narrative: PmNode): ReportContent => ({
      round: { id: 'r', title: 'R', planTitle: 'P', reportTitle: 'R', deadline: '2026-01-01T12:00:00+01:00', intro: '' },
      measures: [measure(narrative)],
    });
    const [compared] = compareReports(report(deep), report({ type: 'doc', content: [] }));
    expect(compared?.changed).toBe(true);
  });

  it('the text under a comment anchor is found in a poisoned narrative without recursion', () => {
    const fragment = tower(20_000, 'bunnen');
    const doc = fragment.doc!;
    let text: Y.XmlText | null = null;
    let node: Y.XmlElement | Y.XmlFragment = fragment;
    while (!text) {
      const child: Y.XmlElement | Y.XmlText | Y.XmlHook | undefined = node.get(0);
      if (child instanceof Y.XmlText) text = child;
      else if (child instanceof Y.XmlElement) node = child;
      else throw new Error('the tower ends without text');
    }
    const anchor = anchorFromTextPositions({ text, index: 0 }, { text, index: 6 });
    expect(anchoredText(doc, fragment, anchor)).toBe('bunnen');
  });
});
