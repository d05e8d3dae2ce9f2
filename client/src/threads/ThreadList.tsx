import type { SessionUser } from '../../../shared/auth.js';
import type { Thread } from '../../../shared/comments.js';
import { ThreadCard, type ReplyModel, type ThreadPermissions } from './ThreadCard.js';
import type { MeasureComments } from './useMeasureComments.js';

/** Threads as cards, each marked active when it is the one the text emphasises. */
export function ThreadList({
  threads,
  user,
  comments,
  permissions,
  onResolvedChange,
  onDeleted,
}: {
  threads: readonly Thread[];
  user: SessionUser;
  comments: Pick<MeasureComments, 'store' | 'passages' | 'activeThreadId' | 'activate'> & ReplyModel;
  permissions: ThreadPermissions;
  onResolvedChange: (thread: Thread) => void;
  onDeleted: (threadId: string, threadGone: boolean) => void;
}) {
  const { store, passages, activeThreadId, activate } = comments;
  return (
    <ul className="threads__list">
      {threads.map((thread) => (
        <li key={thread.id}>
          <ThreadCard
            thread={thread}
            user={user}
            store={store}
            replies={comments}
            permissions={permissions}
            passage={passages.get(thread.id) ?? 'unknown'}
            active={thread.id === activeThreadId}
            onActivate={(id) => activate(id)}
            onResolvedChange={onResolvedChange}
            onDeleted={(threadGone) => onDeleted(thread.id, threadGone)}
          />
        </li>
      ))}
    </ul>
  );
}
