import { Extension } from '@tiptap/core';
import { Plugin as ProseMirrorPlugin, type Plugin } from '@tiptap/pm/state';
import { defaultSelectionBuilder, yCursorPlugin } from '@tiptap/y-tiptap';
import type { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { CursorSchema, DEFAULT_CARET_COLOR } from '../../../shared/awareness.js';

/** How long a remote caret shows its writer's name after it moved (or its writer typed). */
export const CARET_NAME_MS = 2_500;
/** The class that shows a caret's name (see styles.css): its writer is at work there. */
const ACTIVE_CLASS = 'collaboration-carets__caret--active';

/**
 * Which remote writers moved their caret lately, by client id. The name label would cover the
 * line above the caret if it stayed: it shows while its writer is at work and on hover.
 */
class CaretActivity {
  private readonly movedAt = new Map<number, number>();

  moved(clientId: number, at: number): void {
    this.movedAt.set(clientId, at);
  }

  forget(clientId: number): void {
    this.movedAt.delete(clientId);
  }

  /** Whether the caret of `clientId` moved within the last CARET_NAME_MS. */
  active(clientId: number, now: number): boolean {
    const at = this.movedAt.get(clientId);
    return at !== undefined && now - at < CARET_NAME_MS;
  }
}

/** A caret with a label showing the writer's name in their colour; the name shows while `active`. */
function renderCaret(user: Record<string, unknown>, clientId: number, active: boolean): HTMLElement {
  const color = typeof user.color === 'string' && /^#[0-9a-fA-F]{6}$/.test(user.color) ? user.color : DEFAULT_CARET_COLOR;
  const caret = document.createElement('span');
  caret.classList.add('collaboration-carets__caret');
  if (active) caret.classList.add(ACTIVE_CLASS);
  caret.dataset.clientId = String(clientId);
  caret.style.borderColor = color;
  const label = document.createElement('div');
  label.classList.add('collaboration-carets__label');
  label.style.backgroundColor = color;
  label.textContent = typeof user.name === 'string' ? user.name : '';
  // A small flag at the caret's top: the pointer over it shows the name.
  const flag = document.createElement('span');
  flag.classList.add('collaboration-carets__flag');
  flag.style.backgroundColor = color;
  caret.append(flag, label);
  return caret;
}

/**
 * Marks the carets whose writers moved just now (their names show), and takes the mark off
 * again once they rest; carets ProseMirror draws anew take the mark from `activity`.
 */
function caretActivityPlugin(awareness: Awareness, activity: CaretActivity): Plugin {
  return new ProseMirrorPlugin({
    view(view) {
      const timers = new Map<number, ReturnType<typeof setTimeout>>();
      const mark = (clientId: number, on: boolean): void => {
        for (const caret of view.dom.querySelectorAll<HTMLElement>(`.collaboration-carets__caret[data-client-id="${clientId}"]`)) {
          caret.classList.toggle(ACTIVE_CLASS, on);
        }
      };
      const onChange = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }): void => {
        const now = Date.now();
        for (const clientId of removed) {
          activity.forget(clientId);
          clearTimeout(timers.get(clientId));
          timers.delete(clientId);
        }
        for (const clientId of [...added, ...updated]) {
          if (clientId === awareness.clientID) continue;
          activity.moved(clientId, now);
          clearTimeout(timers.get(clientId));
          timers.set(
            clientId,
            setTimeout(() => {
              timers.delete(clientId);
              mark(clientId, false);
            }, CARET_NAME_MS),
          );
          // After the cursor plugin has drawn the caret for this change.
          requestAnimationFrame(() => mark(clientId, activity.active(clientId, Date.now())));
        }
      };
      awareness.on('change', onChange);
      return {
        destroy() {
          awareness.off('change', onChange);
          for (const timer of timers.values()) clearTimeout(timer);
        },
      };
    },
  });
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
 * cannot be drawn. The name shows for a moment after its writer moves or types, and on hover,
 * so that it does not cover the line above for good. Who this browser is goes into its
 * presence from the page, not from here.
 */
export const Carets = Extension.create<CaretOptions>({
  name: 'carets',
  addOptions() {
    return { awareness: null };
  },
  addProseMirrorPlugins() {
    const { awareness } = this.options;
    if (!awareness) throw new Error('Carets needs the awareness of the document');
    const activity = new CaretActivity();
    const plugin: Plugin = yCursorPlugin(awareness, {
      awarenessStateFilter: (own: number, other: number, state: unknown) => own !== other && caretDrawable(state, awareness.doc),
      cursorBuilder: (user: Record<string, unknown>, clientId: number) => renderCaret(user, clientId, activity.active(clientId, Date.now())),
      selectionBuilder: (user: { name: string; color: string }) =>
        defaultSelectionBuilder({ ...user, color: /^#[0-9a-fA-F]{6}$/.test(user.color) ? user.color : DEFAULT_CARET_COLOR }),
    }) as Plugin;
    return [plugin, caretActivityPlugin(awareness, activity)];
  },
});
