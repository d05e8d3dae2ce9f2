import * as Y from 'yjs';

/** Inline nodes that stand for a line break in plain text. */
const LINE_BREAKS = new Set(['hardBreak']);

/**
 * The narrative in a Y.Doc as plain text, the way Tiptap's `getText` writes it: each block
 * (paragraph, heading, list item's paragraph) on its own, separated by a blank line.
 */
export function narrativePlainText(fragment: Y.XmlFragment): string {
  return blocks(fragment).join('\n\n');
}

function blocks(node: Y.XmlFragment | Y.XmlElement): string[] {
  const out: string[] = [];
  let line: string | null = null;
  for (const child of node.toArray()) {
    if (child instanceof Y.XmlText) {
      const delta: readonly { insert?: unknown }[] = child.toDelta();
      line = (line ?? '') + delta.map((op) => (typeof op.insert === 'string' ? op.insert : '')).join('');
    } else if (child instanceof Y.XmlElement && LINE_BREAKS.has(child.nodeName)) {
      line = (line ?? '') + '\n';
    } else if (child instanceof Y.XmlElement) {
      if (line !== null) out.push(line);
      line = null;
      const inner = blocks(child);
      // An empty block (an empty paragraph) is still a block.
      out.push(...(inner.length > 0 ? inner : ['']));
    }
  }
  if (line !== null) out.push(line);
  return out;
}
