import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { openLink } from '../../connection.js';
import {
  acquireSession,
  discardLocalCopy,
  openSession,
  subscribeSessions,
  type CollabSession,
  type SessionStatus,
} from '../../editor/collabSession.js';

export interface HeldSession {
  /** Null until acquired, and while a thrown-away copy is replaced. */
  session: CollabSession | null;
  /** The session's sync status, as it changes. */
  sync: SessionStatus;
  /** Throws this browser's copy away and opens a fresh one from the server. */
  discard: () => Promise<void>;
}

const NO_SESSION: SessionStatus = { state: 'connecting', unsynced: false, refused: false, checked: false, refusedFor: null, syncedOnce: false };

/**
 * The session of this person's copy of the measure's narrative, held while the page is shown
 * and `docName` is given (null: none is opened, nothing connects); its sync shows in the header
 * for as long as it is held.
 */
export function useCollabSession(docName: string | null, username: string): HeldSession {
  // A new generation acquires a new session (after the old copy was thrown away).
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    if (docName === null) return;
    // Sessions live outside React: a StrictMode remount takes the same one back.
    const hold = acquireSession(docName, username);
    return hold.release;
  }, [docName, username, generation]);
  // The session is whatever is open: a thrown-away copy is gone at once, so the editor lets go of it.
  const session = useSyncExternalStore(subscribeSessions, () => (docName === null ? null : openSession(docName, username)));

  useEffect(() => {
    if (!session) return;
    const link = openLink();
    link.set(session.snapshot());
    const stop = session.subscribe(() => link.set(session.snapshot()));
    return () => {
      stop();
      link.release();
    };
  }, [session]);

  const subscribe = useCallback((listener: () => void) => session?.subscribe(listener) ?? (() => undefined), [session]);
  const sync = useSyncExternalStore(subscribe, () => session?.snapshot() ?? NO_SESSION);

  const discard = useCallback(async () => {
    if (docName === null) return;
    try {
      await discardLocalCopy(docName, username);
    } finally {
      setGeneration((g) => g + 1);
    }
  }, [docName, username]);
  return { session, sync, discard };
}
