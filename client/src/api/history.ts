import { AuthorshipSchema, MeasureHistorySchema, RestoreResultSchema, VersionDetailSchema } from '../../../shared/history.js';
import { request, roundPath } from '../api.js';

// A measure's history and its authors (the measure page's *Historikk*, which loads separately).

const historyPath = (roundId: string, number: number, versionId?: string) =>
  `${roundPath(roundId)}/measures/${number}/history${versionId === undefined ? '' : `/${encodeURIComponent(versionId)}`}`;

/** A measure's versions of its narrative and its status and readiness changes, newest first. */
export const fetchHistory = (roundId: string, number: number, signal?: AbortSignal) =>
  request(historyPath(roundId, number), MeasureHistorySchema, { cache: 'no-store', signal });

/** One version: the narrative as it was after it, and the word diff from then to now. */
export const fetchVersion = (roundId: string, number: number, versionId: string, signal?: AbortSignal) =>
  request(historyPath(roundId, number, versionId), VersionDetailSchema, { cache: 'no-store', signal });

/** Makes the narrative what it was after a version, as a new edit by this person (whoever may write the measure). */
export const restoreVersion = (roundId: string, number: number, versionId: string) =>
  request(`${historyPath(roundId, number, versionId)}/restore`, RestoreResultSchema, { method: 'POST' });

/** Who introduced each Yjs client id of the measure's document. */
export const fetchAuthorship = (roundId: string, number: number, signal?: AbortSignal) =>
  request(`${roundPath(roundId)}/measures/${number}/authors`, AuthorshipSchema, { cache: 'no-store', signal });
