import { useEffect, useRef, useState, type RefObject } from 'react';
import type { Thread } from '../../../shared/comments.js';
import { tComments } from '../strings/comments.js';
import { threadElementId } from './threadLinks.js';
import { threadNews } from './threadNews.js';
import type { MeasureComments } from './useMeasureComments.js';

/**
 * What changed in the threads since the last render that someone else did, said politely by a
 * live region (focus stays where the person is).
 */
function useAnnouncements(threads: Thread[] | null, username: string): [string, (text: string) => void] {
  const [message, setMessage] = useState('');
  const [seen, setSeen] = useState(threads);
  if (threads !== seen) {
    setSeen(threads);
    const news = threadNews(seen, threads, username);
    if (news.length > 0) setMessage(news.join(' '));
  }
  return [message, setMessage];
}

/**
 * The threads panel's behaviour: announcements of others' changes, a visible notice of one's
 * own (resolved, reopened, deleted: focus moves, so the person sees what happened), the folded
 * list of resolved threads, and focus.
 * Focus follows an explicit request only (a click on a marked passage, a link, one's own new
 * thread), once the thread is there; a resolved one's list is opened for it. After one's own
 * resolve or deletion focus goes to the panel's heading, after a cancelled comment on the
 * measure back to its button.
 */
export function useThreadsPanel(
  comments: MeasureComments,
  username: string,
  { heading, measureButton }: { heading: RefObject<HTMLElement | null>; measureButton: RefObject<HTMLElement | null> },
) {
  const { threads, activeThreadId, focusRequest, draft, activate } = comments;
  const [announcement] = useAnnouncements(threads, username);
  const [notice, setNotice] = useState<string | null>(null);
  const [showResolved, setShowResolved] = useState(false);

  // A new request for a resolved thread opens the resolved list (once the thread is there). The
  // panel loads after the page (MeasurePage), so a request made before it was shown counts too.
  const [openedFor, setOpenedFor] = useState(0);
  const requested = focusRequest !== openedFor && activeThreadId ? threads?.find((thread) => thread.id === activeThreadId) : undefined;
  if (requested) {
    setOpenedFor(focusRequest);
    if (requested.resolved) setShowResolved(true);
  }

  const handledFocus = useRef(0);
  useEffect(() => {
    if (focusRequest === handledFocus.current || !activeThreadId) return;
    const element = document.getElementById(threadElementId(activeThreadId));
    if (!element) return;
    handledFocus.current = focusRequest;
    element.scrollIntoView({ block: 'nearest' });
    element.focus({ preventScroll: true });
  }, [focusRequest, activeThreadId, threads, showResolved]);

  // Back to "Kommenter hele tiltaket" once the cancelled form is gone.
  const focusMeasureButton = useRef(false);
  useEffect(() => {
    if (!focusMeasureButton.current || draft) return;
    focusMeasureButton.current = false;
    measureButton.current?.focus();
  }, [draft, measureButton]);

  return {
    announcement,
    notice,
    closeNotice: () => setNotice(null),
    showResolved,
    toggleResolved: () => setShowResolved((shown) => !shown),
    /** Closes the new comment's form; a passage's goes back to the text, the measure's to its button. */
    cancelDraft: (returnToText: () => void) => {
      if (draft?.anchor) returnToText();
      else focusMeasureButton.current = true;
      comments.setDraft(null);
    },
    onResolvedChange: (changed: Thread) => {
      if (changed.resolved) {
        setNotice(tComments.resolvedNotice);
        heading.current?.focus();
      } else {
        setNotice(tComments.reopenedNotice);
        activate(changed.id, true);
      }
    },
    onDeleted: (threadId: string, threadGone: boolean) => {
      setNotice(tComments.deletedNotice);
      if (threadGone) heading.current?.focus();
      else activate(threadId, true);
    },
  };
}
