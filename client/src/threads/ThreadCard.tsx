import { Button, Paragraph, Tag } from '@digdir/designsystemet-react';
import { CircleCheck, Clock, RotateCcw } from 'lucide-react';
import { useEffect, useId, useRef, useState } from 'react';
import type { SessionUser } from '../../../shared/auth.js';
import type { Comment, Thread } from '../../../shared/comments.js';
import { deleteComment, editComment, replyToThread, setThreadResolved } from '../api.js';
import { formatTime } from '../format.js';
import { t } from '../strings.js';
import { CommentForm, commentErrorText } from './CommentForm.js';
import { CommentText } from './CommentText.js';
import type { LiveThreads } from './liveThreads.js';
import { threadElementId } from './threadLinks.js';

/** Whether a thread's passage is still in the narrative, as far as this browser knows. */
export type PassageState = 'present' | 'removed' | 'unknown';

export interface ThreadPermissions {
  resolve: boolean;
  /** May delete others' comments too (the coordinator). */
  deleteAny: boolean;
}

const authorText = (author: Comment['author']): string => t.authorName(author.name, author.ministry);

/**
 * One thread: the passage it is about (or the whole measure), its comments, a reply box, and
 * resolve/reopen for those the rule allows. Focus anywhere inside makes it the active thread.
 */
export function ThreadCard({
  thread,
  user,
  store,
  permissions,
  passage,
  active,
  onActivate,
  onResolvedChange,
  onDeleted,
}: {
  thread: Thread;
  user: SessionUser;
  store: LiveThreads;
  permissions: ThreadPermissions;
  passage: PassageState;
  active: boolean;
  onActivate: (threadId: string) => void;
  /** After one's own resolve/reopen: the thread moved between the lists. */
  onResolvedChange: (thread: Thread) => void;
  /** After one's own deletion: whether the thread went with the comment. */
  onDeleted: (threadGone: boolean) => void;
}) {
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const removed = thread.anchor !== null && (passage === 'removed' || (passage === 'unknown' && thread.detached));
  const first = thread.comments[0];

  const toggleResolved = async () => {
    if (busy) return;
    setBusy(true);
    setProblem(null);
    try {
      const changed = await store.change(thread.id, () => setThreadResolved(thread.id, !thread.resolved));
      onResolvedChange(changed);
    } catch (error) {
      setProblem(commentErrorText(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <article
      id={threadElementId(thread.id)}
      className="thread"
      tabIndex={-1}
      data-testid="thread"
      data-thread-id={thread.id}
      data-active={active || undefined}
      data-resolved={thread.resolved}
      data-removed={removed || undefined}
      aria-label={t.threadLabel(first ? authorText(first.author) : '', thread.quote)}
      onFocus={() => onActivate(thread.id)}
      onClick={() => onActivate(thread.id)}
    >
      {thread.anchor !== null ? (
        <>
          <blockquote className="thread__quote" aria-label={t.quoteLabel} data-testid="thread-quote">
            {thread.quote}
          </blockquote>
          {removed && (
            <Tag data-color="warning" data-size="sm" data-testid="passage-removed" className="thread__removed">
              {t.passageRemoved}
            </Tag>
          )}
        </>
      ) : (
        <p className="thread__scope">{t.wholeMeasure}</p>
      )}
      {thread.resolved && thread.resolvedBy && (
        <p className="thread__resolved" data-testid="thread-resolved">
          <CircleCheck aria-hidden="true" size={16} /> {t.resolvedBy(authorText(thread.resolvedBy))}
          {thread.resolvedAt && (
            <>
              {', '}
              <time dateTime={thread.resolvedAt}>{formatTime(thread.resolvedAt)}</time>
            </>
          )}
        </p>
      )}
      {thread.waitingFor.length > 0 && (
        <p className="thread__waiting" data-testid="thread-waiting">
          <Clock aria-hidden="true" size={16} /> {t.waitingFor(thread.waitingFor)}
        </p>
      )}
      <ol className="thread__comments">
        {thread.comments.map((comment) => (
          <CommentItem
            key={comment.id}
            comment={comment}
            threadId={thread.id}
            last={thread.comments.length === 1}
            own={comment.author.username === user.username}
            mayDelete={comment.author.username === user.username || permissions.deleteAny}
            store={store}
            onDeleted={onDeleted}
          />
        ))}
      </ol>
      {!thread.resolved && (
        <CommentForm
          label={t.replyLabel}
          submitLabel={t.reply}
          testId="reply-form"
          onSubmit={async (body) => {
            await store.change(thread.id, () => replyToThread(thread.id, body));
          }}
        />
      )}
      {permissions.resolve && (
        <div className="thread__actions">
          <Button
            variant="secondary"
            data-size="sm"
            data-testid={thread.resolved ? 'reopen-thread' : 'resolve-thread'}
            aria-disabled={busy || undefined}
            onClick={() => void toggleResolved()}
          >
            {thread.resolved ? <RotateCcw aria-hidden="true" size={16} /> : <CircleCheck aria-hidden="true" size={16} />}
            {thread.resolved ? t.reopen : t.resolve}
          </Button>
        </div>
      )}
      {problem && (
        <Paragraph role="alert" data-size="sm" className="thread__problem">
          {problem}
        </Paragraph>
      )}
    </article>
  );
}

/** One comment: who and when, its text, and edit/delete for its author. */
function CommentItem({
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
  const [mode, setMode] = useState<'show' | 'edit' | 'confirmDelete'>('show');
  const [problem, setProblem] = useState<string | null>(null);
  const metaId = useId();
  const editButton = useRef<HTMLButtonElement>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);

  useEffect(() => {
    if (mode === 'confirmDelete') confirmButton.current?.focus();
    else if (mode === 'show' && returnFocus.current) {
      returnFocus.current = false;
      editButton.current?.focus();
    }
  }, [mode]);

  const remove = async () => {
    setProblem(null);
    try {
      await store.removeComment(threadId, comment.id, () => deleteComment(comment.id));
      onDeleted(last);
    } catch (error) {
      setProblem(commentErrorText(error));
      setMode('show');
    }
  };

  return (
    <li className="comment" data-testid="comment" data-comment-id={comment.id}>
      <p className="comment__meta" id={metaId}>
        <span className="comment__author">{t.authorName(comment.author.name, comment.author.ministry)}</span>{' '}
        <time dateTime={comment.createdAt}>{formatTime(comment.createdAt)}</time>
        {comment.editedAt && (
          <>
            {' '}
            <span className="comment__edited" data-testid="comment-edited" title={formatTime(comment.editedAt)}>
              {t.edited}
            </span>
          </>
        )}
      </p>
      {mode === 'edit' ? (
        <CommentForm
          label={t.editLabel}
          submitLabel={t.save}
          initial={comment.body}
          autoFocus
          testId="edit-form"
          onSubmit={async (body) => {
            await store.change(threadId, () => editComment(comment.id, body));
            returnFocus.current = true;
            setMode('show');
          }}
          onCancel={() => {
            returnFocus.current = true;
            setMode('show');
          }}
        />
      ) : (
        <CommentText body={comment.body} />
      )}
      {mode === 'confirmDelete' && (
        <div role="group" aria-labelledby={`${metaId}-confirm`} className="comment__confirm" data-testid="confirm-delete">
          <p id={`${metaId}-confirm`}>{last ? t.deleteConfirmLast : t.deleteConfirm}</p>
          <div className="comment-form__actions">
            <Button ref={confirmButton} data-size="sm" data-color="danger" onClick={() => void remove()}>
              {t.delete}
            </Button>
            <Button
              variant="tertiary"
              data-size="sm"
              onClick={() => {
                returnFocus.current = true;
                setMode('show');
              }}
            >
              {t.cancel}
            </Button>
          </div>
        </div>
      )}
      {mode === 'show' && (own || mayDelete) && (
        <div className="comment__actions">
          {own && (
            <Button ref={editButton} variant="tertiary" data-size="sm" aria-describedby={metaId} onClick={() => setMode('edit')}>
              {t.edit}
            </Button>
          )}
          {mayDelete && (
            <Button variant="tertiary" data-size="sm" aria-describedby={metaId} onClick={() => setMode('confirmDelete')}>
              {t.delete}
            </Button>
          )}
        </div>
      )}
      {problem && (
        <p role="alert" className="comment__problem">
          {problem}
        </p>
      )}
    </li>
  );
}
