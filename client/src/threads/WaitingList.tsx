import { Heading, Paragraph } from '@digdir/designsystemet-react';
import { useCallback } from 'react';
import { Clock } from 'lucide-react';
import type { SessionUser } from '../../../shared/auth.js';
import { mentionsIn, type Comment, type Thread } from '../../../shared/comments.js';
import type { MeasureSummary } from '../../../shared/measureSummary.js';
import type { MinistryCode } from '../../../shared/ministries.js';
import { copyOfParts, fetchOpenThreads, fetchRounds, fetchRoundThreads } from '../api.js';
import { StaleNote } from '../components/StaleNote.js';
import { formatTime } from '../format.js';
import { Link } from '../router.js';
import { t, tOverview } from '../strings.js';
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
 * The threads waiting in every open round and in `roundId` (which may be frozen), each once:
 * a question asked in an older round that is still open must not stay behind when a new one starts.
 */
async function loadWaiting(roundId: string, ministry: MinistryCode | undefined): Promise<Thread[]> {
  const [rounds, open] = await Promise.all([fetchRounds(), fetchOpenThreads(ministry)]);
  if (rounds.some((round) => round.id === roundId && round.state === 'open')) return open;
  const own = await fetchRoundThreads(roundId, ministry);
  const ids = new Set(open.map((thread) => thread.id));
  // Either read from this browser's copy (an offline reload) makes the list one.
  return copyOfParts([...open, ...own.filter((thread) => !ids.has(thread.id))], [rounds, open, own]);
}

/**
 * The open threads that wait for an answer from the person's ministry (for the coordinator,
 * from any ministry), in every open round and the one shown, live: a thread event (from the
 * stream of any round the page follows) adds, updates or drops a thread by its `waitingFor`.
 */
export function useWaitingThreads(roundId: string, user: SessionUser): WaitingThreads {
  const audience = audienceOf(user);
  const ministry = audience.kind === 'ministry' ? audience.ministry : null;
  const kind = audience.kind;
  const load = useCallback(
    () => (kind === 'none' ? Promise.resolve([]) : loadWaiting(roundId, ministry ?? undefined)),
    [roundId, kind, ministry],
  );
  const belongs = useCallback(
    (thread: Thread) => (ministry !== null ? thread.waitingFor.includes(ministry) : kind === 'all' && thread.waitingFor.length > 0),
    [kind, ministry],
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

/** The rounds a waiting list may name: the measures of each (for titles) and the title of each other round. */
export interface WaitingRounds {
  /** The round the page is about: its threads need no round named. */
  current: string;
  measuresOf: (roundId: string) => readonly MeasureSummary[] | null;
  /** The title of a round other than the current one, when known. */
  titleOf: (roundId: string) => string | null;
  /** Other rounds are open: the list covers them too, and says so. */
  acrossRounds: boolean;
}

/** "Venter på oss": threads that wait for the ministry's answer, in every open round, each linking to the thread. */
export function WaitingList({ waiting, rounds }: { waiting: WaitingThreads; rounds: WaitingRounds }) {
  const { audience, threads, failed, copy } = waiting;
  if (audience.kind === 'none') return null;
  const title = audience.kind === 'ministry' ? t.waitingForUs(audience.ministry) : t.waitingForAny;
  const intro = audience.kind === 'ministry' ? t.waitingForUsIntro(audience.ministry) : t.waitingForAnyIntro;
  const items = (threads ?? [])
    .map((thread) => ({ thread, asking: askingComment(thread, audience) }))
    .sort((a, b) => (a.asking?.createdAt ?? a.thread.createdAt).localeCompare(b.asking?.createdAt ?? b.thread.createdAt));
  return (
    <section aria-labelledby="waiting-title" className="waiting" data-testid="waiting-list">
      <Heading level={2} data-size="xs" id="waiting-title">
        {title}
      </Heading>
      <Paragraph data-size="sm">{rounds.acrossRounds ? `${intro} ${tOverview.waitingAcrossRounds}` : intro}</Paragraph>
      <StaleNote copy={copy ?? null} testId="waiting-stale" />
      {failed && <Paragraph role="alert">{t.threadsLoadFailed}</Paragraph>}
      {threads !== null && items.length === 0 && (
        <Paragraph data-testid="waiting-empty">
          {audience.kind === 'ministry' ? t.waitingForUsEmpty(audience.ministry) : t.waitingForAnyEmpty}
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
                  {measure ? t.waitingMeasure(measure.number, measure.title) : t.waitingMeasure(thread.measure, '')}
                </Link>
                {elsewhere && (
                  <p className="waiting__round" data-testid="waiting-round">
                    {tOverview.waitingInRound(rounds.titleOf(thread.roundId) ?? thread.roundId)}
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
