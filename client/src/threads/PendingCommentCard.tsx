import { Button, Paragraph } from '@digdir/designsystemet-react';
import { CloudUpload, TriangleAlert } from 'lucide-react';
import { useState } from 'react';
import { MAX_COMMENTS_PER_THREAD } from '../../../shared/limits.js';
import { useConnection } from '../connection.js';
import { tComments } from '../strings/comments.js';
import { tSaving } from '../strings/saving.js';
import { pendingElementId, type PendingComment } from './useMeasureComments.js';

/**
 * Why the server would not take a comment, in words. A reply refused to a thread that is full now
 * was refused for that (the server's 409 on `comments`, which the outbox keeps as `invalid`).
 */
export function commentRefusalText(entry: PendingComment, threadFull: boolean): string {
  const refusal = entry.refusal ?? 'invalid';
  if (refusal === 'unknownNames') return tComments.commentRefused(tSaving.unknownNames(entry.names ?? []));
  return tComments.commentRefused(threadFull && refusal === 'invalid' ? tComments.threadFull(MAX_COMMENTS_PER_THREAD) : tSaving.refusal[refusal]);
}

/**
 * One of this person's comments kept in the browser and not yet on the server: its text, and
 * where it stands (waiting for the connection, on its way). A refused one says why and offers
 * to take it back into its form, or to throw it away.
 */
export function PendingCommentCard({
  entry,
  threadFull = false,
  onBackToForm,
  onDiscard,
}: {
  entry: PendingComment;
  /** A reply to a thread that holds MAX_COMMENTS_PER_THREAD comments. */
  threadFull?: boolean;
  /** False when the form holds text of its own. */
  onBackToForm: () => boolean;
  onDiscard: () => void;
}) {
  const [busyForm, setBusyForm] = useState(false);
  // Queued behind another change while connected is on its way too; without answers, it waits.
  const connected = useConnection().state === 'connected';
  const { change } = entry;
  const refused = entry.state === 'refused';
  const quote = change.kind === 'thread' ? change.quote : null;
  const label = change.kind === 'thread' ? tComments.pendingThreadLabel(quote) : tComments.pendingReplyLabel;
  return (
    <article
      id={pendingElementId(entry.id)}
      tabIndex={-1}
      className={`pending-comment${refused ? ' pending-comment--refused' : ''}`}
      data-testid={change.kind === 'thread' ? 'pending-thread' : 'pending-reply'}
      data-state={entry.state}
      aria-label={label}
    >
      {quote !== null && (
        <blockquote className="thread__quote" aria-hidden="true">
          {quote}
        </blockquote>
      )}
      <p className="pending-comment__body">{'body' in change ? change.body : ''}</p>
      <p className="pending-comment__state">
        {refused ? <TriangleAlert aria-hidden="true" size={16} /> : <CloudUpload aria-hidden="true" size={16} />}{' '}
        {refused ? commentRefusalText(entry, threadFull) : connected ? tComments.commentSending : tComments.commentWaiting}
      </p>
      {refused && (
        <>
          <div className="comment-form__actions">
            <Button data-size="sm" variant="secondary" onClick={() => setBusyForm(!onBackToForm())}>
              {tComments.commentBackToForm}
            </Button>
            <Button data-size="sm" variant="tertiary" onClick={onDiscard}>
              {tComments.commentDiscard}
            </Button>
          </div>
          {busyForm && (
            <Paragraph role="alert" data-size="sm">
              {tComments.formBusy}
            </Paragraph>
          )}
        </>
      )}
    </article>
  );
}
