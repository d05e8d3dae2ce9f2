import { useCallback, useMemo, useSyncExternalStore } from 'react';
import * as Y from 'yjs';
import { anchoredText, decodeAnchorPosition } from '../../../shared/anchors.js';
import type { Anchor, Thread } from '../../../shared/comments.js';
import { NARRATIVE_FIELD } from '../../../shared/documentLayout.js';
import type { PassageState } from '../threads/ThreadCard.js';
import type { CollabSession } from './collabSession.js';

/** Quiet time after an edit before the passages are looked up again. */
const RECHECK_DELAY_MS = 150;

/**
 * Whether an anchored passage is in this copy of the narrative: `unknown` while the copy does
 * not yet hold the text the anchor points into (still loading, or the edit is on its way).
 */
export function passageState(doc: Y.Doc, anchor: Anchor): PassageState {
  try {
    const start = Y.createAbsolutePositionFromRelativePosition(decodeAnchorPosition(anchor.start), doc);
    const end = Y.createAbsolutePositionFromRelativePosition(decodeAnchorPosition(anchor.end), doc);
    if (!start || !end) return 'unknown';
  } catch {
    return 'unknown';
  }
  return anchoredText(doc, doc.getXmlFragment(NARRATIVE_FIELD), anchor) === null ? 'removed' : 'present';
}

/** The document as of its last quiet moment: a new object after each burst of edits. */
interface DocView {
  doc: Y.Doc;
}

const views = new WeakMap<Y.Doc, DocView>();

function viewOf(doc: Y.Doc): DocView {
  let view = views.get(doc);
  if (!view) {
    view = { doc };
    views.set(doc, view);
  }
  return view;
}

/** Follows a document's edits, a little after each burst, as a new view. */
function subscribeQuietly(doc: Y.Doc, listener: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const onUpdate = (): void => {
    timer ??= setTimeout(() => {
      timer = null;
      views.set(doc, { doc });
      listener();
    }, RECHECK_DELAY_MS);
  };
  doc.on('update', onUpdate);
  return () => {
    doc.off('update', onUpdate);
    if (timer) clearTimeout(timer);
  };
}

/** Each anchored thread's passage state, live from the measure's Y.Doc as people edit. */
export function usePassageStates(session: CollabSession | null, threads: readonly Thread[] | null): ReadonlyMap<string, PassageState> {
  const doc = session?.doc ?? null;
  const subscribe = useCallback((listener: () => void) => (doc ? subscribeQuietly(doc, listener) : () => undefined), [doc]);
  const view = useSyncExternalStore(subscribe, () => (doc ? viewOf(doc) : null));
  return useMemo(() => {
    const states = new Map<string, PassageState>();
    if (!view) return states;
    for (const thread of threads ?? []) {
      if (thread.anchor) states.set(thread.id, passageState(view.doc, thread.anchor));
    }
    return states;
  }, [view, threads]);
}
