import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import * as Y from 'yjs';
import { narrativeFragment, readNarrative, type NarrativeRead } from '../../shared/narrative.js';
import type { DocumentStore, HistoryUpdate, VersionRecord } from '../store/types.js';
import { applyStoredUpdate } from '../sync/storedUpdates.js';
import { VersionEffects, versionWords } from './versionEffects.js';

/**
 * Replaying history is background work on the thread every room relays on: it goes on for about
 * this long at a time, then lets whatever came in meanwhile (an edit, a sync) go first.
 */
const REPLAY_SLICE_MS = 3;

/**
 * Applies `updates` to `doc` in order, each slice of about REPLAY_SLICE_MS in one Yjs
 * transaction, yielding to the event loop between slices. `after` runs after each update is
 * applied (inside the transaction: the document reads as it is); when it returns a job, the slice
 * ends there and the job runs, on the document as it is then, before the next update.
 */
async function replay(doc: Y.Doc, updates: readonly HistoryUpdate[], after?: (update: HistoryUpdate) => (() => Promise<void>) | undefined): Promise<void> {
  let index = 0;
  while (index < updates.length) {
    const until = performance.now() + REPLAY_SLICE_MS;
    let job: (() => Promise<void>) | undefined;
    doc.transact(() => {
      while (index < updates.length && job === undefined) {
        const update = updates[index++]!;
        applyStoredUpdate(doc, update.data);
        job = after?.(update);
        if (performance.now() >= until) break;
      }
    });
    if (job) await job();
    await yieldToEventLoop();
  }
}

/** The narrative of a document as it was right after its update `throughId`, read from the nearest checkpoint. */
export async function narrativeAt(store: DocumentStore, docName: string, throughId: number): Promise<NarrativeRead> {
  const slice = await store.readHistory(docName, throughId + 1, throughId);
  const doc = new Y.Doc();
  try {
    if (slice.base) applyStoredUpdate(doc, slice.base);
    await replay(doc, slice.updates);
    return readNarrative(narrativeFragment(doc));
  } finally {
    doc.destroy();
  }
}

/** Whether a stored update is one of a version's own (versions of one author never overlap). */
function belongsTo(version: VersionRecord, update: HistoryUpdate): boolean {
  if (update.id < version.firstId || update.id > version.lastId || update.author !== version.author) return false;
  switch (version.kind) {
    case 'narrative':
      return update.kind === 'edit' || update.kind === 'legacy';
    default:
      return update.kind === version.kind;
  }
}

/** Word counts computed for a version at its update `throughId`. */
export interface ComputedStats {
  wordsAdded: number;
  wordsRemoved: number;
  throughId: number;
}

/**
 * Word counts of several versions of one document in one pass over its history: from the
 * checkpoint before the earliest of them, each update is replayed once (without garbage
 * collection, so that deleted text can be read), and each version is read when its last update
 * has been applied. Stored with the version, so that it is computed once.
 */
export async function computeVersionStats(store: DocumentStore, docName: string, versions: readonly VersionRecord[]): Promise<Map<number, ComputedStats>> {
  const computed = new Map<number, ComputedStats>();
  if (versions.length === 0) return computed;
  const firstId = Math.min(...versions.map((v) => v.firstId));
  const lastId = Math.max(...versions.map((v) => v.lastId));
  const slice = await store.readHistory(docName, firstId, lastId);
  const effects = new Map(versions.map((version) => [version.id, new VersionEffects()]));
  const endingAt = new Map<number, VersionRecord[]>();
  for (const version of versions) endingAt.set(version.lastId, [...(endingAt.get(version.lastId) ?? []), version]);
  const doc = new Y.Doc({ gc: false });
  try {
    if (slice.base) applyStoredUpdate(doc, slice.base);
    await replay(doc, slice.updates, (update) => {
      for (const version of versions) if (belongsTo(version, update)) effects.get(version.id)!.add(update.data);
      const ending = endingAt.get(update.id);
      if (!ending) return undefined;
      return async () => {
        for (const version of ending) {
          computed.set(version.id, { ...(await versionWords(doc, effects.get(version.id)!, REPLAY_SLICE_MS)), throughId: version.lastId });
        }
      };
    });
  } finally {
    doc.destroy();
  }
  await Promise.all([...computed].map(([id, stats]) => store.setVersionStats(id, stats.wordsAdded, stats.wordsRemoved, stats.throughId)));
  return computed;
}

/** Versions whose word counts are missing or were computed before they grew. */
export function staleVersions(versions: readonly VersionRecord[]): VersionRecord[] {
  return versions.filter((version) => version.stats?.throughId !== version.lastId);
}
