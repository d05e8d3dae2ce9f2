import { useSyncExternalStore } from 'react';
import type { SessionResponse, SessionUser } from '../../shared/auth.js';
import type { SignInRequest } from '../../shared/signIn.js';
import { fetchSession, onAuthTrouble, signIn as postSession, signOut as deleteSession } from './api.js';
import { clearApiCache, clearLocalData } from './localData.js';
import { closeDocuments, pauseDocuments, resumeDocuments } from './openDocuments.js';

/**
 * Who is signed in, as the server says (`GET /api/session`); the one source of the person
 * shown in the header, fed into presence and into the permission rule.
 */
export type SessionState =
  | { status: 'loading' }
  /** No answer and no copy kept for offline use: the app cannot say who you are. */
  | { status: 'unreachable' }
  | { status: 'signedIn'; user: SessionUser; expiresAt: string }
  /**
   * `ended` is the person whose session ended while they were using the app (expired, signed
   * out elsewhere): their page is kept, hidden, to return to once they sign in again.
   * `signedOut` says the person signed out themselves, in this tab or another of this browser.
   */
  | { status: 'signedOut'; ended: SessionUser | null; signedOut?: 'here' | 'otherTab' };

/** Longest timeout setTimeout accepts; a later expiry is checked again after this. */
const MAX_TIMER_MS = 2_147_483_647;
/** Margin after `expiresAt` before asking the server, so the server surely agrees it ended. */
const EXPIRY_MARGIN_MS = 1_000;
/** Tells the other tabs of this browser that someone signed in or out (they share the cookie). */
const CHANNEL = 'samskriv.session';

let state: SessionState = { status: 'loading' };
const listeners = new Set<() => void>();
let expiryTimer: ReturnType<typeof setTimeout> | null = null;
let inFlight: Promise<SessionState> | null = null;
const channel: BroadcastChannel | null = typeof BroadcastChannel === 'function' ? new BroadcastChannel(CHANNEL) : null;

function set(next: SessionState): void {
  if (JSON.stringify(next) === JSON.stringify(state)) return;
  state = next;
  if (expiryTimer) clearTimeout(expiryTimer);
  expiryTimer = null;
  if (next.status === 'signedIn') {
    const ms = Date.parse(next.expiresAt) - Date.now() + EXPIRY_MARGIN_MS;
    if (Number.isFinite(ms)) expiryTimer = setTimeout(() => void recheckSession(), Math.min(Math.max(ms, 0), MAX_TIMER_MS));
  }
  for (const listener of listeners) listener();
}

const userOf = (s: SessionState): SessionUser | null =>
  s.status === 'signedIn' ? s.user : s.status === 'signedOut' ? s.ended : null;

/** Lets React finish unmounting the pages of a person before their documents close. */
const afterRender = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** Takes the server's answer: signed in (maybe as someone else) or not. */
function apply(response: SessionResponse | null): void {
  const before = userOf(state);
  if (response) {
    if (before && before.username !== response.user.username) {
      // Another account now: the previous person's copies must never sync under it.
      void closeDocuments();
    } else if (state.status === 'signedOut' && before) {
      resumeDocuments();
    }
    set({ status: 'signedIn', user: response.user, expiresAt: response.expiresAt });
  } else if (state.status === 'signedIn') {
    pauseDocuments();
    set({ status: 'signedOut', ended: state.user });
  } else if (state.status !== 'signedOut') {
    set({ status: 'signedOut', ended: null });
  }
}

/**
 * Asks the server who is signed in and updates the state. Concurrent calls share one request.
 * When the server cannot be reached, what is known stays.
 */
export function recheckSession(): Promise<SessionState> {
  inFlight ??= fetchSession()
    .then(
      (response) => apply(response),
      () => {
        if (state.status === 'loading') set({ status: 'unreachable' });
      },
    )
    .then(() => state)
    .finally(() => {
      inFlight = null;
    });
  return inFlight;
}

/** Signs in; throws `ApiRequestError` (wrong credentials, too many attempts) or a network error. */
export async function signIn(credentials: SignInRequest): Promise<void> {
  const response = await postSession(credentials);
  apply(response);
  channel?.postMessage({ type: 'signedIn' });
}

/** Forgets everything this browser kept for `username`: open documents, IndexedDB, API cache. */
async function forget(username: string, where: 'here' | 'otherTab'): Promise<void> {
  set({ status: 'signedOut', ended: null, signedOut: where });
  await afterRender();
  const closed = await closeDocuments();
  await clearLocalData(username, closed);
  await clearApiCache();
}

/**
 * Signs out: ends the session on the server, then forgets this person's data in this browser;
 * a session that began at the organisation's identity provider then ends there too (the
 * browser goes to its sign-out, which sends it back here). Throws when the server cannot be
 * reached (the session would live on, so nothing is forgotten).
 */
export async function signOut(): Promise<void> {
  const user = userOf(state);
  const providerSignOut = await deleteSession();
  if (user) await forget(user.username, 'here');
  else set({ status: 'signedOut', ended: null, signedOut: 'here' });
  channel?.postMessage({ type: 'signedOut' });
  if (providerSignOut) window.location.assign(providerSignOut);
}

/**
 * Calls `callback` once a session check says someone is signed in: at once when it does now
 * (`already` true), else when someone signs in. Returns the cancel function.
 */
export function whenSignedIn(callback: (already: boolean) => void): () => void {
  let cancelled = false;
  let unsubscribe: (() => void) | null = null;
  void recheckSession().then((checked) => {
    if (cancelled) return;
    if (checked.status === 'signedIn') {
      callback(true);
      return;
    }
    const listener = (): void => {
      if (state.status !== 'signedIn') return;
      unsubscribe?.();
      callback(false);
    };
    listeners.add(listener);
    unsubscribe = () => listeners.delete(listener);
  });
  return () => {
    cancelled = true;
    unsubscribe?.();
  };
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The session now, for what lives outside React (the outbox sends only under its own account). */
export const currentSession = (): SessionState => state;

/** Hears every change of the session; returns the function that stops listening. */
export const subscribeSession = subscribe;

/** The session, live. */
export function useSession(): SessionState {
  return useSyncExternalStore(subscribe, () => state);
}

/** Starts following the session: the first check, and every later reason to check again. */
export function startSession(): void {
  void recheckSession();
  onAuthTrouble(() => void recheckSession());
  window.addEventListener('online', () => void recheckSession());
  channel?.addEventListener('message', (event: MessageEvent<unknown>) => {
    const type = (event.data as { type?: unknown } | null)?.type;
    const user = userOf(state);
    if (type === 'signedOut' && user) void forget(user.username, 'otherTab');
    else void recheckSession();
  });
}
