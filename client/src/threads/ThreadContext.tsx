import { Tag } from '@digdir/designsystemet-react';
import { CircleCheck, Clock } from 'lucide-react';
import type { Comment, Thread } from '../../../shared/comments.js';
import { formatTime } from '../format.js';
import { t } from '../strings.js';
import { tComments } from '../strings/comments.js';

export const authorText = (author: Comment['author']): string => t.authorName(author.name, author.ministry);

/** What a thread is about (its passage, or the whole measure), who resolved it, and whom it waits for. */
export function ThreadContext({ thread, removed }: { thread: Thread; removed: boolean }) {
  return (
    <>
      {thread.anchor !== null ? (
        <>
          <blockquote className="thread__quote" aria-label={tComments.quoteLabel} data-testid="thread-quote">
            {thread.quote}
          </blockquote>
          {removed && (
            <Tag data-color="warning" data-size="sm" data-testid="passage-removed" className="thread__removed">
              {tComments.passageRemoved}
            </Tag>
          )}
        </>
      ) : (
        <p className="thread__scope">{t.wholeMeasure}</p>
      )}
      {thread.resolved && thread.resolvedBy && (
        <p className="thread__resolved" data-testid="thread-resolved">
          <CircleCheck aria-hidden="true" size={16} /> {tComments.resolvedBy(authorText(thread.resolvedBy))}
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
    </>
  );
}
