import * as z from 'zod/mini';

/** Name of the Y.XmlFragment that holds a measure's narrative in its Yjs document. */
export const NARRATIVE_FIELD = 'narrative';

/** Round ids are URL-safe slugs. */
export const RoundIdSchema = z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be a lower-case slug (a-z, 0-9, -)'));
export type RoundId = z.infer<typeof RoundIdSchema>;

/** A measure number as it appears in a path or a room name: a positive integer of at most three digits. */
export const MEASURE_NUMBER_PATTERN = '[1-9][0-9]{0,2}';

/** The websocket room of one measure's narrative in one round: `<roundId>.<number>`. */
export function measureDocName(roundId: string, number: number): string {
  return `${roundId}.${number}`;
}

const DOC_NAME = new RegExp(`^([a-z0-9][a-z0-9-]{0,63})\\.(${MEASURE_NUMBER_PATTERN})$`);

/** Reads a room name back into its round and measure; null if it is not one. */
export function parseMeasureDocName(docName: string): { roundId: string; number: number } | null {
  const match = DOC_NAME.exec(docName);
  if (!match) return null;
  return { roundId: match[1]!, number: Number(match[2]) };
}
