import * as Y from 'yjs';
import { narrativeFragment } from '../../shared/narrative.js';
import type { PmNode } from '../../shared/prosemirror.js';

/**
 * A document with every node and mark the editor has, with the attributes it writes: headings 1
 * to 6, each mark, a link with target and rel, a hard break, a rule, a quote, code with a
 * language, lists (an ordered one starting at 3), a table with a span, widths and alignments.
 */
export const EVERY_NODE_AND_MARK: PmNode = {
  type: 'doc',
  content: [
    ...[1, 2, 3, 4, 5, 6].map((level): PmNode => ({ type: 'heading', attrs: { level }, content: [{ type: 'text', text: `Nivå ${level}` }] })),
    {
      type: 'paragraph',
      content: [
        { type: 'text', text: 'Fet', marks: [{ type: 'bold' }] },
        { type: 'text', text: ' kursiv', marks: [{ type: 'italic' }] },
        { type: 'text', text: ' understreket', marks: [{ type: 'underline' }] },
        { type: 'text', text: ' gjennomstreket', marks: [{ type: 'strike' }] },
        { type: 'text', text: ' kode', marks: [{ type: 'code' }] },
        { type: 'text', text: ' lenke', marks: [{ type: 'link', attrs: { href: 'https://www.regjeringen.no', target: '_blank', rel: 'noopener noreferrer nofollow' } }] },
        { type: 'hardBreak' },
        { type: 'text', text: 'blåbærsyltetøy'.normalize('NFD') },
      ],
    },
    { type: 'horizontalRule' },
    { type: 'blockquote', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Sitat' }] }] },
    { type: 'codeBlock', attrs: { language: 'typescript' }, content: [{ type: 'text', text: 'const x = 1;' }] },
    {
      type: 'orderedList',
      attrs: { start: 3 },
      content: [
        {
          type: 'listItem',
          content: [
            { type: 'paragraph', content: [{ type: 'text', text: 'Tre' }] },
            { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Under' }] }] }] },
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
            { type: 'tableHeader', attrs: { colspan: 2, rowspan: 1, colwidth: [120, 80], align: 'center' }, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Topp' }] }] },
          ],
        },
        {
          type: 'tableRow',
          content: [
            { type: 'tableCell', attrs: { colspan: 1, rowspan: 1, colwidth: [120] }, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'A' }] }] },
            { type: 'tableCell', attrs: { colspan: 1, rowspan: 1, colwidth: null, align: 'right' }, content: [{ type: 'paragraph', content: [{ type: 'text', text: '1' }] }] },
          ],
        },
      ],
    },
  ],
};

/** The text of a narrative's first paragraph that has one (the seeded narratives all do). */
export function firstText(doc: Y.Doc): Y.XmlText {
  for (const child of narrativeFragment(doc).toArray()) {
    if (child instanceof Y.XmlElement && child.nodeName === 'paragraph' && child.get(0) instanceof Y.XmlText) return child.get(0) as Y.XmlText;
  }
  throw new Error('the narrative has no paragraph with text');
}

/**
 * Writes `marker` and an `x` each after a combining mark into the first text, in one transaction:
 * where Yjs puts two such strings only a copy of the document tells, so the update guard judges
 * the update on one (server/sync/updateGuard.ts, rationed by server/sync/documentWork.ts).
 */
export function twoMarkEdgedStrings(doc: Y.Doc, marker: string): void {
  doc.transact(() => {
    firstText(doc).insert(1, `\u0301${marker}`);
    firstText(doc).insert(3 + marker.length, '\u0301x');
  });
}
