import * as Y from 'yjs';
import { NARRATIVE_FIELD } from '../../shared/documentLayout.js';
import type { PmNode } from '../../shared/prosemirror.js';

/** ProseMirror JSON with a paragraph `bunnen` inside `levels` blockquotes, built without recursion. */
export function deepJson(levels: number): PmNode {
  const root: PmNode = { type: 'doc', content: [] };
  let parent = root;
  for (let i = 0; i < levels; i++) {
    const child: PmNode = { type: 'blockquote', content: [] };
    parent.content = [child];
    parent = child;
  }
  parent.content = [{ type: 'paragraph', content: [{ type: 'text', text: 'bunnen' }] }];
  return root;
}

/** The deepest element nesting under a document's narrative, counted without recursion. */
export function narrativeDepth(doc: Y.Doc): number {
  let deepest = 0;
  const pending: [Y.XmlElement | Y.XmlFragment, number][] = [[doc.getXmlFragment(NARRATIVE_FIELD), 0]];
  while (pending.length > 0) {
    const [node, depth] = pending.pop()!;
    deepest = Math.max(deepest, depth);
    for (const child of node.toArray()) if (child instanceof Y.XmlElement) pending.push([child, depth + 1]);
  }
  return deepest;
}
