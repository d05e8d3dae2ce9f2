import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { SessionUser } from '../../../shared/auth.js';
import type { Anchor, Comment, Thread } from '../../../shared/comments.js';
import { fetchThreads } from '../api.js';
import type { CollabSession } from '../editor/collabSession.js';
import type { CommentHighlight } from '../editor/commentHighlights.js';
import type { EditorComments } from '../editor/NarrativeEditor.js';
import { usePassageStates } from '../editor/passageStates.js';
import type { Pending } from '../outbox/changes.js';
import type { Outbox } from '../outbox/Outbox.js';
import { t } from '../strings.js';
import { tMeasure } from '../strings/measure.js';
import { editDraftKey, newThreadDraftKey, readDraft, replyDraftKey, writeDraft } from './commentDrafts.js';
import { useLiveThreads, type LiveThreads, type LiveThreadsSnapshot } from './liveThreads.js';
import type { PassageState } from './ThreadCard.js';
import { threadElementId, threadIdFromHash } from './threadLinks.js';

/** An edit of one's comment kept in this browser: its text, and keeping it (null or the comment's text: forgotten). */
export interface EditDraft {
  body: (commentId: string) => string | null;
  keep: (comment: Pick<Comment, 'id' | 'body'>, body: string | null) => void;
}

/** A comment being written: on a selected passage, or on the measure as a whole (no anchor). */
export interface ThreadDraft {
  anchor: Anchor | null;
  quote: string | null;
}

/** A comment of this person's kept in the outbox: a new thread, or a reply to `threadId`. */
export type PendingComment = Pending & { change: { kind: 'thread' | 'reply' } };
/** A thread resolved or reopened by this person, kept in the outbox. */
export type PendingResolve = Pending & { change: Extract<Pending['change'], { kind: 'resolve' }> };
/** A comment deleted by this person, kept in the outbox. */
export type PendingDelete = Pending & { change: Extract<Pending['change'], { kind: 'delete' }> };

export interface MeasureComments {
  store: LiveThreads;
  threads: Thread[] | null;
  failed: boolean;
  /** The threads shown are this browser's copy (an offline reload), fetched then. */
  copy: LiveThreadsSnapshot['copy'];
  passages: ReadonlyMap<string, PassageState>;
  activeThreadId: string | null;
  /** Changes when the active thread should take focus (a highlight was clicked, a link followed). */
  focusRequest: number;
  activate: (threadId: string | null, focus?: boolean) => void;
  draft: ThreadDraft | null;
  /** Opens (or, with null, closes) the form for a new comment. */
  setDraft: (draft: ThreadDraft | null) => void;
  /** The new comment's text as kept in this browser (the form starts from it). */
  draftBody: () => string;
  /** Keeps the new comment's text as it is written. */
  keepDraftBody: (body: string) => void;
  /** Keeps the draft as a new thread in the outbox (sent now, or once connected) and closes the form. */
  startDraft: (body: string) => Promise<void>;
  /** Keeps a reply in the outbox. */
  reply: (threadId: string, body: string) => void;
  /** A reply box's text as kept in this browser, and keeping it as it is written. */
  replyDraft: { body: (threadId: string) => string; keep: (threadId: string, body: string) => void };
  /**
   * An edit of one's comment as kept in this browser until saved or cancelled (null: none), and
   * keeping it as it is written (the comment's own text, or none, forgets it).
   */
  editDraft: EditDraft;
  /** This person's new threads on the measure waiting for the server (or refused). */
  pendingThreads: PendingComment[];
  /** This person's replies waiting, by thread. */
  pendingReplies: ReadonlyMap<string, PendingComment[]>;
  /**
   * Resolves or reopens a thread through the outbox (sent now, or once connected); the thread
   * shows so at once (`threads`), marked while the server does not have it (`pendingResolves`).
   */
  resolve: (thread: Thread, resolved: boolean) => void;
  /** This person's resolves and reopens waiting (or refused), by thread. */
  pendingResolves: ReadonlyMap<string, PendingResolve>;
  /**
   * Deletes a comment through the outbox (sent now, or once connected); it goes from `threads`
   * at once (its thread with its last comment), and its thread says so while the server does not have it.
   */
  deleteComment: (threadId: string, commentId: string) => void;
  /** This person's deletions waiting (or refused), by thread. */
  pendingDeletes: ReadonlyMap<string, PendingDelete[]>;
  /**
   * A refused comment back into its form (the text to change and send again); false when that
   * form already holds text of its own, which would be lost.
   */
  backToForm: (entry: PendingComment) => boolean;
  /** Changes when a form's kept text was replaced from outside (a comment taken back): forms start again from it. */
  draftVersion: number;
  discardPending: (entry: PendingComment | PendingResolve | PendingDelete) => void;
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
      title: tMeasure.highlightTitle(author ? t.authorName(author.name, author.ministry) : ''),
      describedBy: threadElementId(thread.id),
    });
  }
  if (draft?.anchor) list.push({ threadId: null, anchor: draft.anchor, title: tMeasure.newThreadOnSelection, describedBy: null });
  return list;
}

const isComment = (entry: Pending): entry is PendingComment => entry.change.kind === 'thread' || entry.change.kind === 'reply';
const isResolve = (entry: Pending): entry is PendingResolve => entry.change.kind === 'resolve';
const isDelete = (entry: Pending): entry is PendingDelete => entry.change.kind === 'delete';

/** The element id of a pending comment's card, where focus goes once the form closes. */
export const pendingElementId = (entryId: string): string => `ikke-sendt-${entryId}`;

/**
 * The comment threads of one measure page: the live list, which thread is active (its passage
 * emphasised in the text, its card in the panel), the comment being written (kept in this
 * browser as it is written, so that it survives leaving the page and reloading), this person's
 * comments waiting in the outbox, and the passages the editor marks. Feed `store.onRoundEvent`
 * the round's events.
 */
export function useMeasureComments(
  roundId: string,
  number: number,
  session: CollabSession | null,
  user: SessionUser,
  outbox: Outbox,
  pending: readonly Pending[],
): MeasureComments {
  const { username } = user;
  const load = useCallback(() => fetchThreads(roundId, number), [roundId, number]);
  const belongs = useCallback((thread: Thread) => thread.roundId === roundId && thread.measure === number, [roundId, number]);
  const { store, threads, failed, copy } = useLiveThreads(load, belongs);
  const passages = usePassageStates(session, threads);
  const [activeThreadId, setActiveThreadId] = useState<string | null>(null);
  const [focusRequest, setFocusRequest] = useState(0);
  const [draftVersion, setDraftVersion] = useState(0);
  const newKey = newThreadDraftKey(roundId, number);
  // A comment left unsent (the page was left, or reloaded) opens again with its text.
  const [draft, setDraftState] = useState<ThreadDraft | null>(() => {
    const kept = readDraft(username, newKey);
    return kept ? { anchor: kept.anchor ?? null, quote: kept.quote ?? null } : null;
  });

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

  // The answers to this person's comments show at once; one started on this page takes focus.
  const mine = useRef(new Set<string>());
  /** What the stream had told of a thread when this person resolved or reopened it, by outbox entry. */
  const resolvedAt = useRef(new Map<string, number>());
  useEffect(
    () =>
      outbox.onSettled(({ entry, outcome, answer }) => {
        const { change } = entry;
        if (change.kind === 'status' || change.kind === 'ready' || change.roundId !== roundId || change.number !== number) return;
        const revision = resolvedAt.current.get(entry.id);
        if (outcome.kind !== 'unanswered') resolvedAt.current.delete(entry.id);
        if (outcome.kind === 'saved' && change.kind === 'delete') store.dropComment(change.threadId, change.commentId);
        if (outcome.kind !== 'saved' || !answer || !('comments' in answer)) return;
        // A resolve's answer has the comments the thread has: it shows unless the stream told newer.
        if (change.kind === 'resolve') store.takeIfUnchanged(answer, revision ?? 0);
        else store.take(answer);
        if (change.kind === 'thread' && mine.current.delete(entry.id)) activate(answer.id, true);
      }),
    [outbox, store, roundId, number, activate],
  );

  const setDraft = useCallback(
    (next: ThreadDraft | null) => {
      // Another passage chosen while writing: the text written so far stays.
      const body = next ? (readDraft(username, newKey)?.body ?? '') : '';
      writeDraft(username, newKey, next ? { body, anchor: next.anchor, quote: next.quote } : null);
      setDraftState(next);
    },
    [username, newKey],
  );

  const startDraft = async (body: string): Promise<void> => {
    if (!draft) return;
    const id = outbox.add({ kind: 'thread', roundId, number, body, anchor: draft.anchor, quote: draft.quote });
    if (id) mine.current.add(id);
    writeDraft(username, newKey, null);
    setDraftState(null);
    // The form goes; focus to the comment kept (it moves on to the thread once the server has it).
    if (id) requestAnimationFrame(() => document.getElementById(pendingElementId(id))?.focus());
  };

  const ownPending = useMemo(
    () => pending.filter(isComment).filter((entry) => entry.change.roundId === roundId && entry.change.number === number),
    [pending, roundId, number],
  );
  const pendingThreads = useMemo(() => ownPending.filter((entry) => entry.change.kind === 'thread'), [ownPending]);
  const pendingResolves = useMemo(() => {
    const byThread = new Map<string, PendingResolve>();
    for (const entry of pending) {
      if (isResolve(entry) && entry.change.roundId === roundId && entry.change.number === number) byThread.set(entry.change.threadId, entry);
    }
    return byThread;
  }, [pending, roundId, number]);
  const pendingDeletes = useMemo(() => {
    const byThread = new Map<string, PendingDelete[]>();
    for (const entry of pending) {
      if (!isDelete(entry) || entry.change.roundId !== roundId || entry.change.number !== number) continue;
      byThread.set(entry.change.threadId, [...(byThread.get(entry.change.threadId) ?? []), entry]);
    }
    return byThread;
  }, [pending, roundId, number]);
  // The threads as this person left them: one they resolved or reopened shows so, and a comment
  // they deleted is gone (a thread with its last), until the server has it.
  const shownThreads = useMemo(() => {
    if (!threads || (pendingResolves.size === 0 && pendingDeletes.size === 0)) return threads;
    return threads.flatMap((thread) => {
      const resolve = pendingResolves.get(thread.id);
      const deleted = new Set((pendingDeletes.get(thread.id) ?? []).filter((entry) => entry.state !== 'refused').map((entry) => entry.change.commentId));
      const comments = deleted.size === 0 ? thread.comments : thread.comments.filter((comment) => !deleted.has(comment.id));
      if (comments.length === 0) return [];
      const resolved = resolve && resolve.state !== 'refused' ? resolve.change.value : thread.resolved;
      return [comments === thread.comments && resolved === thread.resolved ? thread : { ...thread, comments, resolved }];
    });
  }, [threads, pendingResolves, pendingDeletes]);
  const pendingReplies = useMemo(() => {
    const byThread = new Map<string, PendingComment[]>();
    for (const entry of ownPending) {
      if (entry.change.kind !== 'reply') continue;
      byThread.set(entry.change.threadId, [...(byThread.get(entry.change.threadId) ?? []), entry]);
    }
    return byThread;
  }, [ownPending]);

  const highlights = useMemo(() => highlightsOf(shownThreads, passages, draft), [shownThreads, passages, draft]);
  const editor = useMemo<EditorComments>(
    () => ({
      highlights,
      activeThreadId,
      onSelectThread: (threadId) => activate(threadId, true),
      onCommentPassage: (passage) => setDraft({ anchor: passage.anchor, quote: passage.quote }),
    }),
    [highlights, activeThreadId, activate, setDraft],
  );

  return {
    store,
    threads: shownThreads,
    failed,
    copy,
    passages,
    activeThreadId,
    focusRequest,
    activate,
    draft,
    setDraft,
    draftBody: () => readDraft(username, newKey)?.body ?? '',
    keepDraftBody: (body) => {
      if (draft) writeDraft(username, newKey, { body, anchor: draft.anchor, quote: draft.quote });
    },
    startDraft,
    reply: (threadId, body) => {
      outbox.add({ kind: 'reply', roundId, number, threadId, body });
      writeDraft(username, replyDraftKey(threadId), null);
    },
    replyDraft: {
      body: (threadId) => readDraft(username, replyDraftKey(threadId))?.body ?? '',
      keep: (threadId, body) => writeDraft(username, replyDraftKey(threadId), { body }),
    },
    editDraft: {
      body: (commentId) => readDraft(username, editDraftKey(commentId))?.body ?? null,
      keep: (comment, body) => writeDraft(username, editDraftKey(comment.id), body === null || body === comment.body ? null : { body }),
    },
    pendingThreads,
    pendingReplies,
    resolve: (thread, resolved) => {
      // What the server said last is the base: a change back to it leaves nothing to send.
      const told = threads?.find((known) => known.id === thread.id);
      const id = outbox.add({ kind: 'resolve', roundId, number, threadId: thread.id, value: resolved, base: told?.resolved ?? thread.resolved });
      if (id) resolvedAt.current.set(id, store.revisionOf(thread.id));
    },
    pendingResolves,
    deleteComment: (threadId, commentId) => {
      outbox.add({ kind: 'delete', roundId, number, threadId, commentId });
    },
    pendingDeletes,
    backToForm: (entry) => {
      const { change } = entry;
      if (change.kind === 'thread') {
        if (draft !== null && readDraft(username, newKey) !== null) return false;
        writeDraft(username, newKey, { body: change.body, anchor: change.anchor, quote: change.quote });
        setDraftState({ anchor: change.anchor, quote: change.quote });
      } else if (change.kind === 'reply') {
        if (readDraft(username, replyDraftKey(change.threadId))) return false;
        writeDraft(username, replyDraftKey(change.threadId), { body: change.body });
      }
      outbox.discard(entry.id);
      setDraftVersion((v) => v + 1);
      return true;
    },
    draftVersion,
    discardPending: (entry) => outbox.discard(entry.id),
    editor,
  };
}
