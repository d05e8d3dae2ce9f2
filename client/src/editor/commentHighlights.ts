import { Extension, type Editor } from '@tiptap/core';
import { Plugin, PluginKey, type EditorState, type Transaction } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import { relativePositionToAbsolutePosition, ySyncPluginKey } from '@tiptap/y-tiptap';
import { decodeAnchorPosition } from '../../../shared/anchors.js';
import type { Anchor } from '../../../shared/comments.js';
import * as Y from 'yjs';
import { ySyncStateOf, type YSyncState } from './ySync.js';

/** A passage to mark in the narrative: an open thread's, or the one a new comment is being written on. */
export interface CommentHighlight {
  /** The thread's id, or null for the passage of a comment not yet sent. */
  threadId: string | null;
  anchor: Anchor;
  /** Tooltip for the mark. */
  title: string;
  /** Id of the element that describes the mark (the thread in the panel). */
  describedBy: string | null;
}

export interface CommentHighlightsState {
  highlights: readonly CommentHighlight[];
  activeThreadId: string | null;
  decorations: DecorationSet;
}

type HighlightsMeta = Pick<CommentHighlightsState, 'highlights' | 'activeThreadId'>;

export const commentHighlightsKey = new PluginKey<CommentHighlightsState>('commentHighlights');

/** The class of a highlighted passage (colour and underline in styles.css). */
export const HIGHLIGHT_CLASS = 'comment-anchor';

/** Where an anchor's end is in the ProseMirror document now, or null when this copy cannot say. */
function toProsemirror(sync: YSyncState, encoded: string): number | null {
  const relative = decodeAnchorPosition(encoded);
  const absolute = Y.createAbsolutePositionFromRelativePosition(relative, sync.doc);
  if (!absolute) return null;
  // y-tiptap takes a position tied to a character that lands on the document's first text
  // position for a misresolved one and answers null; the same place named by its type, at
  // index 0, has no character to doubt.
  const stable = absolute.index === 0 ? Y.createRelativePositionFromTypeIndex(absolute.type, 0, -1) : relative;
  return relativePositionToAbsolutePosition(sync.doc, sync.type, stable, sync.mapping);
}

/** Each passage where it is now in the document: anchors resolved through the Yjs mapping. */
function decorate(state: EditorState, highlights: readonly CommentHighlight[], activeThreadId: string | null): DecorationSet {
  const sync = ySyncStateOf(state);
  if (!sync || highlights.length === 0) return DecorationSet.empty;
  const size = state.doc.content.size;
  const decorations: Decoration[] = [];
  for (const highlight of highlights) {
    let from: number | null;
    let to: number | null;
    try {
      from = toProsemirror(sync, highlight.anchor.start);
      to = toProsemirror(sync, highlight.anchor.end);
    } catch {
      continue;
    }
    // Null: not (yet) in this copy of the document; empty: the passage was deleted.
    if (from === null || to === null || to <= from || from < 0 || to > size) continue;
    const classes = [HIGHLIGHT_CLASS];
    if (highlight.threadId === null) classes.push(`${HIGHLIGHT_CLASS}--pending`);
    else if (highlight.threadId === activeThreadId) classes.push(`${HIGHLIGHT_CLASS}--active`);
    const attrs: Record<string, string> = { class: classes.join(' '), title: highlight.title };
    if (highlight.threadId !== null) attrs['data-thread-id'] = highlight.threadId;
    if (highlight.describedBy) attrs['aria-describedby'] = highlight.describedBy;
    decorations.push(Decoration.inline(from, to, attrs, { threadId: highlight.threadId }));
  }
  return DecorationSet.create(state.doc, decorations);
}

/** Tells the editor which passages to mark and which thread is active. */
export function setCommentHighlights(view: { state: EditorState; dispatch: (tr: Transaction) => void }, meta: HighlightsMeta): void {
  view.dispatch(view.state.tr.setMeta(commentHighlightsKey, meta).setMeta('addToHistory', false));
}

export interface CommentHighlightsOptions {
  /** A marked passage was clicked. */
  onSelectThread: (threadId: string) => void;
  /** The keyboard shortcut for commenting the selection was pressed. */
  onCommentShortcut: (editor: Editor) => void;
}

/**
 * The editor is made once per session, but what a click on a passage and the shortcut do
 * changes with the page: the extension is given these forwarders, and the view points them at
 * its current handlers (after each render that changed them).
 */
export class CommentActions implements CommentHighlightsOptions {
  private handlers: CommentHighlightsOptions = { onSelectThread: () => undefined, onCommentShortcut: () => undefined };

  set(handlers: CommentHighlightsOptions): void {
    this.handlers = handlers;
  }

  onSelectThread = (threadId: string): void => this.handlers.onSelectThread(threadId);
  onCommentShortcut = (editor: Editor): void => this.handlers.onCommentShortcut(editor);
}

/**
 * Marks the passages of open threads in the narrative. Anchors are Yjs relative positions, so
 * they are resolved again whenever the document changes from Yjs (someone else's edit, undo);
 * one's own typing maps the marks, which keeps text typed at either edge outside, as the
 * anchors do (the mapping from Yjs lags one's own edit until it is flushed).
 */
export const CommentHighlights = Extension.create<CommentHighlightsOptions>({
  name: 'commentHighlights',

  addOptions() {
    return { onSelectThread: () => undefined, onCommentShortcut: () => undefined };
  },

  addKeyboardShortcuts() {
    return {
      'Mod-Alt-m': () => {
        this.options.onCommentShortcut(this.editor);
        return true;
      },
    };
  },

  addProseMirrorPlugins() {
    const options = this.options;
    return [
      new Plugin<CommentHighlightsState>({
        key: commentHighlightsKey,
        state: {
          init: () => ({ highlights: [], activeThreadId: null, decorations: DecorationSet.empty }),
          apply(tr, previous, _oldState, newState) {
            const meta = tr.getMeta(commentHighlightsKey) as HighlightsMeta | undefined;
            const fromYjs = (ySyncPluginKey.getState(newState) as { isChangeOrigin?: unknown } | undefined)?.isChangeOrigin === true;
            if (meta || fromYjs) {
              const next = meta ?? previous;
              return { ...next, decorations: decorate(newState, next.highlights, next.activeThreadId) };
            }
            if (tr.docChanged) return { ...previous, decorations: previous.decorations.map(tr.mapping, tr.doc) };
            return previous;
          },
        },
        props: {
          decorations: (state) => commentHighlightsKey.getState(state)?.decorations ?? DecorationSet.empty,
          handleClick: (_view, _pos, event) => {
            const target = event.target instanceof Element ? event.target.closest(`[data-thread-id]`) : null;
            const threadId = target?.getAttribute('data-thread-id');
            if (threadId) options.onSelectThread(threadId);
            return false;
          },
        },
      }),
    ];
  },
});
