import { useEditorState, type Editor } from '@tiptap/react';
import { MessageSquarePlus } from 'lucide-react';
import { tMeasure } from '../strings/measure.js';
import { hasSelectedText } from './selectionAnchor.js';

/**
 * "Kommenter": starts a comment on the selected passage. For everyone who may comment, also
 * those who may only read the narrative. It keeps the editor's focus and selection on a mouse
 * press; by keyboard it is the next stop before the text (and Ctrl+Alt+M works in the text).
 */
export function CommentButton({ editor, onComment }: { editor: Editor; onComment: () => void }) {
  const selected = useEditorState({ editor, selector: ({ editor: e }) => hasSelectedText(e.state) });
  return (
    <button
      type="button"
      className="narrative-editor__comment"
      data-testid="comment-selection"
      aria-disabled={!selected || undefined}
      title={tMeasure.commentSelectionTitle}
      aria-keyshortcuts="Control+Alt+M"
      onMouseDown={(event) => event.preventDefault()}
      onClick={onComment}
    >
      <MessageSquarePlus aria-hidden="true" size={18} /> {tMeasure.commentSelection}
    </button>
  );
}
