import { fromBase64, toBase64 } from 'lib0/buffer';
import * as Y from 'yjs';
import type { Anchor } from './comments.js';

/**
 * An anchor from two positions inside XmlText nodes of a narrative. The start sticks to the
 * character after it and the end to the character before it, so text typed right at either
 * edge stays outside the passage and text typed inside it stays inside.
 */
export function anchorFromTextPositions(
  start: { text: Y.XmlText; index: number },
  end: { text: Y.XmlText; index: number },
): Anchor {
  return {
    start: toBase64(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(start.text, start.index, 0))),
    end: toBase64(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(end.text, end.index, -1))),
  };
}

export function decodeAnchorPosition(encoded: string): Y.RelativePosition {
  return Y.decodeRelativePosition(fromBase64(encoded));
}

/** True when the bytes decode as a relative position (checked before anything is stored). */
export function anchorDecodes(anchor: Anchor): boolean {
  try {
    decodeAnchorPosition(anchor.start);
    decodeAnchorPosition(anchor.end);
    return true;
  } catch {
    return false;
  }
}

/**
 * The narrative flattened to text, with where each XmlText starts and where each child of
 * an element or the fragment begins, so any absolute Yjs position maps to a text offset.
 * Block elements end with a newline.
 */
interface Flattened {
  text: string;
  textStarts: Map<Y.XmlText, number>;
  childStarts: Map<Y.XmlElement | Y.XmlFragment, number[]>;
}

/**
 * Linear in the narrative's length: the text is collected in pieces and joined once (appending
 * to one string and asking it whether it ends with a newline after each block copied it whole
 * each time: 6 s for one anchor on 15,000 paragraphs).
 */
function flatten(fragment: Y.XmlFragment): Flattened {
  const pieces: string[] = [];
  let length = 0;
  let endsWithNewline = false;
  const add = (piece: string): void => {
    if (piece === '') return;
    pieces.push(piece);
    length += piece.length;
    endsWithNewline = piece.endsWith('\n');
  };
  const textStarts = new Map<Y.XmlText, number>();
  const childStarts = new Map<Y.XmlElement | Y.XmlFragment, number[]>();
  // Without recursion: a narrative may be nested deeper than the call stack allows.
  interface Open {
    node: Y.XmlElement | Y.XmlFragment;
    /** Elements and texts, and whatever else a client once stored there (skipped, but counted as a position). */
    children: unknown[];
    next: number;
    starts: number[];
  }
  const stack: Open[] = [{ node: fragment, children: fragment.toArray(), next: 0, starts: [] }];
  while (stack.length > 0) {
    const open = stack[stack.length - 1]!;
    // By index: a stored child may itself be `undefined`.
    if (open.next >= open.children.length) {
      open.starts.push(length);
      childStarts.set(open.node, open.starts);
      stack.pop();
      // A block element ends with a newline.
      if (stack.length > 0 && !endsWithNewline) add('\n');
      continue;
    }
    const child = open.children[open.next++];
    open.starts.push(length);
    if (child instanceof Y.XmlText) {
      textStarts.set(child, length);
      for (const op of child.toDelta() as { insert: unknown }[]) add(typeof op.insert === 'string' ? op.insert : '\uFFFC');
    } else if (child instanceof Y.XmlElement) {
      stack.push({ node: child, children: child.toArray(), next: 0, starts: [] });
    }
  }
  return { text: pieces.join(''), textStarts, childStarts };
}

function offsetOf(flat: Flattened, position: Y.AbsolutePosition | null): number | null {
  if (!position) return null;
  const { type, index } = position;
  if (type instanceof Y.XmlText) {
    const start = flat.textStarts.get(type);
    return start === undefined ? null : start + index;
  }
  if (type instanceof Y.XmlElement || type instanceof Y.XmlFragment) {
    return flat.childStarts.get(type)?.[index] ?? null;
  }
  return null;
}

/**
 * The passages anchors cover in the narrative as it is now (null for one that is gone: its text
 * deleted, or its paragraph removed), the narrative flattened once for all of them, at the first.
 */
export function passageReader(doc: Y.Doc, fragment: Y.XmlFragment): (anchor: Anchor) => string | null {
  let flat: Flattened | null = null;
  return (anchor) => {
    let start: Y.AbsolutePosition | null;
    let end: Y.AbsolutePosition | null;
    try {
      start = Y.createAbsolutePositionFromRelativePosition(decodeAnchorPosition(anchor.start), doc);
      end = Y.createAbsolutePositionFromRelativePosition(decodeAnchorPosition(anchor.end), doc);
    } catch {
      return null;
    }
    flat ??= flatten(fragment);
    const from = offsetOf(flat, start);
    const to = offsetOf(flat, end);
    if (from === null || to === null || to <= from) return null;
    const text = flat.text.slice(from, to).trim();
    return text === '' ? null : text;
  };
}

/** The passage one anchor covers in the narrative as it is now, or null when it is gone. */
export function anchoredText(doc: Y.Doc, fragment: Y.XmlFragment, anchor: Anchor): string | null {
  return passageReader(doc, fragment)(anchor);
}
