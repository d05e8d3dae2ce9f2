import { z } from 'zod';
import { ApiErrorSchema, ROUND_EVENT_NAME, RoundEventSchema, StateVectorResponseSchema, type RoundEvent } from '../../shared/api.js';
import { SessionResponseSchema, type SessionResponse, type SignInRequest } from '../../shared/auth.js';
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
    /** From `Retry-After` on a 429: how many seconds to wait. */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
  }
}

const SESSION_PATH = '/api/session';

/**
 * Told when a call other than the session's own answers 401 (the session ended) or 403 (the
 * rights may have changed): the session module re-checks who is signed in.
 */
type AuthTroubleListener = (status: 401 | 403) => void;
const authTroubleListeners = new Set<AuthTroubleListener>();

export function onAuthTrouble(listener: AuthTroubleListener): () => void {
  authTroubleListeners.add(listener);
  return () => authTroubleListeners.delete(listener);
}

/** Tells the session module that something was refused (also used for the live streams). */
export function reportAuthTrouble(status: 401 | 403): void {
  for (const listener of authTroubleListeners) listener(status);
}

async function errorOf(response: Response): Promise<ApiRequestError> {
  const body: unknown = await response.json().catch(() => null);
  const parsed = ApiErrorSchema.safeParse(body);
  const error = parsed.success ? parsed.data.error : null;
  const retryAfter = Number(response.headers.get('retry-after'));
  return new ApiRequestError(
    error?.message ?? `HTTP ${response.status}`,
    response.status,
    error?.code ?? null,
    error?.field ?? null,
    response.headers.has('retry-after') && Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter : null,
  );
}

async function send(path: string, init?: RequestInit): Promise<Response> {
  const response = await fetch(path, {
    credentials: 'same-origin',
    ...init,
    headers: { accept: 'application/json', ...init?.headers },
  });
  if (!path.startsWith(SESSION_PATH) && (response.status === 401 || response.status === 403)) {
    reportAuthTrouble(response.status);
  }
  return response;
}

async function request<T>(path: string, schema: z.ZodType<T>, init?: RequestInit): Promise<T> {
  const response = await send(path, init);
  if (!response.ok) throw await errorOf(response);
  return schema.parse(await response.json().catch(() => null));
}

const jsonBody = (body: unknown): RequestInit => ({
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

/** Who is signed in, or null when nobody is (401). Throws when the server cannot be reached. */
export async function fetchSession(): Promise<SessionResponse | null> {
  const response = await send(SESSION_PATH, { cache: 'no-store' });
  if (response.status === 401) return null;
  if (!response.ok) throw await errorOf(response);
  return SessionResponseSchema.parse(await response.json());
}

/** Signs in; the server sets the session cookie. Throws `ApiRequestError` on a refusal. */
export const signIn = (credentials: SignInRequest) =>
  request(SESSION_PATH, SessionResponseSchema, { method: 'POST', ...jsonBody(credentials) });

/** Ends the session on the server (204), which also closes this person's sockets. */
export async function signOut(): Promise<void> {
  const response = await send(SESSION_PATH, { method: 'DELETE' });
  if (!response.ok && response.status !== 401) throw await errorOf(response);
}

const round = (roundId: string) => `/api/rounds/${encodeURIComponent(roundId)}`;

export const fetchRounds = () => request('/api/rounds', z.array(RoundSchema));
export const fetchRound = (roundId: string) => request(round(roundId), RoundDetailSchema);
export const fetchMeasure = (roundId: string, number: number) =>
  request(`${round(roundId)}/measures/${number}`, MeasureDetailSchema);

export const patchMeasure = (roundId: string, number: number, patch: MeasureFieldsPatch) =>
  request(`${round(roundId)}/measures/${number}`, MeasureSummarySchema, { method: 'PATCH', ...jsonBody(patch) });

/** What the server has stored of a document, as a decoded-ready state vector. */
export async function fetchStoredStateVector(docName: string): Promise<Uint8Array> {
  const { stateVector } = await request(
    `/api/documents/${encodeURIComponent(docName)}/state-vector`,
    StateVectorResponseSchema,
    { cache: 'no-store' },
  );
  return Uint8Array.from(atob(stateVector), (c) => c.charCodeAt(0));
}

/**
 * Follows a round's live events; EventSource reconnects by itself after a network error, but
 * gives up on an HTTP error (a 401 once the session ended). Then `onGaveUp` is asked when to
 * try again: it gets the function that reopens the stream and how many times in a row the
 * stream was refused, and may return a cancel function. Returns the stop function.
 */
export function followRound(
  roundId: string,
  onEvent: (event: RoundEvent) => void,
  onGaveUp: (reopen: () => void, refusals: number) => (() => void) | void,
): () => void {
  let source: EventSource | null = null;
  let cancelRetry: (() => void) | void = undefined;
  let stopped = false;
  let refusals = 0;
  const open = (): void => {
    if (stopped) return;
    const current = new EventSource(`${round(roundId)}/events`);
    source = current;
    reportEvents('connecting');
    current.addEventListener('open', () => {
      refusals = 0;
      reportEvents('connected');
    });
    current.addEventListener('error', () => {
      reportEvents(navigator.onLine ? 'connecting' : 'offline');
      if (current.readyState !== EventSource.CLOSED || stopped) return;
      cancelRetry = onGaveUp(open, ++refusals);
    });
    current.addEventListener(ROUND_EVENT_NAME, (message) => {
      let data: unknown;
      try {
        data = JSON.parse((message as MessageEvent<string>).data);
      } catch {
        return;
      }
      const parsed = RoundEventSchema.safeParse(data);
      if (parsed.success) onEvent(parsed.data);
    });
  };
  open();
  return () => {
    stopped = true;
    source?.close();
    cancelRetry?.();
    reportEvents(null);
  };
}
