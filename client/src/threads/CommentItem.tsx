import { Button } from '@digdir/designsystemet-react';
import { useId, useRef, useState } from 'react';
import type { Comment } from '../../../shared/comments.js';
import { formatTime } from '../format.js';
import { t } from '../strings.js';
import { tComments } from '../strings/comments.js';
import { CommentForm } from './CommentForm.js';
import { CommentText } from './CommentText.js';
import type { LiveThreads } from './liveThreads.js';
import { useCommentActions } from './useCommentActions.js';
import type { EditDraft } from './useMeasureComments.js';

/**
 * One comment: who and when, its text, and edit/delete for its author. An edit not yet saved is
 * kept in this browser as it is written: after leaving the page or a reload, it opens again.
 */
export function CommentItem({
  comment,
  threadId,
  last,
  own,
  mayDelete,
  store,
  editDraft,
  onDelete,
  onDeleted,
}: {
  comment: Comment;
  threadId: string;
  /** The thread's only comment: deleting it deletes the thread. */
  last: boolean;
  own: boolean;
  mayDelete: boolean;
  store: LiveThreads;
  editDraft: EditDraft;
  /** Deletes the comment (through the outbox). */
  onDelete: () => void;
  onDeleted: (threadGone: boolean) => void;
}) {
  const editButton = useRef<HTMLButtonElement>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);
  // Read from storage once, when the comment is first shown; forgotten when the edit is saved or cancelled.
  const [kept, setKept] = useState(() => (own ? editDraft.body(comment.id) : null));
  // An edit that opens again by itself (kept from before a reload) does not take focus from the page.
  const [reopened, setReopened] = useState(kept !== null);
  const actions = useCommentActions(comment, threadId, store, () => onDeleted(last), {
    editButton,
    confirmButton,
    editing: kept !== null,
    forgetEdit: () => {
      editDraft.keep(comment, null);
      setKept(null);
    },
    deleteThroughOutbox: onDelete,
  });
  const { mode, setMode } = actions;
  const metaId = useId();
  return (
    <li className="comment" data-testid="comment" data-comment-id={comment.id}>
      <p className="comment__meta" id={metaId}>
        <span className="comment__author">{t.authorName(comment.author.name, comment.author.ministry)}</span>{' '}
        <time dateTime={comment.createdAt}>{formatTime(comment.createdAt)}</time>
        {comment.editedAt && (
          <>
            {' '}
            <span className="comment__edited" data-testid="comment-edited" title={formatTime(comment.editedAt)}>
              {tComments.edited}
            </span>
          </>
        )}
      </p>
      {mode === 'edit' ? (
        <CommentForm
          label={tComments.editLabel}
          submitLabel={tComments.save}
          initial={kept ?? comment.body}
          autoFocus={!reopened}
          testId="edit-form"
          onBodyChange={(body) => editDraft.keep(comment, body)}
          onSubmit={actions.save}
          onCancel={actions.cancelEdit}
        />
      ) : (
        <CommentText body={comment.body} />
      )}
      {mode === 'confirmDelete' && (
        <div role="group" aria-labelledby={`${metaId}-confirm`} className="comment__confirm" data-testid="confirm-delete">
          <p id={`${metaId}-confirm`}>{last ? tComments.deleteConfirmLast : tComments.deleteConfirm}</p>
          <div className="comment-form__actions">
            <Button ref={confirmButton} data-size="sm" data-color="danger" onClick={actions.remove}>
              {tComments.delete}
            </Button>
            <Button variant="tertiary" data-size="sm" onClick={actions.backToShow}>
              {t.cancel}
            </Button>
          </div>
        </div>
      )}
      {mode === 'show' && (own || mayDelete) && (
        <div className="comment__actions">
          {own && (
            <Button
              ref={editButton}
              variant="tertiary"
              data-size="sm"
              aria-describedby={metaId}
              onClick={() => {
                setReopened(false);
                setMode('edit');
              }}
            >
              {tComments.edit}
            </Button>
          )}
          {mayDelete && (
            <Button variant="tertiary" data-size="sm" aria-describedby={metaId} onClick={() => setMode('confirmDelete')}>
              {tComments.delete}
            </Button>
          )}
        </div>
      )}
    </li>
  );
}
