import { MEASURE_NUMBER_PATTERN } from '../../shared/documentLayout.js';
import type { RoundDetail } from '../../shared/round.js';
import type { CommentRecord, MeasureRecord, SnapshotRecord, Store, ThreadRecord, VersionRecord } from '../store/types.js';
import { notFound } from './DomainError.js';

/**
 * The one place that answers "no such round, measure, thread, comment or snapshot": each loader
 * returns the record or throws not_found, whichever store (or transaction) it reads from.
 */

const MEASURE_NUMBER = new RegExp(`^${MEASURE_NUMBER_PATTERN}$`);

export async function loadRound(store: Store, roundId: string): Promise<RoundDetail> {
  const round = await store.getRound(roundId);
  if (!round) throw notFound(`round ${roundId}`);
  return round;
}

/** A measure of a round; `number` may be the raw path segment. */
export async function loadMeasure(store: Store, roundId: string, number: number | string): Promise<MeasureRecord> {
  const raw = String(number);
  const measure = MEASURE_NUMBER.test(raw) ? await store.getMeasure(roundId, Number(raw)) : null;
  if (!measure) {
    // Say which is missing: the round, or the measure in it.
    await loadRound(store, roundId);
    throw notFound(`measure ${raw} in round ${roundId}`);
  }
  return measure;
}

/** A round and one of its measures. */
export async function loadRoundMeasure(store: Store, roundId: string, number: number | string): Promise<{ round: RoundDetail; measure: MeasureRecord }> {
  const round = await loadRound(store, roundId);
  return { round, measure: await loadMeasure(store, roundId, number) };
}

export async function loadThread(store: Store, threadId: string): Promise<ThreadRecord> {
  const thread = await store.getThread(threadId);
  if (!thread) throw notFound(`thread ${threadId}`);
  return thread;
}

export async function loadComment(store: Store, commentId: string): Promise<CommentRecord> {
  const comment = await store.getComment(commentId);
  if (!comment) throw notFound(`comment ${commentId}`);
  return comment;
}

export async function loadSnapshot(store: Store, snapshotId: string): Promise<SnapshotRecord> {
  const snapshot = await store.getSnapshot(snapshotId);
  if (!snapshot) throw notFound(`snapshot ${snapshotId}`);
  return snapshot;
}

/** A version of a document's narrative by its API id (`v<n>`); a status or readiness change's id (`a<n>`) is no version. */
export async function loadVersion(store: Store, docName: string, key: string): Promise<VersionRecord> {
  const match = /^v([1-9][0-9]{0,15})$/.exec(key);
  const version = match ? await store.getVersion(docName, Number(match[1])) : null;
  if (!version) throw notFound(`version ${key} of ${docName}`);
  return version;
}
