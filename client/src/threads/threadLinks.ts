import { decodePart, paths } from '../router.js';

/** Id of a thread's element on the measure page, and the fragment that points to it. */
export const threadElementId = (threadId: string): string => `kommentar-${threadId}`;

/** The measure page with one thread focused. */
export const threadPath = (roundId: string, measure: number, threadId: string): string =>
  `${paths.measure(roundId, measure)}#${threadElementId(threadId)}`;

/** The thread a measure page's address points to, if any (none for a fragment that does not decode). */
export function threadIdFromHash(hash: string): string | null {
  const match = /^#kommentar-(.+)$/.exec(hash);
  return match?.[1] ? decodePart(match[1]) : null;
}
