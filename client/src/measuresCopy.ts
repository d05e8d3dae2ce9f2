import * as z from 'zod/mini';
import { MeasureSummarySchema, type MeasureSummary } from '../../shared/measureSummary.js';
import type { BrowserCopy } from './api.js';
import { measuresKey } from './localData.js';

/** How many rounds' measures an account keeps in this browser (the latest snapshot of each). */
export const KEPT_ROUNDS = 3;

/** Where the copies live: this account's localStorage in the app, a fake in tests. */
export type KeptStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** A round's measures as its stream last delivered them here, with when (ISO). */
export interface KeptMeasures extends BrowserCopy {
  measures: MeasureSummary[];
}

/** Read back from localStorage, where anything may be: an entry that does not parse is dropped. */
const KeptSchema = z.object({ roundId: z.string(), fetchedAt: z.string(), measures: z.array(MeasureSummarySchema) });
type Kept = z.infer<typeof KeptSchema>;

function browserStorage(): KeptStorage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    // Storage blocked (a sandboxed frame): nothing is kept.
    return null;
  }
}

function readAll(storage: KeptStorage, username: string): Kept[] {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(measuresKey(username)) ?? '[]');
    if (!Array.isArray(parsed)) return [];
    return parsed.flatMap((item) => {
      const entry = KeptSchema.safeParse(item);
      return entry.success ? [entry.data] : [];
    });
  } catch {
    return [];
  }
}

/** Keeps the measures `roundId`'s stream just delivered, received `at`, for `username`; the oldest round beyond KEPT_ROUNDS goes. */
export function keepMeasures(
  username: string,
  roundId: string,
  measures: readonly MeasureSummary[],
  { storage = browserStorage(), at = new Date() }: { storage?: KeptStorage | null; at?: Date } = {},
): void {
  if (!storage) return;
  const others = readAll(storage, username).filter((entry) => entry.roundId !== roundId);
  const list = [{ roundId, fetchedAt: at.toISOString(), measures: [...measures] }, ...others].slice(0, KEPT_ROUNDS);
  try {
    storage.setItem(measuresKey(username), JSON.stringify(list));
  } catch {
    // Full or blocked: the overview then waits for the stream, as it did without a copy.
  }
}

/** The measures of `roundId` this browser last received for `username`, with when; null when it has none. */
export function keptMeasures(username: string, roundId: string, storage: KeptStorage | null = browserStorage()): KeptMeasures | null {
  if (!storage) return null;
  const entry = readAll(storage, username).find((kept) => kept.roundId === roundId);
  return entry ? { measures: entry.measures, fetchedAt: entry.fetchedAt } : null;
}
