import * as z from 'zod/mini';
import { ApiErrorSchema, ROUND_EVENT_NAME, RoundEventSchema, type RoundEvent } from '../../shared/api.js';
import { SessionResponseSchema, SignOutResponseSchema, type SessionResponse } from '../../shared/auth.js';
import type { SignInRequest } from '../../shared/signIn.js';
import { CommentBodyRequestSchema, NewThreadSchema, ThreadSchema, type NewThread } from '../../shared/comments.js';
import type { MeasureFieldsPatch } from '../../shared/measurePatch.js';
import { MeasureSummarySchema } from '../../shared/measureSummary.js';
import type { MinistryCode } from '../../shared/ministries.js';
import { ReadinessRequestSchema, RoundDetailSchema, RoundSchema, type ReadinessRequest } from '../../shared/round.js';
import {
  MarkReadResponseSchema,
  NOTIFICATION_EVENT_NAME,
  NotificationEventSchema,
  NotificationListSchema,
  type NotificationEvent,
} from '../../shared/notifications.js';
import { noteAnswer, type LinkState } from './connection.js';
import { BROWSER_COPY_HEADER } from './localData.js';

/** A failed API call, with the server's error code and field when it gave one. */
export class ApiRequestError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string | null,
    readonly field: string | null,
    /** From `Retry-After` on a 429: how many seconds to wait. */
    readonly retryAfterSeconds: number | null = null,
    /** With a 409 for a change based on values changed since (`base`): what the fields say now. */
    readonly current: Readonly<Record<string, unknown>> | null = null,
    /** With a 400 for names that name nothing (an unknown `@mention`): those names, without `@`. */
    readonly unknown: readonly string[] = [],
  ) {
    super(message);
  }
}

/**
 * Whether a failed call never got the server's answer (no network, the server away, the call
 * given up): the change may be sent again later. Any answer of the server is an ApiRequestError.
 */
export function isUnanswered(error: unknown): boolean {
  return !(error instanceof ApiRequestError) && !(error instanceof z.core.$ZodError);
}

/**
 * Answers that came from this browser's copy (the service worker's cache, offline) rather than
 * from the server now, by the parsed value handed out, with when the server gave them (ISO).
 */
const browserCopies = new WeakMap<object, BrowserCopy>();

/** Something read that is this browser's copy of an earlier answer; `fetchedAt` is when the server gave it (ISO), if known. */
export interface BrowserCopy {
  fetchedAt: string | null;
}

/** `combined`, made from `parts` read apart, counted as this browser's copy when a part is one (as the first such part). Returns `combined`. */
export function copyOfParts<T extends object>(combined: T, parts: readonly object[]): T {
  const copy = parts.map((part) => browserCopyOf(part)).find((found) => found !== null);
  if (copy) browserCopies.set(combined, copy);
  return combined;
}

/** Whether `data` was read from this browser's copy of an earlier answer (an offline reload); null when it is the server's answer now. */
export function browserCopyOf(data: object | null | undefined): BrowserCopy | null {
  return (data && browserCopies.get(data)) ?? null;
}

/** When the server gave a copy the service worker served: its `Date`, or, if unreadable, unknown (null). */
function copiedAt(response: Response): string | null {
  const date = Date.parse(response.headers.get('date') ?? '');
  return Number.isFinite(date) ? new Date(date).toISOString() : null;
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

/** The error a refused call throws, from the server's answer. */
export async function errorOf(response: Response): Promise<ApiRequestError> {
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
    error?.current ?? null,
    error?.unknown ?? [],
  );
}

/** Sends a call as every call is sent (cookie, `accept`), noting the answer for the connection state and a 401 or 403 for the session. */
export async function send(path: string, init?: RequestInit): Promise<Response> {
  const response = await fetch(path, {
    credentials: 'same-origin',
    ...init,
    headers: { accept: 'application/json', ...init?.headers },
  });
  if (!response.headers.has(BROWSER_COPY_HEADER)) noteAnswer();
  if (!path.startsWith(SESSION_PATH) && (response.status === 401 || response.status === 403)) {
    reportAuthTrouble(response.status);
  }
  return response;
}

/** GETs (or sends) `path` and validates the answer with `schema`; a refusal throws ApiRequestError. */
export async function request<S extends z.core.$ZodType>(path: string, schema: S, init?: RequestInit): Promise<z.output<S>> {
  const response = await send(path, init);
  if (!response.ok) throw await errorOf(response);
  const data = z.parse(schema, await response.json().catch(() => null));
  if (response.headers.has(BROWSER_COPY_HEADER) && typeof data === 'object' && data !== null) {
    browserCopies.set(data, { fetchedAt: copiedAt(response) });
  }
  return data;
}

/** A request's JSON body and its content type. */
export const jsonBody = (body: unknown): RequestInit => ({
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

/**
 * Ends the session on the server, which also closes this person's sockets. Answers the identity
 * provider's sign-out address when the session began there (the browser goes there next), else null.
 */
export async function signOut(): Promise<string | null> {
  const response = await send(SESSION_PATH, { method: 'DELETE' });
  if (!response.ok && response.status !== 401) throw await errorOf(response);
  if (response.status !== 200) return null;
  return SignOutResponseSchema.parse(await response.json()).logoutUrl;
}


/** A round's path in the API. */
export const roundPath = (roundId: string) => `/api/rounds/${encodeURIComponent(roundId)}`;

export const fetchRounds = (signal?: AbortSignal) => request('/api/rounds', z.array(RoundSchema), { signal });
export const fetchRound = (roundId: string) => request(roundPath(roundId), RoundDetailSchema);

/** Changes fields of a measure; with `base`, a field changed since is a 409 (`ApiRequestError.current`). */
export const patchMeasure = (roundId: string, number: number, patch: MeasureFieldsPatch) =>
  request(`${roundPath(roundId)}/measures/${number}`, MeasureSummarySchema, { method: 'PATCH', ...jsonBody(patch) });

/** Marks a ministry's part of a measure ready, or takes it back; answers the measure as it is now. */
export const setReady = (roundId: string, number: number, readiness: ReadinessRequest) =>
  request(`${roundPath(roundId)}/measures/${number}/ready`, MeasureSummarySchema, {
    method: 'PUT',
    ...jsonBody(ReadinessRequestSchema.parse(readiness)),
  });

export const threadPath = (threadId: string) => `/api/threads/${encodeURIComponent(threadId)}`;

/** A measure's comment threads, oldest first. */
export const fetchThreads = (roundId: string, number: number) =>
  request(`${roundPath(roundId)}/measures/${number}/threads`, z.array(ThreadSchema), { cache: 'no-store' });

/** The round's threads; with a ministry, only the open ones waiting for its answer. */
export const fetchRoundThreads = (roundId: string, waitingFor?: MinistryCode) =>
  request(
    `${roundPath(roundId)}/threads${waitingFor ? `?waitingFor=${encodeURIComponent(waitingFor)}` : ''}`,
    z.array(ThreadSchema),
    { cache: 'no-store' },
  );

/** Starts a thread on the measure, or on a passage of its narrative when `anchor` is given. */
export const startThread = (roundId: string, number: number, thread: NewThread) =>
  request(`${roundPath(roundId)}/measures/${number}/threads`, ThreadSchema, {
    method: 'POST',
    ...jsonBody(NewThreadSchema.parse(thread)),
  });

export const replyToThread = (threadId: string, body: string) =>
  request(`${threadPath(threadId)}/comments`, ThreadSchema, { method: 'POST', ...jsonBody(CommentBodyRequestSchema.parse({ body })) });





/**
 * Follows a server-sent event stream: EventSource reconnects by itself after a network error,
 * but gives up on an HTTP error (a 401 once the session ended). Then `onGaveUp` is asked when to
 * try again: it gets the function that reopens the stream and how many times in a row the
 * stream was refused, and may return a cancel function. `onLink` hears how the stream's
 * connection is doing. Each `eventName` message is parsed with `schema`; anything else is
 * dropped. Returns the stop function.
 */
function followStream<S extends z.core.$ZodType>(
  url: string,
  eventName: string,
  schema: S,
  onEvent: (event: z.output<S>) => void,
  onGaveUp: (reopen: () => void, refusals: number) => (() => void) | void,
  onLink: (state: LinkState) => void,
): () => void {
  let source: EventSource | null = null;
  let cancelRetry: (() => void) | void = undefined;
  let stopped = false;
  let refusals = 0;
  const open = (): void => {
    if (stopped) return;
    const current = new EventSource(url);
    source = current;
    onLink('connecting');
    current.addEventListener('open', () => {
      refusals = 0;
      noteAnswer();
      onLink('connected');
    });
    current.addEventListener('error', () => {
      onLink(navigator.onLine ? 'connecting' : 'offline');
      if (current.readyState !== EventSource.CLOSED || stopped) return;
      cancelRetry = onGaveUp(open, ++refusals);
    });
    current.addEventListener(eventName, (message) => {
      noteAnswer();
      let data: unknown;
      try {
        data = JSON.parse((message as MessageEvent<string>).data);
      } catch {
        return;
      }
      const parsed = z.safeParse(schema, data);
      if (parsed.success) onEvent(parsed.data);
    });
  };
  open();
  return () => {
    stopped = true;
    source?.close();
    cancelRetry?.();
  };
}

/** Follows a round's live events (`GET …/events`) with `followStream`'s reconnection rules. */
export function followRound(
  roundId: string,
  onEvent: (event: RoundEvent) => void,
  onGaveUp: (reopen: () => void, refusals: number) => (() => void) | void,
  onLink: (state: LinkState) => void = () => undefined,
): () => void {
  return followStream(`${roundPath(roundId)}/events`, ROUND_EVENT_NAME, RoundEventSchema, onEvent, onGaveUp, onLink);
}

/** The threads of every open round (so a question does not stay behind in an older one); with a ministry, only the open ones waiting for its answer. */
export const fetchOpenThreads = (waitingFor?: MinistryCode) =>
  request(`/api/threads${waitingFor ? `?waitingFor=${encodeURIComponent(waitingFor)}` : ''}`, z.array(ThreadSchema), { cache: 'no-store' });

// --- Notifications and mentions -----------------------------------------------------------


/** The signed-in person's notifications, newest first, and how many are unread. */
export const fetchNotifications = (signal?: AbortSignal) =>
  request('/api/notifications', NotificationListSchema, { cache: 'no-store', signal });

/** Marks the person's notifications read: these ids, or all of them. */
export const markNotificationsRead = (which: { ids: string[] } | { all: true }) =>
  request('/api/notifications/read', MarkReadResponseSchema, { method: 'POST', ...jsonBody(which) });


/** Follows the person's notifications live (`GET /api/notifications/events`), as `followRound` follows a round. */
export function followNotifications(
  onEvent: (event: NotificationEvent) => void,
  onGaveUp: (reopen: () => void, refusals: number) => (() => void) | void,
): () => void {
  return followStream('/api/notifications/events', NOTIFICATION_EVENT_NAME, NotificationEventSchema, onEvent, onGaveUp, () => undefined);
}
