import { useCallback, useEffect, useRef, useState } from 'react';
import type { NarrativeVersion } from '../../../shared/history.js';
import { ApiRequestError } from '../api.js';
import { fetchHistory, fetchVersion, restoreVersion } from '../api/history.js';
import type { CollabSession } from '../editor/collabSession.js';
import { tHistory } from '../strings/history.js';
import { refusalText } from '../strings/serverRefusal.js';
import { useResource } from '../useResource.js';
import { entryTime } from './historyWords.js';

/** How long the narrative must rest before the list is read again (the server has stored it by then). */
export const REFRESH_AFTER_EDIT_MS = 2_000;

/** Why a restore was refused, in words. */
export function restoreProblem(error: unknown): string {
  if (!(error instanceof ApiRequestError)) return tHistory.restoreFailed(tHistory.restoreUnreachable);
  if (error.status === 403) return tHistory.restoreFailed(tHistory.restoreForbidden);
  if (error.status === 404) return tHistory.restoreFailed(tHistory.versionGone);
  if (error.status === 409) return tHistory.restoreFailed(tHistory.restoreImpossible);
  // Never the server's own message: it is English, and not written for the person.
  return tHistory.restoreRefused(refusalText(error.status));
}

/** What the panel says after a restore: done (or nothing to do), or why not. */
export interface RestoreOutcome {
  ok: boolean;
  text: string;
}

/**
 * The *Historikk* panel's data: the list (read when the panel opens, again when the narrative
 * has rested after an edit, and when `fieldsKey` says a status or readiness changed), the version
 * opened (with its diff against now, read again with the list), and restoring one.
 */
export function useHistory({ roundId, number, session, fieldsKey }: { roundId: string; number: number; session: CollabSession | null; fieldsKey: string }) {
  const key = `${roundId}.${number}`;
  const list = useResource(key, (signal) => fetchHistory(roundId, number, signal));
  const [selected, setSelected] = useState<string | null>(null);
  const detail = useResource(selected === null ? null : `${key}.${selected}`, (signal) => fetchVersion(roundId, number, selected ?? '', signal));
  const [restoring, setRestoring] = useState(false);
  const [outcome, setOutcome] = useState<RestoreOutcome | null>(null);
  const { refetch: refetchList } = list;
  const { refetch: refetchDetail } = detail;
  const refresh = useCallback(() => {
    refetchList();
    refetchDetail();
  }, [refetchList, refetchDetail]);

  // Someone (this person too) wrote: read again once the text has rested.
  useEffect(() => {
    if (!session) return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const onUpdate = (): void => {
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(refresh, REFRESH_AFTER_EDIT_MS);
    };
    session.doc.on('update', onUpdate);
    return () => {
      session.doc.off('update', onUpdate);
      if (timer !== null) clearTimeout(timer);
    };
  }, [session, refresh]);

  // A status or readiness change arrived on the round's stream.
  const seenFields = useRef(fieldsKey);
  useEffect(() => {
    if (seenFields.current === fieldsKey) return;
    seenFields.current = fieldsKey;
    refetchList();
  }, [fieldsKey, refetchList]);

  const restore = useCallback(
    async (version: NarrativeVersion): Promise<void> => {
      setRestoring(true);
      setOutcome(null);
      try {
        const result = await restoreVersion(roundId, number, version.id);
        setOutcome({ ok: true, text: result.version ? tHistory.restored(entryTime(version)) : tHistory.restoredSame });
        refresh();
      } catch (error) {
        setOutcome({ ok: false, text: restoreProblem(error) });
      } finally {
        setRestoring(false);
      }
    },
    [roundId, number, refresh],
  );

  const open = useCallback((versionId: string | null) => {
    setSelected(versionId);
    setOutcome(null);
  }, []);

  return {
    entries: list.data,
    listFailed: list.error !== null && list.data === null,
    refresh,
    selected,
    open,
    detail: detail.data,
    detailFailed: detail.error !== null && detail.data === null,
    restoring,
    outcome,
    restore,
  };
}

export type HistoryModel = ReturnType<typeof useHistory>;
