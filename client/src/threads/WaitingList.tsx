import { Heading, Paragraph } from '@digdir/designsystemet-react';
import { useCallback } from 'react';
import { Clock } from 'lucide-react';
import type { SessionUser } from '../../../shared/auth.js';
import { mentionsIn, type Comment, type Thread } from '../../../shared/comments.js';
import type { MeasureSummary } from '../../../shared/measure.js';
import type { MinistryCode } from '../../../shared/ministries.js';
import { fetchRoundThreads } from '../api.js';
import { formatTime } from '../format.js';
import { Link } from '../router.js';
import { t } from '../strings.js';
import { CommentText } from './CommentText.js';
import { useLiveThreads, type LiveThreadsSnapshot, type LiveThreads } from './liveThreads.js';
import { threadPath } from './threadLinks.js';

/** Whose answers the list is about: one ministry, every ministry (the coordinator), or nobody. */
type Audience = { kind: 'ministry'; ministry: MinistryCode } | { kind: 'all' } | { kind: 'none' };

function audienceOf(user: SessionUser): Audience {
  if (user.role === 'coordinator') return { kind: 'all' };
  if (user.ministry) return { kind: 'ministry', ministry: user.ministry };
  return { kind: 'none' };
}

export interface WaitingThreads extends LiveThreadsSnapshot {
  store: LiveThreads;
  audience: Audience;
}

/**
 * The open threads that wait for an answer from the person's ministry (for the coordinator,
 * from any ministry), live: a thread event adds, updates or drops a thread by its `waitingFor`.
 */
export function useWaitingThreads(roundId: string, user: SessionUser): WaitingThreads {
  const audience = audienceOf(user);
  const ministry = audience.kind === 'ministry' ? audience.ministry : null;
  const kind = audience.kind;
  const load = useCallback(
    () => (kind === 'none' ? Promise.resolve([]) : fetchRoundThreads(roundId, ministry ?? undefined)),
    [roundId, kind, ministry],
  );
  const belongs = useCallback(
    (thread: Thread) =>
      thread.roundId === roundId && (ministry !== null ? thread.waitingFor.includes(ministry) : kind === 'all' && thread.waitingFor.length > 0),
    [roundId, kind, ministry],
  );
  const live = useLiveThreads(load, belongs);
  return { ...live, audience };
}

/** The comment that asked: the last one mentioning the ministry (or, for everyone, the last that mentions anyone). */
function askingComment(thread: Thread, audience: Audience): Comment | undefined {
  const asks = thread.comments.filter((comment) => {
    const mentioned = mentionsIn(comment.body);
    return audience.kind === 'ministry' ? mentioned.includes(audience.ministry) : mentioned.length > 0;
  });
  return asks[asks.length - 1] ?? thread.comments[thread.comments.length - 1];
}

/** "Venter på oss": threads that wait for the ministry's answer, each linking to the thread. */
export function WaitingList({
  roundId,
  waiting,
  measures,
}: {
  roundId: string;
  waiting: WaitingThreads;
  measures: readonly MeasureSummary[];
}) {
  const { audience, threads, failed } = waiting;
  if (audience.kind === 'none') return null;
  const title = audience.kind === 'ministry' ? t.waitingForUs(audience.ministry) : t.waitingForAny;
  const items = (threads ?? [])
    .map((thread) => ({ thread, asking: askingComment(thread, audience) }))
    .sort((a, b) => (a.asking?.createdAt ?? a.thread.createdAt).localeCompare(b.asking?.createdAt ?? b.thread.createdAt));
  return (
    <section aria-labelledby="waiting-title" className="waiting" data-testid="waiting-list">
      <Heading level={2} data-size="xs" id="waiting-title">
        {title}
      </Heading>
      <Paragraph data-size="sm">{audience.kind === 'ministry' ? t.waitingForUsIntro(audience.ministry) : t.waitingForAnyIntro}</Paragraph>
      {failed && <Paragraph role="alert">{t.threadsLoadFailed}</Paragraph>}
      {threads !== null && items.length === 0 && (
        <Paragraph data-testid="waiting-empty">
          {audience.kind === 'ministry' ? t.waitingForUsEmpty(audience.ministry) : t.waitingForAnyEmpty}
        </Paragraph>
      )}
      {items.length > 0 && (
        <ul className="waiting__list">
          {items.map(({ thread, asking }) => {
            const measure = measures.find((m) => m.number === thread.measure);
            return (
              <li key={thread.id} className="waiting__item" data-testid="waiting-thread" data-thread-id={thread.id} data-measure={thread.measure}>
                <Link href={threadPath(roundId, thread.measure, thread.id)}>
                  {measure ? t.waitingMeasure(measure.number, measure.title) : t.waitingMeasure(thread.measure, '')}
                </Link>
                {thread.quote !== null ? <blockquote className="thread__quote">{thread.quote}</blockquote> : <p className="thread__scope">{t.wholeMeasure}</p>}
                {asking && (
                  <>
                    <p className="waiting__meta">
                      <span className="comment__author">{t.authorName(asking.author.name, asking.author.ministry)}</span>{' '}
                      <time dateTime={asking.createdAt}>{formatTime(asking.createdAt)}</time>
                    </p>
                    <CommentText body={asking.body} />
                  </>
                )}
                {audience.kind === 'all' && (
                  <p className="thread__waiting">
                    <Clock aria-hidden="true" size={16} /> {t.waitingFor(thread.waitingFor)}
                  </p>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
