import type { SessionUser } from '../../../shared/auth.js';
import type { Thread } from '../../../shared/comments.js';
import { replyToThread } from '../api.js';
import { t } from '../strings.js';
import { CommentForm } from './CommentForm.js';
import { CommentItem } from './CommentItem.js';
import type { LiveThreads } from './liveThreads.js';
import { ResolveActions } from './ResolveActions.js';
import { authorText, ThreadContext } from './ThreadContext.js';
import { threadElementId } from './threadLinks.js';

/** Whether a thread's passage is still in the narrative, as far as this browser knows. */
export type PassageState = 'present' | 'removed' | 'unknown';

export interface ThreadPermissions {
  resolve: boolean;
  /** May delete others' comments too (the coordinator). */
  deleteAny: boolean;
}

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
  const removed = thread.anchor !== null && (passage === 'removed' || (passage === 'unknown' && thread.detached));
  const first = thread.comments[0];
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
      {(permissions.resolve || first?.author.username === user.username) && (
        <ResolveActions thread={thread} store={store} onResolvedChange={onResolvedChange} />
      )}
    </article>
  );
}
