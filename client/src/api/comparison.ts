import { ComparisonSchema } from '../../../shared/compare.js';
import { request, roundPath } from '../api.js';

// Apart from rounds.ts, which every rounds page loads: only the changes page compares, and the
// comparison's schemas (with the history's and ProseMirror JSON's) come with that page alone.

/** The comparison as JSON; `to` is a snapshot id or `live`. */
export const comparisonUrl = (roundId: string, from: string, to: string) =>
  `${roundPath(roundId)}/compare?${new URLSearchParams(to === 'live' ? { from } : { from, to }).toString()}`;

/** What changed from a snapshot to another snapshot or to the live round (`to` = `live`). */
export const fetchComparison = (roundId: string, from: string, to: string, signal?: AbortSignal) =>
  request(comparisonUrl(roundId, from, to), ComparisonSchema, { cache: 'no-store', signal });
