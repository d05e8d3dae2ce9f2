import { useCallback, useMemo, useState } from 'react';
import type { Anchor, Thread } from '../../../shared/comments.js';
import { fetchThreads, startThread } from '../api.js';
import type { CollabSession } from '../editor/collabSession.js';
import type { CommentHighlight } from '../editor/commentHighlights.js';
import type { EditorComments } from '../editor/NarrativeEditor.js';
import { usePassageStates } from '../editor/passageStates.js';
import { t } from '../strings.js';
import { useLiveThreads, type LiveThreads } from './liveThreads.js';
import type { PassageState } from './ThreadCard.js';
import { threadElementId, threadIdFromHash } from './threadLinks.js';

/** A comment being written: on a selected passage, or on the measure as a whole (no anchor). */
export interface ThreadDraft {
  anchor: Anchor | null;
  quote: string | null;
}

export interface MeasureComments {
  store: LiveThreads;
  threads: Thread[] | null;
  failed: boolean;
  passages: ReadonlyMap<string, PassageState>;
  activeThreadId: string | null;
  /** Changes when the active thread should take focus (a highlight was clicked, a link followed). */
  focusRequest: number;
  activate: (threadId: string | null, focus?: boolean) => void;
  draft: ThreadDraft | null;
  /** Opens (or, with null, closes) the form for a new comment. */
  setDraft: (draft: ThreadDraft | null) => void;
  /** Sends the draft as a new thread, closes the form and focuses the thread. */
  startDraft: (body: string) => Promise<void>;
  /** What the narrative editor marks and reports. */
  editor: EditorComments;
}

/** The passages the editor marks: open threads' that are still there, and the draft's. */
function highlightsOf(threads: readonly Thread[] | null, passages: ReadonlyMap<string, PassageState>, draft: ThreadDraft | null): CommentHighlight[] {
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
}

/**
 * The comment threads of one measure page: the live list, which thread is active (its passage
 * emphasised in the text, its card in the panel), the comment being written, and the passages
 * the editor marks. Feed `store.onRoundEvent` the round's events.
 */
export function useMeasureComments(roundId: string, number: number, session: CollabSession | null): MeasureComments {
  const load = useCallback(() => fetchThreads(roundId, number), [roundId, number]);
  const belongs = useCallback((thread: Thread) => thread.roundId === roundId && thread.measure === number, [roundId, number]);
  const { store, threads, failed } = useLiveThreads(load, belongs);
  const passages = usePassageStates(session, threads);
  const [activeThreadId, setActiveThreadId] = useState<string | null>(null);
  const [focusRequest, setFocusRequest] = useState(0);
  const [draft, setDraft] = useState<ThreadDraft | null>(null);

  const activate = useCallback((threadId: string | null, focus = false) => {
    setActiveThreadId(threadId);
    if (focus && threadId) setFocusRequest((n) => n + 1);
  }, []);

  // An address that names a thread (from the overview) opens the page on it, once it is loaded.
  const [linked, setLinked] = useState(() => threadIdFromHash(window.location.hash));
  if (linked !== null && threads?.some((thread) => thread.id === linked)) {
    setLinked(null);
    activate(linked, true);
  }

  const startDraft = async (body: string): Promise<void> => {
    if (!draft) return;
    const { anchor } = draft;
    const thread = await store.change(null, () => startThread(roundId, number, anchor ? { body, anchor } : { body }));
    setDraft(null);
    activate(thread.id, true);
  };

  const highlights = useMemo(() => highlightsOf(threads, passages, draft), [threads, passages, draft]);
  const editor = useMemo<EditorComments>(
    () => ({
      highlights,
      activeThreadId,
      onSelectThread: (threadId) => activate(threadId, true),
      onCommentPassage: (passage) => setDraft({ anchor: passage.anchor, quote: passage.quote }),
    }),
    [highlights, activeThreadId, activate],
  );

  return { store, threads, failed, passages, activeThreadId, focusRequest, activate, draft, setDraft, startDraft, editor };
}
