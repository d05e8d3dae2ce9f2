import type { EditorState } from '@tiptap/pm/state';
import { absolutePositionToRelativePosition } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { anchorFromTextPositions } from '../../../shared/anchors.js';
import type { Anchor } from '../../../shared/comments.js';
import { ySyncStateOf } from './ySync.js';

/** A passage chosen for a new comment thread: its anchor and its text as selected. */
export interface SelectedPassage {
  anchor: Anchor;
  quote: string;
}

/**
 * The text the selection covers, narrowed to where text starts and ends (a selection that
 * begins before a paragraph or ends after one covers the same words), or null without text.
 */
function textRange(state: EditorState): { from: number; to: number } | null {
  const { from, to } = state.selection;
  let start = -1;
  let end = -1;
  state.doc.nodesBetween(from, to, (node, pos) => {
    if (!node.isText) return true;
    const s = Math.max(from, pos);
    const e = Math.min(to, pos + node.nodeSize);
    if (e > s) {
      if (start < 0) start = s;
      end = e;
    }
    return false;
  });
  if (start < 0 || state.doc.textBetween(start, end, '\n').trim() === '') return null;
  return { from: start, to: end };
}

/** Where a ProseMirror position inside text is in the narrative's Yjs types, or null when not in an XmlText. */
function textPosition(pos: number, sync: NonNullable<ReturnType<typeof ySyncStateOf>>): { text: Y.XmlText; index: number } | null {
  const relative = absolutePositionToRelativePosition(pos, sync.type, sync.mapping) as Y.RelativePosition;
  const absolute = Y.createAbsolutePositionFromRelativePosition(relative, sync.doc);
  return absolute && absolute.type instanceof Y.XmlText ? { text: absolute.type, index: absolute.index } : null;
}

/**
 * The anchor of the selected passage: y-tiptap turns each end into a Yjs position (it ties
 * every position to the character before it); each is then tied as shared/anchors.ts
 * defines, the start to the first character and the end to the last, so that text typed at
 * either edge stays outside. Null when nothing with text is selected.
 */
export function selectedPassage(state: EditorState): SelectedPassage | null {
  const sync = ySyncStateOf(state);
  const range = textRange(state);
  if (!sync || !range) return null;
  const start = textPosition(range.from, sync);
  const end = textPosition(range.to, sync);
  if (!start || !end) return null;
  return {
    anchor: anchorFromTextPositions(start, end),
    quote: state.doc.textBetween(range.from, range.to, '\n').trim(),
  };
}

/** Whether the selection covers any text (cheap enough for every transaction). */
export function hasSelectedText(state: EditorState): boolean {
  return !state.selection.empty && textRange(state) !== null;
}
