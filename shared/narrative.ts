import * as Y from 'yjs';
import { NARRATIVE_FIELD } from './documentLayout.js';

/**
 * The narrative is a Tiptap (ProseMirror) document stored by y-prosemirror in one
 * Y.XmlFragment: each block node is a Y.XmlElement named after the node type
 * (`paragraph`, `heading`, `bulletList`, `listItem`, ...) and text is Y.XmlText.
 */

/** Node types whose content is one block of text when read as plain text. */
const TEXT_BLOCKS = new Set(['paragraph', 'heading', 'codeBlock']);

/** The narrative fragment of a measure's document. */
export function narrativeFragment(doc: Y.Doc): Y.XmlFragment {
  return doc.getXmlFragment(NARRATIVE_FIELD);
}

/** Appends paragraphs of plain text to a narrative, as Tiptap paragraph nodes. */
export function appendParagraphs(fragment: Y.XmlFragment, paragraphs: readonly string[]): void {
  const elements = paragraphs.map((text) => {
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText(text)]);
    return paragraph;
  });
  fragment.insert(fragment.length, elements);
}

/** Plain text of a narrative: one block per line group, blocks separated by a blank line. */
export function narrativeText(fragment: Y.XmlFragment): string {
  const blocks: string[] = [];
  const walk = (node: Y.XmlElement | Y.XmlText | Y.XmlHook | Y.XmlFragment): void => {
    if (node instanceof Y.XmlText) {
      blocks.push(deltaText(node));
      return;
    }
    if (node instanceof Y.XmlElement && TEXT_BLOCKS.has(node.nodeName)) {
      blocks.push(inlineText(node));
      return;
    }
    if (node instanceof Y.XmlElement || node instanceof Y.XmlFragment) {
      for (const child of node.toArray()) walk(child);
    }
  };
  walk(fragment);
  return blocks.filter((block) => block.trim() !== '').join('\n\n');
}

/** True when the narrative holds no visible text. */
export function isNarrativeEmpty(fragment: Y.XmlFragment): boolean {
  return narrativeText(fragment).trim() === '';
}

function inlineText(element: Y.XmlElement): string {
  let text = '';
  for (const child of element.toArray()) {
    if (child instanceof Y.XmlText) text += deltaText(child);
    else if (child instanceof Y.XmlElement && child.nodeName === 'hardBreak') text += '\n';
    else if (child instanceof Y.XmlElement) text += inlineText(child);
  }
  return text;
}

function deltaText(text: Y.XmlText): string {
  const delta = text.toDelta() as { insert?: unknown }[];
  return delta.map((op) => (typeof op.insert === 'string' ? op.insert : '')).join('');
}
