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
 * The editable area's attributes. Read-only, it is still a focusable text box (like a
 * read-only input), so keyboard and screen reader users can reach and read it.
 */
function attributes(number: number, editable: boolean): Record<string, string> {
  return {
    'aria-label': t.narrativeLabel(number),
    'aria-multiline': 'true',
    role: 'textbox',
    class: 'narrative-editor__content',
    ...(editable ? {} : { 'aria-readonly': 'true', tabindex: '0' }),
  };
}

/**
 * The narrative of one measure: Tiptap bound to the measure's Y.Doc (field `narrative`), with
 * everyone's carets, and Yjs' own undo so that undo takes back only this person's edits.
 * Without the right to write it, the same document is shown read-only and without a toolbar.
 */
export function NarrativeEditor({
  session,
  user,
  number,
  editable,
}: {
  session: CollabSession;
  user: PresenceUser;
  number: number;
  editable: boolean;
}) {
  const editor = useEditor(
    {
      editable,
      extensions: [
        StarterKit.configure({ undoRedo: false }),
        Collaboration.configure({ document: session.doc, field: NARRATIVE_FIELD }),
        CollaborationCaret.configure({ provider: session.provider, user, render: renderCaret }),
      ],
      editorProps: { attributes: attributes(number, editable) },
    },
    [session],
  );

  useEffect(() => {
    if (!editor || editor.isDestroyed) return;
    if (editor.isEditable !== editable) editor.setEditable(editable);
    editor.setOptions({ editorProps: { ...editor.options.editorProps, attributes: attributes(number, editable) } });
  }, [editor, editable, number]);

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
    <div className="narrative-editor" data-testid="narrative-editor" data-editable={String(editable)}>
      {editor && editable && <Toolbar editor={editor} />}
      <EditorContent editor={editor} />
    </div>
  );
}
