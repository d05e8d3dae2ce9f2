import { Extension } from '@tiptap/core';
import type { Node as PmNode } from '@tiptap/pm/model';
import { Plugin, PluginKey, type EditorState, type Transaction } from '@tiptap/pm/state';
import { ySyncPluginKey } from '@tiptap/y-tiptap';
import { MAX_NARRATIVE_DEPTH } from '../../../shared/limits.js';

/**
 * Whether a document would be nested deeper, as Yjs types, than the server takes: y-prosemirror
 * makes every node an element one level below its parent and a text run a text one level below
 * its block, so the Yjs depth is the ProseMirror depth with the doc's children at 1. Walked
 * without recursion.
 */
export function tooDeepForNarrative(doc: PmNode): boolean {
  const pending: [PmNode, number][] = [[doc, 0]];
  while (pending.length > 0) {
    const [node, depth] = pending.pop()!;
    if (depth > MAX_NARRATIVE_DEPTH) return true;
    node.forEach((child) => pending.push([child, depth + 1]));
  }
  return false;
}

export interface DepthGuardOptions {
  /** Called when an edit was not made because it would nest the text too deep. */
  onRefused: () => void;
}

/**
 * Keeps this person's edits within the depth the server accepts (shared/limits.ts), so that a
 * paste of lists in lists or quotes in quotes is refused here, with a word, instead of being
 * written into the document and refused by the server, after which every later keystroke would
 * depend on what the server never took. Changes from others (through Yjs) pass as they are.
 */
export const DepthGuard = Extension.create<DepthGuardOptions>({
  name: 'depthGuard',
  addOptions() {
    return { onRefused: () => undefined };
  },
  addProseMirrorPlugins() {
    return [refuseLocalEdits('depthGuard', (tr) => tooDeepForNarrative(tr.doc), this.options.onRefused)];
  },
});

/**
 * A plugin that refuses this person's document changes for which `refuses` says so, calling
 * `onRefused`; changes from others (applied through Yjs) pass as they are, as the server already
 * holds them.
 */
export function refuseLocalEdits(name: string, refuses: (tr: Transaction, state: EditorState) => boolean, onRefused: () => void): Plugin {
  return new Plugin({
    key: new PluginKey(name),
    filterTransaction: (tr, state) => {
      if (!tr.docChanged) return true;
      const sync = tr.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined;
      if (sync?.isChangeOrigin) return true;
      if (!refuses(tr, state)) return true;
      onRefused();
      return false;
    },
  });
}
