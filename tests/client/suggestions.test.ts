import { getSchema } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { prosemirrorJSONToYXmlFragment, yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyInNarrative, findInNarrative, SUGGESTION_ORIGIN } from '../../client/src/suggestions/narrativeSuggestion.js';
import { applyToText, charEdits, pendingOccurrences, suggestionState } from '../../client/src/suggestions/textSuggestion.js';
import { appendParagraphs, narrativeFragment, narrativeText } from '../../shared/narrative.js';
import type { PmNode } from '../../shared/prosemirror.js';

/** The editor's own schema: the fragment is written and read as y-tiptap does for the editor. */
const schema = getSchema([StarterKit]);

const hyphen = { find: 'FNkonvensjonen', replace: 'FN-konvensjonen' };
const section = { find: '1 i forskrift', replace: '§ 1 i forskrift' };
const brackets = { find: '( domestic workers )', replace: '(domestic workers)' };

/** A narrative written from ProseMirror JSON, as the editor stores it. */
function narrativeOf(content: PmNode[]): { doc: Y.Doc; fragment: Y.XmlFragment } {
  const doc = new Y.Doc();
  const fragment = narrativeFragment(doc);
  prosemirrorJSONToYXmlFragment(schema, { type: 'doc', content }, fragment);
  return { doc, fragment };
}

const text = (value: string, marks?: PmNode['marks']): PmNode => (marks ? { type: 'text', text: value, marks } : { type: 'text', text: value });
const paragraph = (...content: PmNode[]): PmNode => ({ type: 'paragraph', content });
const bold = [{ type: 'bold', attrs: {} }];
const link = (href: string) => [{ type: 'link', attrs: { href, target: '_blank', rel: 'noopener noreferrer nofollow', class: null, title: null } }];

/** The narrative as the editor would read it back: its content's JSON. */
const contentOf = (fragment: Y.XmlFragment): unknown[] => (yXmlFragmentToProsemirrorJSON(fragment) as { content?: unknown[] }).content ?? [];

describe('a suggestion in the text of a field (title, plan text)', () => {
  it('is pending while `find` is there once, ambiguous when more than once, applied when gone', () => {
    expect(suggestionState('Ratifisere FNkonvensjonen om ...', hyphen)).toBe('pending');
    expect(suggestionState('FNkonvensjonen og FNkonvensjonen', hyphen)).toBe('ambiguous');
    expect(suggestionState('Ratifisere FN-konvensjonen om ...', hyphen)).toBe('applied');
    expect(suggestionState('Ratifisere konvensjonen om ...', hyphen)).toBe('applied');
  });

  it('counts a correction that keeps `find` inside it as applied (a lost § put back)', () => {
    expect(pendingOccurrences('Etter 1 i forskrift 16.12.2011', section)).toEqual([6]);
    expect(suggestionState('Etter § 1 i forskrift 16.12.2011', section)).toBe('applied');
    // Put back at one place, still missing at another: that other place is the one pending.
    expect(pendingOccurrences('Etter § 1 i forskrift og 1 i forskrift', section)).toEqual([25]);
  });

  it('applies by replacing the one place, and not at all unless pending', () => {
    expect(applyToText('Ratifisere FNkonvensjonen.', hyphen)).toBe('Ratifisere FN-konvensjonen.');
    expect(applyToText('Etter 1 i forskrift 16.12.2011', section)).toBe('Etter § 1 i forskrift 16.12.2011');
    expect(applyToText('Etter § 1 i forskrift 16.12.2011', section)).toBeNull();
    expect(applyToText('FNkonvensjonen og FNkonvensjonen', hyphen)).toBeNull();
  });

  it('changes only the characters that differ', () => {
    expect(charEdits(hyphen.find, hyphen.replace)).toEqual([{ at: 2, deleteCount: 0, insert: '-' }]);
    expect(charEdits(section.find, section.replace)).toEqual([{ at: 0, deleteCount: 0, insert: '§ ' }]);
    expect(charEdits(brackets.find, brackets.replace)).toEqual([
      { at: 1, deleteCount: 1, insert: '' },
      { at: 18, deleteCount: 1, insert: '' },
    ]);
    expect(charEdits('jfr 5', 'jfr. § 5')).toEqual([
      { at: 3, deleteCount: 0, insert: '.' },
      { at: 4, deleteCount: 0, insert: '§ ' },
    ]);
    // A character outside the basic plane is never split.
    expect(charEdits('a😀b', 'a😃b')).toEqual([{ at: 1, deleteCount: 2, insert: '😃' }]);
  });
});

describe('a suggestion in the narrative (the Y.Doc, edited as typing would)', () => {
  it('finds `find` in a paragraph, a heading or deep in lists, and replaces it in one transaction', () => {
    const { doc, fragment } = narrativeOf([
      { type: 'heading', attrs: { level: 2 }, content: [text('Om NAVkontoret')] },
      paragraph(text('Første avsnitt.')),
      {
        type: 'bulletList',
        content: [
          {
            type: 'listItem',
            content: [paragraph(text('Punkt')), { type: 'bulletList', content: [{ type: 'listItem', content: [paragraph(text('Etter 1 i forskrift 16.12.2011 gjelder'))] }] }],
          },
        ],
      },
    ]);
    expect(findInNarrative(fragment, section).state).toBe('pending');
    const transactions: unknown[] = [];
    doc.on('afterTransaction', (tr: Y.Transaction) => transactions.push(tr.origin));
    expect(applyInNarrative(doc, fragment, section)).toBe(true);
    expect(transactions).toEqual([SUGGESTION_ORIGIN]);
    expect(narrativeText(fragment)).toContain('Etter § 1 i forskrift 16.12.2011 gjelder');
    expect(findInNarrative(fragment, section).state).toBe('applied');
    // Once applied, nothing is left to apply.
    expect(applyInNarrative(doc, fragment, section)).toBe(false);

    expect(applyInNarrative(doc, fragment, { find: 'NAVkontoret', replace: 'NAV-kontoret' })).toBe(true);
    expect(contentOf(fragment)[0]).toMatchObject({ type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Om NAV-kontoret' }] });
  });

  it('keeps the formatting at the place: bold stays bold, a link stays a link with its address', () => {
    const { doc, fragment } = narrativeOf([
      paragraph(text('Norge vil ratifisere '), text('FNkonvensjonen', bold), text(' om arbeidstakere.')),
      paragraph(text('Se '), text('rapporten ( work package 4 )', link('https://example.no/wp4')), text(' for mer.')),
    ]);
    expect(applyInNarrative(doc, fragment, hyphen)).toBe(true);
    expect(applyInNarrative(doc, fragment, { find: '( work package 4 )', replace: '(work package 4)' })).toBe(true);
    expect(contentOf(fragment)).toEqual([
      { type: 'paragraph', content: [text('Norge vil ratifisere '), text('FN-konvensjonen', bold), text(' om arbeidstakere.')] },
      { type: 'paragraph', content: [text('Se '), text('rapporten (work package 4)', link('https://example.no/wp4')), text(' for mer.')] },
    ]);
  });

  it('gives inserted text the formatting of the place even where `find` starts at a format’s edge', () => {
    // "1 i forskrift" begins a bold run: the "§ " put before it is bold too, not the plain text before.
    const { doc, fragment } = narrativeOf([paragraph(text('Etter '), text('1 i forskrift', bold), text(' 16.12.2011'))]);
    expect(applyInNarrative(doc, fragment, section)).toBe(true);
    expect(contentOf(fragment)).toEqual([{ type: 'paragraph', content: [text('Etter '), text('§ 1 i forskrift', bold), text(' 16.12.2011')] }]);
  });

  it('leaves the characters it keeps in place: a comment anchored inside the word still points at them', () => {
    const { doc, fragment } = narrativeOf([paragraph(text('Ratifisere FNkonvensjonen om vern.'))]);
    const paragraphText = (fragment.get(0) as Y.XmlElement).get(0) as Y.XmlText;
    const start = 'Ratifisere FN'.length;
    const anchor = Y.createRelativePositionFromTypeIndex(paragraphText, start);
    expect(applyInNarrative(doc, fragment, hyphen)).toBe(true);
    const now = Y.createAbsolutePositionFromRelativePosition(anchor, doc);
    const plain: string = narrativeText(fragment);
    expect(plain.slice(now!.index, now!.index + 'konvensjonen'.length)).toBe('konvensjonen');
  });

  it('is ambiguous when `find` is in more than one place, and not applied then', () => {
    const { doc, fragment } = narrativeOf([paragraph(text('IDdokumenter')), paragraph(text('Flere IDdokumenter'))]);
    expect(findInNarrative(fragment, { find: 'IDdokumenter', replace: 'ID-dokumenter' }).state).toBe('ambiguous');
    expect(applyInNarrative(doc, fragment, { find: 'IDdokumenter', replace: 'ID-dokumenter' })).toBe(false);
    expect(narrativeText(fragment)).toBe('IDdokumenter\n\nFlere IDdokumenter');
  });

  it('works on a narrative as the importer writes it (shared appendParagraphs, links as runs)', () => {
    const doc = new Y.Doc();
    const fragment = narrativeFragment(doc);
    appendParagraphs(fragment, ['Dette gjelder ( domestic workers ) i Norge.', [{ text: 'Se ' }, { text: 'www.regjeringen.no', href: 'https://www.regjeringen.no' }]]);
    expect(applyInNarrative(doc, fragment, brackets)).toBe(true);
    expect(narrativeText(fragment)).toBe('Dette gjelder (domestic workers) i Norge.\n\nSe www.regjeringen.no');
  });

  it('walks a narrative nested far deeper than any recursion would survive', () => {
    const doc = new Y.Doc();
    const fragment = narrativeFragment(doc);
    // Built from the top, one level inside the last (Yjs itself recurses over content inserted whole).
    doc.transact(() => {
      let parent: Y.XmlFragment | Y.XmlElement = fragment;
      for (let i = 0; i < 20_000; i++) {
        const quote: Y.XmlElement = new Y.XmlElement('blockquote');
        parent.insert(0, [quote]);
        parent = quote;
      }
      const inner = new Y.XmlElement('paragraph');
      parent.insert(0, [inner]);
      inner.insert(0, [new Y.XmlText('Dypt nede står IDdokumenter.')]);
    });
    expect(applyInNarrative(doc, fragment, { find: 'IDdokumenter', replace: 'ID-dokumenter' })).toBe(true);
    expect(findInNarrative(fragment, { find: 'IDdokumenter', replace: 'ID-dokumenter' }).state).toBe('applied');
  });
});
