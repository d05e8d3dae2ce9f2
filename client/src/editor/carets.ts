import { Extension } from '@tiptap/core';
import type { Plugin } from '@tiptap/pm/state';
import { defaultSelectionBuilder, yCursorPlugin } from '@tiptap/y-tiptap';
import type { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { CursorSchema, DEFAULT_CARET_COLOR } from '../../../shared/awareness.js';

/** A caret label showing the writer's name in their colour. */
function renderCaret(user: Record<string, unknown>): HTMLElement {
  const color = typeof user.color === 'string' && /^#[0-9a-fA-F]{6}$/.test(user.color) ? user.color : DEFAULT_CARET_COLOR;
  const caret = document.createElement('span');
  caret.classList.add('collaboration-carets__caret');
  caret.style.borderColor = color;
  const label = document.createElement('div');
  label.classList.add('collaboration-carets__label');
  label.style.backgroundColor = color;
  label.textContent = typeof user.name === 'string' ? user.name : '';
  caret.append(label);
  return caret;
}

/**
 * Whether a remote presence state can be drawn as a caret without throwing: y-tiptap resolves
 * the cursor's relative positions on every transaction, and one that does not resolve (`{}`,
 * or positions pointing at what is not a type) would break typing for as long as that state
 * is there. The server already drops malformed cursors; this does not rely on it.
 */
export function caretDrawable(state: unknown, doc: Y.Doc): boolean {
  if (typeof state !== 'object' || state === null) return false;
  const cursor = (state as { cursor?: unknown }).cursor;
  if (cursor === undefined || cursor === null) return true;
  const parsed = CursorSchema.safeParse(cursor);
  if (!parsed.success || parsed.data === null) return false;
  try {
    Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(parsed.data.anchor), doc);
    Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(parsed.data.head), doc);
    return true;
  } catch {
    return false;
  }
}

export interface CaretOptions {
  awareness: Awareness | null;
}

/**
 * Everyone else's caret and selection in their colour with their name (y-tiptap's cursor
 * plugin, as Tiptap's CollaborationCaret uses it), skipping any remote state whose cursor
 * cannot be drawn. Who this browser is goes into its presence from the page, not from here.
 */
export const Carets = Extension.create<CaretOptions>({
  name: 'carets',
  addOptions() {
    return { awareness: null };
  },
  addProseMirrorPlugins() {
    const { awareness } = this.options;
    if (!awareness) throw new Error('Carets needs the awareness of the document');
    const plugin: Plugin = yCursorPlugin(awareness, {
      awarenessStateFilter: (own: number, other: number, state: unknown) => own !== other && caretDrawable(state, awareness.doc),
      cursorBuilder: renderCaret,
      selectionBuilder: (user: { name: string; color: string }) =>
        defaultSelectionBuilder({ ...user, color: /^#[0-9a-fA-F]{6}$/.test(user.color) ? user.color : DEFAULT_CARET_COLOR }),
    }) as Plugin;
    return [plugin];
  },
});
