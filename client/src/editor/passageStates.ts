import { useEffect, useMemo, useState } from 'react';
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

/** Each anchored thread's passage state, live from the measure's Y.Doc as people edit. */
export function usePassageStates(session: CollabSession | null, threads: readonly Thread[] | null): ReadonlyMap<string, PassageState> {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    if (!session) return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const onUpdate = (): void => {
      timer ??= setTimeout(() => {
        timer = null;
        setVersion((v) => v + 1);
      }, RECHECK_DELAY_MS);
    };
    session.doc.on('update', onUpdate);
    return () => {
      session.doc.off('update', onUpdate);
      if (timer) clearTimeout(timer);
    };
  }, [session]);
  return useMemo(() => {
    const states = new Map<string, PassageState>();
    if (!session) return states;
    for (const thread of threads ?? []) {
      if (thread.anchor) states.set(thread.id, passageState(session.doc, thread.anchor));
    }
    return states;
    // `version` counts the document's changes.
  }, [session, threads, version]);
}
