import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { EditorContent, useEditor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { useEffect } from 'react';
import type { PresenceUser } from '../../../shared/awareness.js';
import { NARRATIVE_FIELD } from '../../../shared/documentLayout.js';
import { t } from '../strings.js';
import type { CollabSession } from './collabSession.js';
import { Toolbar } from './Toolbar.js';

declare global {
  interface Window {
    /** Read-only view of the mounted narrative editor, for tests and debugging. */
    __samskrivEditor?: { text(): string };
  }
}

/** A caret label showing the writer's name in their colour. */
function renderCaret(user: Record<string, unknown>): HTMLElement {
  const color = typeof user.color === 'string' ? user.color : 'transparent';
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
 * The narrative of one measure: Tiptap bound to the measure's Y.Doc (field `narrative`), with
 * everyone's carets, and Yjs' own undo so that undo takes back only this person's edits.
 */
export function NarrativeEditor({ session, user, number }: { session: CollabSession; user: PresenceUser; number: number }) {
  const editor = useEditor(
    {
      extensions: [
        StarterKit.configure({ undoRedo: false }),
        Collaboration.configure({ document: session.doc, field: NARRATIVE_FIELD }),
        CollaborationCaret.configure({ provider: session.provider, user, render: renderCaret }),
      ],
      editorProps: {
        attributes: {
          'aria-label': t.narrativeLabel(number),
          'aria-multiline': 'true',
          role: 'textbox',
          class: 'narrative-editor__content',
        },
      },
    },
    [session],
  );

  useEffect(() => {
    if (!editor) return;
    editor.commands.updateUser(user);
  }, [editor, user]);

  useEffect(() => {
    if (!editor) return;
    window.__samskrivEditor = { text: () => editor.getText() };
    return () => {
      delete window.__samskrivEditor;
    };
  }, [editor]);

  return (
    <div className="narrative-editor" data-testid="narrative-editor">
      {editor && <Toolbar editor={editor} />}
      <EditorContent editor={editor} />
    </div>
  );
}
