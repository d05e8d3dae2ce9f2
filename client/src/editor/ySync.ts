import type { EditorState } from '@tiptap/pm/state';
import { relativePositionToAbsolutePosition, ySyncPluginKey } from '@tiptap/y-tiptap';
import * as Y from 'yjs';

/** Which ProseMirror node(s) each Yjs type is rendered as (y-tiptap's own type, not exported by name). */
export type ProsemirrorMapping = Parameters<typeof relativePositionToAbsolutePosition>[3];

/** What the Collaboration extension's sync plugin knows: the Y.Doc, the fragment, and how Yjs types map to nodes. */
export interface YSyncState {
  doc: Y.Doc;
  type: Y.XmlFragment;
  mapping: ProsemirrorMapping;
}

/**
 * The sync plugin's state in an editor state, or null before the plugin is there or once the
 * mapping is empty (nothing rendered from Yjs yet). y-tiptap types it loosely, so it is checked.
 */
export function ySyncStateOf(state: EditorState): YSyncState | null {
  const raw: unknown = ySyncPluginKey.getState(state);
  if (typeof raw !== 'object' || raw === null) return null;
  const { doc, type, binding } = raw as { doc?: unknown; type?: unknown; binding?: unknown };
  const mapping = typeof binding === 'object' && binding !== null ? (binding as { mapping?: unknown }).mapping : undefined;
  if (!(doc instanceof Y.Doc) || !(type instanceof Y.XmlFragment) || !(mapping instanceof Map) || mapping.size === 0) return null;
  return { doc, type, mapping: mapping as ProsemirrorMapping };
}
