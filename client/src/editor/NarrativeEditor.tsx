import Collaboration from '@tiptap/extension-collaboration';
import { EditorContent, useEditor, type Editor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { lazy, use, useCallback, useEffect, useId, useState, type ReactNode } from 'react';
import type { PresenceUser } from '../../../shared/awareness.js';
import { NARRATIVE_FIELD } from '../../../shared/documentLayout.js';
import { TABLE_EXTENSIONS } from '../../../shared/editorNodes.js';
import { tMeasure } from '../strings/measure.js';
import { Carets } from './carets.js';
import { DepthGuard } from './depthGuard.js';
import type { CollabSession } from './collabSession.js';
import { CommentActions, CommentHighlights, setCommentHighlights, type CommentHighlight } from './commentHighlights.js';
import { CommentButton } from './CommentButton.js';
import { LazyPart } from '../components/LazyPart.js';
import { loadLinkify } from '../standIns/linkify.js';
import { LINK_OPTIONS, LinkShortcut } from './links.js';
import { selectedPassage, type SelectedPassage } from './selectionAnchor.js';
import { startTableEditing } from '../standIns/tableEditingLater.js';
import { TableGuard } from './tables.js';
import { Toolbar } from './Toolbar.js';

/** The toolbar's link form: loaded once the editor is editable (below), shown with Ctrl+K or the link button. */
const loadLinkField = () => import('./LinkField.js').then(({ LinkField }) => ({ default: LinkField }));
const LinkField = lazy(loadLinkField);

/** What the editor needs from the comment threads around it. */
export interface EditorComments {
  /** Passages to mark: open threads', and the one a comment is being written on. */
  highlights: readonly CommentHighlight[];
  activeThreadId: string | null;
  /** A marked passage was clicked. */
  onSelectThread: (threadId: string) => void;
  /** "Kommenter" was chosen with this passage selected. */
  onCommentPassage: (passage: SelectedPassage) => void;
}

declare global {
  interface Window {
    /** Read-only view of the mounted narrative editor, for tests and debugging. */
    __samskrivEditor?: { text(): string };
  }
}

/**
 * The editable area's attributes. Read-only, it is still a focusable text box (like a
 * read-only input), so keyboard and screen reader users can reach and read it.
 */
function attributes(number: number, editable: boolean): Record<string, string> {
  return {
    'aria-label': tMeasure.narrativeLabel(number),
    'aria-multiline': 'true',
    role: 'textbox',
    class: 'narrative-editor__content',
    ...(editable ? {} : { 'aria-readonly': 'true', tabindex: '0' }),
  };
}

interface NarrativeEditorProps {
  session: CollabSession;
  user: PresenceUser;
  number: number;
  editable: boolean;
  comments: EditorComments;
  status?: ReactNode;
}

/**
 * The narrative of one measure: Tiptap bound to the measure's Y.Doc (field `narrative`), with
 * everyone's carets, and Yjs' own undo so that undo takes back only this person's edits.
 * Without the right to write it, the same document is shown read-only and without a toolbar.
 * `status` (the save state) sits in the bar above the text, which stays on screen. Made once the
 * narrative schema's checks have judged what the session holds (foreignChildren.ts), so that the
 * binding renders nothing they would drop; a word and a reload if they cannot be loaded.
 */
export function NarrativeEditor(props: NarrativeEditorProps) {
  return (
    <LazyPart fallback={null}>
      <JudgedEditor {...props} />
    </LazyPart>
  );
}

function JudgedEditor(props: NarrativeEditorProps) {
  use(props.session.judged);
  return <BoundEditor {...props} />;
}

function BoundEditor({ session, user, number, editable, comments, status }: NarrativeEditorProps) {
  const [hint, setHint] = useState('');
  const [linkOpen, setLinkOpen] = useState(false);
  const linkFieldId = useId();
  const { onCommentPassage, onSelectThread } = comments;
  const comment = useCallback(
    (e: Editor) => {
      const passage = selectedPassage(e.state);
      setHint(passage ? '' : tMeasure.commentNeedsSelection);
      if (passage) onCommentPassage(passage);
    },
    [onCommentPassage],
  );
  // The editor is made once per session; its comment handlers follow the props through these.
  const [actions] = useState(() => new CommentActions());
  useEffect(() => actions.set({ onSelectThread, onCommentShortcut: comment }), [actions, onSelectThread, comment]);

  const editor = useEditor(
    {
      editable,
      extensions: [
        StarterKit.configure({ undoRedo: false, link: LINK_OPTIONS }),
        LinkShortcut.configure({ onOpen: () => setLinkOpen(true) }),
        Collaboration.configure({ document: session.doc, field: NARRATIVE_FIELD }),
        Carets.configure({ awareness: session.provider.awareness }),
        ...TABLE_EXTENSIONS,
        DepthGuard.configure({ onRefused: () => setHint(tMeasure.narrativeTooDeep) }),
        TableGuard.configure({ onRefused: () => setHint(tMeasure.tableTooLarge) }),
        CommentHighlights.configure({ onSelectThread: actions.onSelectThread, onCommentShortcut: actions.onCommentShortcut }),
      ],
      editorProps: { attributes: attributes(number, editable) },
    },
    [session],
  );
  const { highlights, activeThreadId } = comments;
  useEffect(() => {
    if (!editor || editor.isDestroyed) return;
    setCommentHighlights(editor.view, { highlights, activeThreadId });
  }, [editor, highlights, activeThreadId]);

  useEffect(() => {
    if (!editor || editor.isDestroyed) return;
    if (editor.isEditable !== editable) editor.setEditable(editable);
    editor.setOptions({ editorProps: { ...editor.options.editorProps, attributes: attributes(number, editable) } });
  }, [editor, editable, number]);

  // Autolink and the paste of an address need linkify, and the link button its form, which come
  // after the text is shown (and before a keystroke could go to the text instead of the form).
  useEffect(() => {
    if (!editable) return;
    loadLinkify().catch(() => undefined);
    loadLinkField().catch(() => undefined);
  }, [editable]);

  // So does editing tables as tables (cell selections, rows and columns).
  useEffect(() => {
    if (editor) startTableEditing(editor).catch(() => undefined);
  }, [editor]);

  useEffect(() => {
    session.provider.awareness.setLocalStateField('user', user);
  }, [session, user]);

  useEffect(() => {
    if (!editor) return;
    window.__samskrivEditor = { text: () => editor.getText() };
    return () => {
      delete window.__samskrivEditor;
    };
  }, [editor]);

  return (
    <div className="narrative-editor" data-testid="narrative-editor" data-editable={String(editable)}>
      {editor && (
        <div className="narrative-editor__bar">
          {editable && <Toolbar editor={editor} link={{ open: linkOpen, onToggle: () => setLinkOpen((open) => !open), fieldId: linkFieldId }} />}
          <CommentButton editor={editor} onComment={() => comment(editor)} />
          {status}
          {editable && linkOpen && (
            <LazyPart>
              <LinkField id={linkFieldId} editor={editor} onClose={() => setLinkOpen(false)} />
            </LazyPart>
          )}
        </div>
      )}
      <EditorContent editor={editor} />
      <p aria-live="polite" className="narrative-editor__hint" data-testid="comment-hint">
        {hint}
      </p>
    </div>
  );
}
