import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Thread } from '../../../shared/comments.js';
import { fetchThreads } from '../api.js';
import type { CollabSession } from '../editor/collabSession.js';
import type { CommentHighlight } from '../editor/commentHighlights.js';
import type { EditorComments } from '../editor/NarrativeEditor.js';
import { usePassageStates } from '../editor/passageStates.js';
import { t } from '../strings.js';
import { useLiveThreads, type LiveThreads } from './liveThreads.js';
import type { PassageState } from './ThreadCard.js';
import { threadElementId, threadIdFromHash } from './threadLinks.js';
import type { ThreadDraft } from './ThreadsPanel.js';

export interface MeasureComments {
  store: LiveThreads;
  threads: Thread[] | null;
  failed: boolean;
  passages: ReadonlyMap<string, PassageState>;
  activeThreadId: string | null;
  focusRequest: number;
  activate: (threadId: string | null, focus?: boolean) => void;
  draft: ThreadDraft | null;
  setDraft: (draft: ThreadDraft | null) => void;
  /** What the narrative editor marks and reports. */
  editor: EditorComments;
}

/**
 * The comment threads of one measure page: the live list, which thread is active (its passage
 * emphasised in the text, its card in the panel), the comment being written, and the passages
 * the editor marks. Feed `store.onRoundEvent` the round's events.
 */
export function useMeasureComments(roundId: string, number: number, session: CollabSession | null): MeasureComments {
  const { store, threads, failed } = useLiveThreads(
    () => fetchThreads(roundId, number),
    (thread) => thread.roundId === roundId && thread.measure === number,
    `${roundId}.${number}`,
  );
  const passages = usePassageStates(session, threads);
  const [activeThreadId, setActiveThreadId] = useState<string | null>(null);
  const [focusRequest, setFocusRequest] = useState(0);
  const [draft, setDraft] = useState<ThreadDraft | null>(null);

  const activate = useCallback((threadId: string | null, focus = false) => {
    setActiveThreadId(threadId);
    if (focus && threadId) setFocusRequest((n) => n + 1);
  }, []);

  // An address that names a thread (from the overview) opens the page on it, once it is loaded.
  const [linked] = useState(() => threadIdFromHash(window.location.hash));
  const linkedLoaded = linked !== null && (threads?.some((thread) => thread.id === linked) ?? false);
  useEffect(() => {
    if (linkedLoaded) activate(linked, true);
  }, [linkedLoaded, linked, activate]);

  const highlights = useMemo(() => {
    const list: CommentHighlight[] = [];
    for (const thread of threads ?? []) {
      if (thread.resolved || !thread.anchor || passages.get(thread.id) === 'removed') continue;
      const author = thread.comments[0]?.author;
      list.push({
        threadId: thread.id,
        anchor: thread.anchor,
        title: t.highlightTitle(author ? t.authorName(author.name, author.ministry) : ''),
        describedBy: threadElementId(thread.id),
      });
    }
    if (draft?.anchor) list.push({ threadId: null, anchor: draft.anchor, title: t.newThreadOnSelection, describedBy: null });
    return list;
  }, [threads, passages, draft]);

  const editor = useMemo<EditorComments>(
    () => ({
      highlights,
      activeThreadId,
      onSelectThread: (threadId) => activate(threadId, true),
      onCommentPassage: (passage) => setDraft({ anchor: passage.anchor, quote: passage.quote }),
    }),
    [highlights, activeThreadId, activate],
  );

  return { store, threads, failed, passages, activeThreadId, focusRequest, activate, draft, setDraft, editor };
}
