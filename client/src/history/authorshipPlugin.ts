import type { Editor, TiptapEditorHTMLElement } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import { ySyncStateOf } from '../editor/ySync.js';
import { clientRuns, type ClientRun } from './authorship.js';

/**
 * The narrative painted by who wrote it: decorations only, so the document, the undo history and
 * what others see are untouched. Added to the mounted editor while *Vis hvem som skrev hva* is on
 * and removed after; the page computes the passages from Yjs and hands them over with `paint`.
 */

export const authorshipKey = new PluginKey<DecorationSet>('authorship');

/** One painted passage: where, and the attributes of its span (class, title, …). */
export interface Passage {
  from: number;
  to: number;
  attrs: Record<string, string>;
}

export function authorshipPlugin(): Plugin<DecorationSet> {
  return new Plugin<DecorationSet>({
    key: authorshipKey,
    state: {
      init: () => DecorationSet.empty,
      apply(tr, previous) {
        const next = tr.getMeta(authorshipKey) as DecorationSet | undefined;
        if (next) return next;
        // Typing maps the passages until they are computed again from Yjs.
        return tr.docChanged ? previous.map(tr.mapping, tr.doc) : previous;
      },
    },
    props: { decorations: (state) => authorshipKey.getState(state) ?? DecorationSet.empty },
  });
}

/** Hands the editor its passages. */
export function paint(editor: Editor, passages: readonly Passage[]): void {
  const { state } = editor.view;
  const size = state.doc.content.size;
  const decorations = passages.filter((p) => p.from < p.to && p.from >= 0 && p.to <= size).map((p) => Decoration.inline(p.from, p.to, p.attrs));
  editor.view.dispatch(state.tr.setMeta(authorshipKey, DecorationSet.create(state.doc, decorations)).setMeta('addToHistory', false));
}

/** The text's runs by client as the editor shows it now; null while the editor is not in step with Yjs. */
export function editorRuns(editor: Editor): ClientRun[] | null {
  const sync = ySyncStateOf(editor.state);
  if (!sync) return null;
  const { doc } = editor.state;
  return clientRuns(sync.type, {
    nodeOf: (element) => {
      const node: unknown = sync.mapping.get(element);
      return node && !Array.isArray(node) ? (node as { isLeaf: boolean; nodeSize: number }) : undefined;
    },
    size: doc.content.size,
    textBetween: (from, to) => (to <= doc.content.size ? doc.textBetween(from, to) : ''),
  });
}

/**
 * The Tiptap editor mounted for the narrative on this page, if any. Tiptap keeps it on its root
 * element (`TiptapEditorHTMLElement`), which spares the editor component a prop for it.
 */
export function mountedNarrativeEditor(root: ParentNode = document): Editor | null {
  const dom = root.querySelector<TiptapEditorHTMLElement>('[data-testid="narrative-editor"] .ProseMirror');
  const editor = dom?.editor;
  return editor && !editor.isDestroyed ? editor : null;
}
