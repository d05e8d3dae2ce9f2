import { useCallback, useEffect, useMemo, useState } from 'react';
import type { RoundEvent } from '../../../../shared/api.js';
import type { SnapshotSummary } from '../../../../shared/snapshot.js';
import { ApiRequestError, fetchRounds } from '../../api.js';
import { fetchComparison } from '../../api/comparison.js';
import { fetchSnapshots } from '../../api/rounds.js';
import { navigate, paths, useSearch } from '../../router.js';
import { t } from '../../strings.js';
import { tRounds } from '../../strings/rounds.js';
import { useResource } from '../../useResource.js';
import { useLiveRound } from '../../useRound.js';
import { LIVE, roundChain, withTold, type RoundSnapshots } from './comparableSnapshots.js';

/** This round's snapshots and those of the rounds before it: what "what changed" can compare from. */
async function loadGroups(roundId: string, signal: AbortSignal): Promise<RoundSnapshots[]> {
  const chain = roundChain(await fetchRounds(signal), roundId);
  const lists = await Promise.all(chain.map((round) => fetchSnapshots(round.id, signal)));
  return chain.map((round, i) => ({ round: { id: round.id, title: round.title }, snapshots: [...(lists[i] ?? [])].reverse() }));
}

/**
 * What "what changed" compares and shows: the versions to choose from (new snapshots of this
 * round arrive on its event stream), the choice (in the address, `?fra=...&til=...`, so it can be
 * shared; without one, the newest snapshot against now), and the comparison.
 */
export function useChanges(roundId: string) {
  const params = new URLSearchParams(useSearch());
  const from = params.get('fra') ?? '';
  const to = params.get('til') ?? LIVE;
  const loaded = useResource(roundId, (signal) => loadGroups(roundId, signal));
  const [told, setTold] = useState<SnapshotSummary[]>([]);
  const onEvent = useCallback((event: RoundEvent) => {
    if (event.type === 'snapshotTaken') setTold((current) => [...current, event.snapshot]);
  }, []);
  const { round, notFound } = useLiveRound(roundId, onEvent);
  const groups = useMemo(() => (loaded.data ? withTold(loaded.data, told) : null), [loaded.data, told]);

  const choose = useCallback((nextFrom: string, nextTo: string) => navigate(paths.changes(roundId, nextFrom, nextTo), { replace: true }), [roundId]);
  const newest = groups?.find((g) => g.snapshots.length > 0)?.snapshots[0] ?? null;
  useEffect(() => {
    if (from === '' && newest) choose(newest.id, to);
  }, [from, newest, to, choose]);

  const comparison = useResource(from === '' ? null : JSON.stringify([roundId, from, to]), (signal) => fetchComparison(roundId, from, to, signal));
  const error = comparison.error;
  return {
    round,
    notFound,
    groups,
    failed: loaded.error !== null,
    /** Nothing to compare: no snapshot in this round or those before it. */
    none: groups !== null && newest === null,
    from,
    to,
    choose,
    comparison: comparison.data,
    problem: error === null ? null : error instanceof ApiRequestError && error.status === 400 ? tRounds.notFound : t.loadFailed,
  };
}
