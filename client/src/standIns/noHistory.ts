import type { Command, Plugin } from '@tiptap/pm/state';

/**
 * What Tiptap's `@tiptap/extensions` imports from ProseMirror's history (vite.config.ts points its
 * import here), for its UndoRedo extension, which StarterKit would add. The narrative's undo is
 * Yjs' own, through Collaboration, which undoes only this person's edits; the editor turns
 * StarterKit's off (`undoRedo: false`, NarrativeEditor), so ProseMirror's history is not
 * downloaded. Turned on, it says so rather than undoing nothing.
 */
export function history(): Plugin {
  throw new Error('ProseMirror’s history is not in this build: the narrative’s undo is Yjs’ (StarterKit.configure({ undoRedo: false }))');
}

export const undo: Command = () => false;
export const redo: Command = () => false;
