import { Button } from '@digdir/designsystemet-react';
import { useId, useRef } from 'react';
import type { Comment } from '../../../shared/comments.js';
import { formatTime } from '../format.js';
import { t } from '../strings.js';
import { tComments } from '../strings/comments.js';
import { CommentForm } from './CommentForm.js';
import { CommentText } from './CommentText.js';
import type { LiveThreads } from './liveThreads.js';
import { useCommentActions } from './useCommentActions.js';

/** One comment: who and when, its text, and edit/delete for its author. */
export function CommentItem({
  comment,
  threadId,
  last,
  own,
  mayDelete,
  store,
  onDeleted,
}: {
  comment: Comment;
  threadId: string;
  /** The thread's only comment: deleting it deletes the thread. */
  last: boolean;
  own: boolean;
  mayDelete: boolean;
  store: LiveThreads;
  onDeleted: (threadGone: boolean) => void;
}) {
  const editButton = useRef<HTMLButtonElement>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const actions = useCommentActions(comment, threadId, store, () => onDeleted(last), { editButton, confirmButton });
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
        <CommentForm label={tComments.editLabel} submitLabel={tComments.save} initial={comment.body} autoFocus testId="edit-form" onSubmit={actions.save} onCancel={actions.backToShow} />
      ) : (
        <CommentText body={comment.body} />
      )}
      {mode === 'confirmDelete' && (
        <div role="group" aria-labelledby={`${metaId}-confirm`} className="comment__confirm" data-testid="confirm-delete">
          <p id={`${metaId}-confirm`}>{last ? tComments.deleteConfirmLast : tComments.deleteConfirm}</p>
          <div className="comment-form__actions">
            <Button ref={confirmButton} data-size="sm" data-color="danger" onClick={() => void actions.remove()}>
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
            <Button ref={editButton} variant="tertiary" data-size="sm" aria-describedby={metaId} onClick={() => setMode('edit')}>
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
      {actions.problem && (
        <p role="alert" className="comment__problem">
          {actions.problem}
        </p>
      )}
    </li>
  );
}
