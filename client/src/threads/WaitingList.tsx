import { Heading, Paragraph } from '@digdir/designsystemet-react';
import { Clock } from 'lucide-react';
import { mentionsIn, type Comment, type Thread } from '../../../shared/comments.js';
import { StaleNote } from '../components/StaleNote.js';
import { formatTime } from '../format.js';
import { Link } from '../router.js';
import { t } from '../strings.js';
import { tWaiting } from '../strings/waiting.js';
import { CommentText } from './CommentText.js';
import { threadPath } from './threadLinks.js';
import type { Audience, WaitingRounds, WaitingThreads } from './waitingThreads.js';

// The list itself loads after the overview (pages/overview/OverviewPage.tsx): the comments'
// text and mentions are not in every page's download.

/** The comment that asked: the last one mentioning the ministry (or, for everyone, the last that mentions anyone). */
function askingComment(thread: Thread, audience: Audience): Comment | undefined {
  const asks = thread.comments.filter((comment) => {
    const mentioned = mentionsIn(comment.body);
    return audience.kind === 'ministry' ? mentioned.includes(audience.ministry) : mentioned.length > 0;
  });
  return asks[asks.length - 1] ?? thread.comments[thread.comments.length - 1];
}

/** "Venter på oss": threads that wait for the ministry's answer, in every open round, each linking to the thread. */
export default function WaitingList({ waiting, rounds }: { waiting: WaitingThreads; rounds: WaitingRounds }) {
  const { audience, threads, failed, copy } = waiting;
  if (audience.kind === 'none') return null;
  const title = audience.kind === 'ministry' ? tWaiting.forUs(audience.ministry) : tWaiting.forAny;
  const intro = audience.kind === 'ministry' ? tWaiting.forUsIntro(audience.ministry) : tWaiting.forAnyIntro;
  const items = (threads ?? [])
    .map((thread) => ({ thread, asking: askingComment(thread, audience) }))
    .sort((a, b) => (a.asking?.createdAt ?? a.thread.createdAt).localeCompare(b.asking?.createdAt ?? b.thread.createdAt));
  return (
    <section aria-labelledby="waiting-title" className="waiting" data-testid="waiting-list">
      <Heading level={2} data-size="xs" id="waiting-title">
        {title}
      </Heading>
      <Paragraph data-size="sm">{rounds.acrossRounds ? `${intro} ${tWaiting.acrossRounds}` : intro}</Paragraph>
      <StaleNote copy={copy ?? null} testId="waiting-stale" />
      {failed && <Paragraph role="alert">{t.threadsLoadFailed}</Paragraph>}
      {threads !== null && items.length === 0 && (
        <Paragraph data-testid="waiting-empty">
          {audience.kind === 'ministry' ? tWaiting.forUsEmpty(audience.ministry) : tWaiting.forAnyEmpty}
        </Paragraph>
      )}
      {items.length > 0 && (
        <ul className="waiting__list">
          {items.map(({ thread, asking }) => {
            const measure = rounds.measuresOf(thread.roundId)?.find((m) => m.number === thread.measure);
            const elsewhere = thread.roundId !== rounds.current;
            return (
              <li
                key={thread.id}
                className="waiting__item"
                data-testid="waiting-thread"
                data-thread-id={thread.id}
                data-round={thread.roundId}
                data-measure={thread.measure}
              >
                <Link href={threadPath(thread.roundId, thread.measure, thread.id)}>
                  {measure ? tWaiting.measure(measure.number, measure.title) : tWaiting.measure(thread.measure, '')}
                </Link>
                {elsewhere && (
                  <p className="waiting__round" data-testid="waiting-round">
                    {tWaiting.inRound(rounds.titleOf(thread.roundId) ?? thread.roundId)}
                  </p>
                )}
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
