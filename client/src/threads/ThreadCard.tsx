import { Paragraph } from '@digdir/designsystemet-react';
import type { SessionUser } from '../../../shared/auth.js';
import type { Thread } from '../../../shared/comments.js';
import { MAX_COMMENTS_PER_THREAD } from '../../../shared/limits.js';
import { tComments } from '../strings/comments.js';
import { CommentForm } from './CommentForm.js';
import { CommentItem } from './CommentItem.js';
import { PendingDeletes } from './PendingDeletes.js';
import type { LiveThreads } from './liveThreads.js';
import { PendingCommentCard } from './PendingCommentCard.js';
import { ResolveActions } from './ResolveActions.js';
import { authorText, ThreadContext } from './ThreadContext.js';
import { threadElementId } from './threadLinks.js';
import type { MeasureComments } from './useMeasureComments.js';

/**
 * What a thread card needs for replies (sending them through the outbox, their kept text, those
 * waiting), edits of one's comments (their kept text), and resolving (through the outbox too).
 */
export type ReplyModel = Pick<
  MeasureComments,
  | 'reply'
  | 'replyDraft'
  | 'editDraft'
  | 'pendingReplies'
  | 'resolve'
  | 'pendingResolves'
  | 'deleteComment'
  | 'pendingDeletes'
  | 'backToForm'
  | 'discardPending'
  | 'draftVersion'
>;

/** Whether a thread's passage is still in the narrative, as far as this browser knows. */
export type PassageState = 'present' | 'removed' | 'unknown';

export interface ThreadPermissions {
  resolve: boolean;
  /** May delete others' comments too (the coordinator). */
  deleteAny: boolean;
}

/**
 * One thread: the passage it is about (or the whole measure), its comments, this person's
 * replies waiting for the server, a reply box (its text kept in this browser), and
 * resolve/reopen for those the rule allows. Focus anywhere inside makes it the active thread.
 */
export function ThreadCard({
  thread,
  user,
  store,
  replies,
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
  replies: ReplyModel;
  permissions: ThreadPermissions;
  passage: PassageState;
  active: boolean;
  onActivate: (threadId: string) => void;
  /** After one's own resolve/reopen: the thread moved between the lists. */
  onResolvedChange: (thread: Thread) => void;
  /** After one's own deletion: whether the thread went with the comment. */
  onDeleted: (threadGone: boolean) => void;
}) {
  const removed = thread.anchor !== null && (passage === 'removed' || (passage === 'unknown' && thread.detached));
  const first = thread.comments[0];
  // The server takes no reply to a full thread: no reply box, and a refused reply says why.
  const full = thread.comments.length >= MAX_COMMENTS_PER_THREAD;
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
      aria-label={tComments.threadLabel(first ? authorText(first.author) : '', thread.quote)}
      onFocus={() => onActivate(thread.id)}
      onClick={() => onActivate(thread.id)}
    >
      <ThreadContext thread={thread} removed={removed} />
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
            editDraft={replies.editDraft}
            onDelete={() => replies.deleteComment(thread.id, comment.id)}
            onDeleted={onDeleted}
          />
        ))}
      </ol>
      <PendingDeletes entries={replies.pendingDeletes.get(thread.id) ?? []} onDismiss={(entry) => replies.discardPending(entry)} />
      {(replies.pendingReplies.get(thread.id) ?? []).map((entry) => (
        <PendingCommentCard
          key={entry.id}
          entry={entry}
          threadFull={full}
          onBackToForm={() => replies.backToForm(entry)}
          onDiscard={() => replies.discardPending(entry)}
        />
      ))}
      {!thread.resolved && full && <Paragraph data-size="sm">{tComments.noMoreReplies(tComments.threadFull(MAX_COMMENTS_PER_THREAD))}</Paragraph>}
      {!thread.resolved && !full && (
        <CommentForm
          key={replies.draftVersion}
          label={tComments.replyLabel}
          submitLabel={tComments.reply}
          testId="reply-form"
          initial={replies.replyDraft.body(thread.id)}
          onBodyChange={(body) => replies.replyDraft.keep(thread.id, body)}
          onSubmit={async (body) => replies.reply(thread.id, body)}
        />
      )}
      {(permissions.resolve || first?.author.username === user.username) && (
        <ResolveActions
          thread={thread}
          pending={replies.pendingResolves.get(thread.id)}
          onResolve={(resolved) => {
            replies.resolve(thread, resolved);
            onResolvedChange({ ...thread, resolved });
          }}
          onDismiss={(entry) => replies.discardPending(entry)}
        />
      )}
    </article>
  );
}
