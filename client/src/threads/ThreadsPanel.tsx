import { Button, Details, Heading, Paragraph } from '@digdir/designsystemet-react';
import { MessageSquarePlus } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { actorOf, type SessionUser } from '../../../shared/auth.js';
import type { Anchor, Thread } from '../../../shared/comments.js';
import type { MinistryCode } from '../../../shared/ministries.js';
import { can } from '../../../shared/permissions.js';
import { startThread } from '../api.js';
import { t } from '../strings.js';
import { CommentForm } from './CommentForm.js';
import type { LiveThreads } from './liveThreads.js';
import { ThreadCard, type PassageState } from './ThreadCard.js';
import { threadElementId } from './threadLinks.js';

/** A comment being written: on a selected passage, or on the measure as a whole (no anchor). */
export interface ThreadDraft {
  anchor: Anchor | null;
  quote: string | null;
}

/** How much of a comment a screen reader hears in the announcement of a new one. */
const ANNOUNCED_CHARS = 160;

/**
 * What changed in the threads since the last render that someone else did: new comments and
 * resolutions, said politely by a live region (focus stays where the person is).
 */
function useAnnouncements(threads: Thread[] | null, username: string): [string, (text: string) => void] {
  const [message, setMessage] = useState('');
  const seen = useRef<Map<string, { comments: Set<string>; resolved: boolean }> | null>(null);
  useEffect(() => {
    if (threads === null) return;
    const previous = seen.current;
    const next = new Map(threads.map((thread) => [thread.id, { comments: new Set(thread.comments.map((c) => c.id)), resolved: thread.resolved }]));
    seen.current = next;
    if (previous === null) return;
    const news: string[] = [];
    for (const thread of threads) {
      const before = previous.get(thread.id);
      for (const comment of thread.comments) {
        if (before?.comments.has(comment.id) || comment.author.username === username) continue;
        news.push(t.announceComment(t.authorName(comment.author.name, comment.author.ministry), comment.body.slice(0, ANNOUNCED_CHARS)));
      }
      if (before && !before.resolved && thread.resolved && thread.resolvedBy && thread.resolvedBy.username !== username) {
        news.push(t.announceResolved(t.authorName(thread.resolvedBy.name, thread.resolvedBy.ministry)));
      }
    }
    if (news.length > 0) setMessage(news.join(' '));
  }, [threads, username]);
  return [message, setMessage];
}

/**
 * The measure's comment threads ("Kommentarer"): open ones first, resolved ones folded away;
 * a new comment on the measure or on the passage chosen in the editor; live for everyone.
 */
export function ThreadsPanel({
  roundId,
  number,
  user,
  ministries,
  known,
  threads,
  failed,
  store,
  passages,
  activeThreadId,
  focusRequest,
  onActivate,
  draft,
  onDraft,
  onReturnToText,
}: {
  roundId: string;
  number: number;
  user: SessionUser;
  /** The measure's responsible ministries, who may resolve its threads. */
  ministries: readonly MinistryCode[];
  /** Whether the ministries are known yet. */
  known: boolean;
  threads: Thread[] | null;
  failed: boolean;
  store: LiveThreads;
  passages: ReadonlyMap<string, PassageState>;
  activeThreadId: string | null;
  /** Changes when the active thread should take focus (a highlight was clicked, a link followed). */
  focusRequest: number;
  onActivate: (threadId: string | null, focus?: boolean) => void;
  draft: ThreadDraft | null;
  /** Opens (or, with null, closes) the form for a new comment. */
  onDraft: (draft: ThreadDraft | null) => void;
  /** After a comment on a passage was cancelled: back to the text. */
  onReturnToText: () => void;
}) {
  const actor = actorOf(user);
  const permissions = {
    resolve: known && can(actor, { kind: 'resolveThread', ministries }),
    deleteAny: can(actor, { kind: 'coordinate' }),
  };
  const open = threads?.filter((thread) => !thread.resolved) ?? [];
  const resolved = threads?.filter((thread) => thread.resolved) ?? [];
  const [showResolved, setShowResolved] = useState(false);
  const [announcement, announce] = useAnnouncements(threads, user.username);
  const heading = useRef<HTMLHeadingElement>(null);
  const measureButton = useRef<HTMLButtonElement>(null);
  const [focusMeasureButton, setFocusMeasureButton] = useState(false);
  useEffect(() => {
    if (!focusMeasureButton || draft) return;
    setFocusMeasureButton(false);
    measureButton.current?.focus();
  }, [focusMeasureButton, draft]);

  const cancelDraft = () => {
    if (draft?.anchor) onReturnToText();
    else setFocusMeasureButton(true);
    onDraft(null);
  };

  // Focus follows an explicit request only (a click on a marked passage, a link, one's own
  // new thread), once the thread is there; a resolved one's list is opened for it.
  const handledFocus = useRef(0);
  useEffect(() => {
    if (focusRequest === handledFocus.current || !activeThreadId) return;
    const thread = threads?.find((candidate) => candidate.id === activeThreadId);
    if (!thread) return;
    if (thread.resolved && !showResolved) {
      setShowResolved(true);
      return;
    }
    const element = document.getElementById(threadElementId(activeThreadId));
    if (!element) return;
    handledFocus.current = focusRequest;
    element.scrollIntoView({ block: 'nearest' });
    element.focus({ preventScroll: true });
  }, [focusRequest, activeThreadId, threads, showResolved]);

  const focusHeading = () => {
    heading.current?.focus();
  };

  const cards = (list: Thread[]) => (
    <ul className="threads__list">
      {list.map((thread) => (
        <li key={thread.id}>
          <ThreadCard
            thread={thread}
            user={user}
            store={store}
            permissions={permissions}
            passage={passages.get(thread.id) ?? 'unknown'}
            active={thread.id === activeThreadId}
            onActivate={(id) => onActivate(id)}
            onResolvedChange={(changed) => {
              if (changed.resolved) {
                announce(t.announceOwnResolved);
                focusHeading();
              } else {
                onActivate(changed.id, true);
              }
            }}
            onDeleted={(threadGone) => {
              announce(t.announceDeleted);
              if (threadGone) focusHeading();
              else onActivate(thread.id, true);
            }}
          />
        </li>
      ))}
    </ul>
  );

  return (
    <section aria-labelledby="threads-title" className="threads" data-testid="threads-panel">
      <Heading level={2} data-size="xs" id="threads-title" ref={heading} tabIndex={-1} className="threads__title">
        {t.comments}
      </Heading>
      <div aria-live="polite" aria-atomic="true" className="visually-hidden" data-testid="threads-announcement">
        {announcement}
      </div>
      {draft ? (
        <div className="threads__new" data-testid="new-thread">
          {draft.quote !== null && (
            <blockquote className="thread__quote" aria-label={t.quoteLabel}>
              {draft.quote}
            </blockquote>
          )}
          <CommentForm
            key={draft.anchor?.start ?? 'measure'}
            label={draft.anchor ? t.newThreadOnSelection : t.newThreadOnMeasure}
            description={t.commentHint}
            submitLabel={t.send}
            autoFocus
            testId="new-thread-form"
            onSubmit={async (body) => {
              const thread = await store.change(null, () =>
                startThread(roundId, number, draft.anchor ? { body, anchor: draft.anchor } : { body }),
              );
              onDraft(null);
              onActivate(thread.id, true);
            }}
            onCancel={cancelDraft}
          />
        </div>
      ) : (
        <Button ref={measureButton} variant="secondary" data-size="sm" data-testid="comment-measure" onClick={() => onDraft({ anchor: null, quote: null })}>
          <MessageSquarePlus aria-hidden="true" size={16} /> {t.commentOnMeasure}
        </Button>
      )}
      {failed && <Paragraph role="alert">{t.threadsLoadFailed}</Paragraph>}
      {threads === null && !failed && <Paragraph>{t.loading}</Paragraph>}
      {threads !== null && open.length === 0 && <Paragraph className="threads__none">{t.noThreads}</Paragraph>}
      {open.length > 0 && cards(open)}
      {resolved.length > 0 && (
        <Details open={showResolved} onToggle={() => setShowResolved((shown) => !shown)} data-testid="resolved-threads">
          <Details.Summary>{t.resolvedThreads(resolved.length)}</Details.Summary>
          <Details.Content>{cards(resolved)}</Details.Content>
        </Details>
      )}
    </section>
  );
}
