import { useSyncExternalStore } from 'react';
import { BROWSER_COPY_HEADER } from './localData.js';

export type LinkState = 'connected' | 'connecting' | 'offline';

export interface ConnectionSnapshot {
  state: LinkState;
  /** This browser holds narrative edits the server has not confirmed. */
  unsynced: boolean;
}

/**
 * One open link to the server that the header should reflect (a round's event stream, a
 * narrative's sync). Its owner sets its state while it is open and releases it when it closes,
 * so a page with nothing live has nothing to reset.
 */
export interface Link {
  set: (state: LinkState | ConnectionSnapshot) => void;
  release: () => void;
}

/**
 * How long without any answer from the server before "connected" is no longer said: an open
 * socket to a server that has stopped answering (a frozen process) is not a connection.
 */
export const ANSWER_TIMEOUT_MS = 6_000;
/** Quiet time after which the page asks the server itself whether it answers (`GET /api/health`). */
export const PROBE_AFTER_MS = 3_000;
/** How often the quiet is measured while links are open. */
const TICK_MS = 1_000;

const RANK: Record<LinkState, number> = { connected: 0, connecting: 1, offline: 2 };

/**
 * What the header shows: the worst state of the open links (connected when there are none:
 * nothing open yet is nothing wrong), offline whenever the browser says so, never connected
 * while the server has not answered lately (`answered`), and whether any link holds
 * unconfirmed edits.
 */
export function combineLinks(links: Iterable<ConnectionSnapshot>, online: boolean, answered = true): ConnectionSnapshot {
  let state: LinkState = 'connected';
  let unsynced = false;
  let any = false;
  for (const link of links) {
    any = true;
    if (RANK[link.state] > RANK[state]) state = link.state;
    unsynced ||= link.unsynced;
  }
  if (!online) state = 'offline';
  else if (any && state === 'connected' && !answered) state = 'connecting';
  return { state, unsynced };
}

const online = (): boolean => typeof navigator === 'undefined' || navigator.onLine;

const links = new Map<symbol, ConnectionSnapshot>();
/** When the server last answered anything (an HTTP answer, a sync message, an event). */
let lastAnswer = Date.now();
let probing = false;
let ticker: ReturnType<typeof setInterval> | null = null;
const answeredRecently = (): boolean => Date.now() - lastAnswer < ANSWER_TIMEOUT_MS;
let snapshot: ConnectionSnapshot = combineLinks([], online());
const listeners = new Set<() => void>();

function update(): void {
  const next = combineLinks(links.values(), online(), answeredRecently());
  if (next.state === snapshot.state && next.unsynced === snapshot.unsynced) return;
  snapshot = next;
  for (const listener of listeners) listener();
}

/** The server answered something just now (or at `at`, ms since the epoch): it is there. */
export function noteAnswer(at: number = Date.now()): void {
  if (at <= lastAnswer) return;
  lastAnswer = at;
  update();
}

/** Asks the server whether it answers, when nothing else has lately; a copy from the service worker is no answer. */
async function probe(): Promise<void> {
  if (probing || !online()) return;
  probing = true;
  try {
    const response = await fetch('/api/health', { cache: 'no-store', signal: AbortSignal.timeout(ANSWER_TIMEOUT_MS) });
    if (!response.headers.has(BROWSER_COPY_HEADER)) noteAnswer();
  } catch {
    // No answer: the quiet goes on, and the state says so.
  } finally {
    probing = false;
  }
}

function tick(): void {
  if (Date.now() - lastAnswer >= PROBE_AFTER_MS) void probe();
  update();
}

function startTicking(): void {
  if (ticker !== null || typeof window === 'undefined') return;
  ticker = setInterval(tick, TICK_MS);
}

function stopTicking(): void {
  if (ticker === null || links.size > 0) return;
  clearInterval(ticker);
  ticker = null;
}

/** Opens a link the header reflects, `connecting` until its owner says otherwise. */
export function openLink(): Link {
  const id = Symbol('link');
  links.set(id, { state: 'connecting', unsynced: false });
  startTicking();
  update();
  return {
    set: (state) => {
      if (!links.has(id)) return;
      const next = typeof state === 'string' ? { state, unsynced: false } : state;
      // A link that has just connected had its answer.
      if (next.state === 'connected' && links.get(id)?.state !== 'connected') lastAnswer = Math.max(lastAnswer, Date.now());
      links.set(id, next);
      update();
    },
    release: () => {
      if (!links.delete(id)) return;
      stopTicking();
      update();
    },
  };
}

if (typeof window !== 'undefined') {
  window.addEventListener('online', update);
  window.addEventListener('offline', update);
  // A tab in the background has its timers slowed: back in front, ask at once.
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible' && links.size > 0) tick();
  });
}

/** What the header shows now. */
export const currentConnection = (): ConnectionSnapshot => snapshot;

/** Hears every change of what the header shows. */
export function subscribeConnection(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useConnection(): ConnectionSnapshot {
  return useSyncExternalStore(subscribeConnection, currentConnection);
}
