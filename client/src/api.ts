import { z } from 'zod';
import { ROUND_EVENT_NAME, RoundEventSchema, type RoundEvent } from '../../shared/api.js';
import { MeasureSummarySchema } from '../../shared/measure.js';
import { RoundSchema } from '../../shared/round.js';

/** Fetches JSON and validates it against the shared schema. */
async function getJson<T>(path: string, schema: z.ZodType<T>): Promise<T> {
  const response = await fetch(path, { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return schema.parse(await response.json());
}

export const fetchRounds = () => getJson('/api/rounds', z.array(RoundSchema));
export const fetchMeasures = (roundId: string) =>
  getJson(`/api/rounds/${encodeURIComponent(roundId)}/measures`, z.array(MeasureSummarySchema));

/** Follows a round's live events; EventSource reconnects by itself. Returns the stop function. */
export function followRound(roundId: string, onEvent: (event: RoundEvent) => void): () => void {
  const source = new EventSource(`/api/rounds/${encodeURIComponent(roundId)}/events`);
  source.addEventListener(ROUND_EVENT_NAME, (message) => {
    const parsed = RoundEventSchema.safeParse(JSON.parse((message as MessageEvent<string>).data));
    if (parsed.success) onEvent(parsed.data);
  });
  return () => source.close();
}
