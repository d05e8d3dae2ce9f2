import { MEASURE_NUMBER_PATTERN } from '../../shared/documentLayout.js';
import { useLayoutEffect, useRef, useState, useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';
import { PositionMemory, type Position } from './scrollMemory.js';

/** `/runder/:roundId/tiltak/:number` */
const MEASURE_PAGE = new RegExp(`^/runder/([^/]+)/tiltak/(${MEASURE_NUMBER_PATTERN})/?$`);

/** A small history router: the app has a handful of routes and no need for more machinery. */
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

export function usePath(): string {
  return useSyncExternalStore(subscribe, () => window.location.pathname, () => '/');
}

/** The query string of the address (`?fra=...&til=...`), live like the path. */
export function useSearch(): string {
  return useSyncExternalStore(subscribe, () => window.location.search, () => '');
}

// --- Where each page was: Back returns there ------------------------------------------------

/** Where the positions are kept over a reload. */
const POSITIONS_KEY = 'samskriv.positions';

let entries = 0;
const newKey = (): string => `${Date.now().toString(36)}.${(entries++).toString(36)}`;

/** The key of the history entry shown now; an entry the app did not make gets one. */
function currentKey(): string {
  const state: unknown = history.state;
  if (typeof state === 'object' && state !== null && typeof (state as { key?: unknown }).key === 'string') return (state as { key: string }).key;
  const key = newKey();
  history.replaceState({ ...(typeof state === 'object' ? state : {}), key }, '');
  return key;
}

function savedPositions(): [string, Position][] {
  try {
    const saved: unknown = JSON.parse(sessionStorage.getItem(POSITIONS_KEY) ?? '[]');
    return Array.isArray(saved) ? (saved as [string, Position][]) : [];
  } catch {
    return [];
  }
}

const memory = new PositionMemory(typeof window === 'undefined' ? [] : savedPositions());

if (typeof window !== 'undefined') {
  // The pages put the position back themselves, once their content is there (useReturnPosition).
  history.scrollRestoration = 'manual';
  // Loaded anew (a reload, or back from another site): the entry's position from before.
  memory.arrive(currentKey());
  // Registered before any page listens, so the position is taken before the new page renders.
  window.addEventListener('popstate', () => {
    memory.arrive(currentKey());
    const back = memory.returnTo(currentKey());
    // A page that does not wait for its content gets its position at once.
    requestAnimationFrame(() => window.scrollTo(0, back?.scrollY ?? 0));
  });
  window.addEventListener('scroll', () => memory.scrolled(currentKey(), window.scrollY), { passive: true });
  window.addEventListener('pagehide', () => {
    try {
      sessionStorage.setItem(POSITIONS_KEY, JSON.stringify(memory.entries()));
    } catch {
      // Storage blocked or full: only a reload loses its place.
    }
  });
}

/**
 * On a page reached by Back, Forward or a reload: scrolls to where it was left, and focuses
 * what had focus then, once `ready` (its content shown, so the page is long enough again).
 */
export function useReturnPosition(ready: boolean): void {
  const [target] = useState(() => memory.returnTo(currentKey()));
  const done = useRef(false);
  useLayoutEffect(() => {
    if (!ready || done.current || target === null) return;
    done.current = true;
    window.scrollTo(0, target.scrollY);
    if (target.focusId) document.getElementById(target.focusId)?.focus({ preventScroll: true });
  }, [ready, target]);
}

/**
 * Goes to `path` in the app. A new entry starts at the top, and the one left keeps its position
 * for Back; `replace` changes the address of this entry (filters, a choice) and stays in place.
 */
export function navigate(path: string, { replace = false } = {}): void {
  if (replace) {
    history.replaceState(history.state, '', path);
  } else {
    const focused = document.activeElement;
    memory.leave(currentKey(), { scrollY: window.scrollY, focusId: focused instanceof HTMLElement && focused.id !== '' ? focused.id : null });
    history.pushState({ key: newKey() }, '', path);
  }
  for (const listener of listeners) listener();
  if (!replace) window.scrollTo(0, 0);
}

/** The filters each round's overview last showed (its query string), for links back to it. */
const overviewSearches = new Map<string, string>();

/** Notes the filters a round's overview shows now, so that a link back to it shows them again. */
export function rememberOverviewSearch(roundId: string, search: string): void {
  overviewSearches.set(roundId, search);
}

export const paths = {
  /** A round's overview; `search` its filters (`?departement=JD`, see pages/overview/filterAddress.ts). */
  overview: (roundId: string, search = '') => `/runder/${encodeURIComponent(roundId)}${search}`,
  /** A round's overview with the filters it had when last left (for "Til oversikten" on a measure). */
  overviewAsLeft: (roundId: string) => `/runder/${encodeURIComponent(roundId)}${overviewSearches.get(roundId) ?? ''}`,
  measure: (roundId: string, number: number) => `/runder/${encodeURIComponent(roundId)}/tiltak/${number}`,
  rounds: () => '/runder',
  notifications: () => '/varsler',
  roundSettings: (roundId: string) => `/runder/${encodeURIComponent(roundId)}/innstillinger`,
  snapshots: (roundId: string) => `/runder/${encodeURIComponent(roundId)}/oyeblikksbilder`,
  snapshot: (id: string) => `/oyeblikksbilder/${encodeURIComponent(id)}`,
  /** The coordinator's audit log; `search` its filters (`?tiltak=5&hva=status.change`, see pages/audit/auditQuery.ts). */
  audit: (search = '') => `/logg${search}`,
  /** What changed from one version to another; `to` is a snapshot id or `live`. */
  changes: (roundId: string, from?: string, to?: string) => {
    const query = new URLSearchParams();
    if (from) query.set('fra', from);
    if (to) query.set('til', to);
    const search = query.toString();
    return `/runder/${encodeURIComponent(roundId)}/endringer${search ? `?${search}` : ''}`;
  },
};

export type Route =
  | { name: 'home' }
  | { name: 'overview'; roundId: string }
  | { name: 'measure'; roundId: string; number: number }
  | { name: 'rounds' }
  | { name: 'roundSettings'; roundId: string }
  | { name: 'snapshots'; roundId: string }
  | { name: 'changes'; roundId: string }
  | { name: 'snapshot'; id: string }
  | { name: 'audit' }
  | { name: 'notifications' }
  | { name: 'notFound' };

/** Pages under a round that take only its id: `/runder/:roundId/<segment>`. */
const ROUND_PAGES = { innstillinger: 'roundSettings', oyeblikksbilder: 'snapshots', endringer: 'changes' } as const;

/**
 * A percent-encoded part of an address, decoded; null when it is malformed (`%E0`, `%zz`),
 * which `decodeURIComponent` would throw on, during render.
 */
export function decodePart(part: string): string | null {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}

/** The route of a path; a path that does not decode is not found, like any unknown path. */
export function matchRoute(path: string): Route {
  if (path === '/' || path === '') return { name: 'home' };
  return matchEncoded(path) ?? { name: 'notFound' };
}

function matchEncoded(path: string): Route | null {
  const overview = /^\/runder\/([^/]+)\/?$/.exec(path);
  if (overview?.[1]) {
    const roundId = decodePart(overview[1]);
    return roundId === null ? null : { name: 'overview', roundId };
  }
  const measure = MEASURE_PAGE.exec(path);
  if (measure?.[1] && measure[2]) {
    const roundId = decodePart(measure[1]);
    return roundId === null ? null : { name: 'measure', roundId, number: Number(measure[2]) };
  }
  if (/^\/runder\/?$/.test(path)) return { name: 'rounds' };
  if (/^\/logg\/?$/.test(path)) return { name: 'audit' };
  if (/^\/varsler\/?$/.test(path)) return { name: 'notifications' };
  const roundPage = /^\/runder\/([^/]+)\/(innstillinger|oyeblikksbilder|endringer)\/?$/.exec(path);
  if (roundPage?.[1] && roundPage[2]) {
    const name = ROUND_PAGES[roundPage[2] as keyof typeof ROUND_PAGES];
    const roundId = decodePart(roundPage[1]);
    return roundId === null ? null : { name, roundId };
  }
  const snapshot = /^\/oyeblikksbilder\/([^/]+)\/?$/.exec(path);
  if (snapshot?.[1]) {
    const id = decodePart(snapshot[1]);
    return id === null ? null : { name: 'snapshot', id };
  }
  return null;
}

/** An ordinary link that navigates in-app on a plain click and keeps every browser behaviour otherwise. */
export function Link({ href, onClick, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  const handle = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(href);
  };
  return <a href={href} onClick={handle} {...rest} />;
}
