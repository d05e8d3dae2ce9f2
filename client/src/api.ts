import { z } from 'zod';
import { ApiErrorSchema, ROUND_EVENT_NAME, RoundEventSchema, StateVectorResponseSchema, type RoundEvent } from '../../shared/api.js';
import { MeasureDetailSchema, MeasureSummarySchema, type MeasureFieldsPatch } from '../../shared/measure.js';
import { RoundDetailSchema, RoundSchema } from '../../shared/round.js';
import { reportEvents } from './connection.js';

/** A failed API call, with the server's error code and field when it gave one. */
export class ApiRequestError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string | null,
    readonly field: string | null,
  ) {
    super(message);
  }
}

async function request<T>(path: string, schema: z.ZodType<T>, init?: RequestInit): Promise<T> {
  const response = await fetch(path, { ...init, headers: { accept: 'application/json', ...init?.headers } });
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const parsed = ApiErrorSchema.safeParse(body);
    const error = parsed.success ? parsed.data.error : null;
    throw new ApiRequestError(error?.message ?? `HTTP ${response.status}`, response.status, error?.code ?? null, error?.field ?? null);
  }
  return schema.parse(body);
}

const round = (roundId: string) => `/api/rounds/${encodeURIComponent(roundId)}`;

export const fetchRounds = () => request('/api/rounds', z.array(RoundSchema));
export const fetchRound = (roundId: string) => request(round(roundId), RoundDetailSchema);
export const fetchMeasure = (roundId: string, number: number) =>
  request(`${round(roundId)}/measures/${number}`, MeasureDetailSchema);

export const patchMeasure = (roundId: string, number: number, patch: MeasureFieldsPatch) =>
  request(`${round(roundId)}/measures/${number}`, MeasureSummarySchema, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(patch),
  });

/** What the server has stored of a document, as a decoded-ready state vector. */
export async function fetchStoredStateVector(docName: string): Promise<Uint8Array> {
  const { stateVector } = await request(
    `/api/documents/${encodeURIComponent(docName)}/state-vector`,
    StateVectorResponseSchema,
    { cache: 'no-store' },
  );
  return Uint8Array.from(atob(stateVector), (c) => c.charCodeAt(0));
}

/** Follows a round's live events; EventSource reconnects by itself. Returns the stop function. */
export function followRound(roundId: string, onEvent: (event: RoundEvent) => void): () => void {
  const source = new EventSource(`${round(roundId)}/events`);
  reportEvents('connecting');
  source.addEventListener('open', () => reportEvents('connected'));
  source.addEventListener('error', () => reportEvents(navigator.onLine ? 'connecting' : 'offline'));
  source.addEventListener(ROUND_EVENT_NAME, (message) => {
    let data: unknown;
    try {
      data = JSON.parse((message as MessageEvent<string>).data);
    } catch {
      return;
    }
    const parsed = RoundEventSchema.safeParse(data);
    if (parsed.success) onEvent(parsed.data);
  });
  return () => {
    source.close();
    reportEvents(null);
  };
}
