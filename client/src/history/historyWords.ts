import type { HistoryAuthor, HistoryEntry, NarrativeVersion } from '../../../shared/history.js';
import { formatTime } from '../format.js';
import { tHistory } from '../strings/history.js';

/** Whether an entry is a version of the narrative (it can be opened and restored), not a field change. */
export function isVersion(entry: HistoryEntry): entry is NarrativeVersion {
  return entry.kind !== 'status' && entry.kind !== 'ready';
}

/** A person as the history names them: "Ola Nordmann (JD)". */
export function authorName(author: HistoryAuthor | null, kind?: HistoryEntry['kind']): string {
  if (author === null) return kind === 'imported' ? tHistory.importedAuthor : tHistory.noAuthor;
  return author.ministry ? `${author.name} (${author.ministry})` : author.name;
}

/** When an entry happened, in Oslo time: its last change (the one a restore brings back to). */
export const entryTime = (entry: Pick<HistoryEntry, 'to'>): string => formatTime(entry.to);

/**
 * What an entry did, in words. A restore names the version it brought back when that is in the
 * list; a carried-over version names the round it came from, by title when known.
 */
export function entryText(entry: HistoryEntry, all: readonly HistoryEntry[], roundTitle: (id: string) => string | null = () => null): string {
  switch (entry.kind) {
    case 'status':
      return tHistory.statusChange(entry.status.before, entry.status.after);
    case 'ready':
      return tHistory.readyChange(entry.ready.ministry, entry.ready.ready);
    case 'restore': {
      const source = entry.restoredFrom === null ? undefined : all.find((other) => other.id === entry.restoredFrom);
      return source ? tHistory.restoredFrom(entryTime(source)) : tHistory.kind.restore;
    }
    case 'carriedOver':
      return entry.fromRoundId === null ? tHistory.kind.carriedOver : tHistory.carriedFrom(roundTitle(entry.fromRoundId) ?? entry.fromRoundId);
    default:
      return tHistory.kind[entry.kind];
  }
}

/** Whether an entry changed any words (status and readiness changes do not). */
export const changedWords = (entry: HistoryEntry): boolean => isVersion(entry) && (entry.wordsAdded > 0 || entry.wordsRemoved > 0);
