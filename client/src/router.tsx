import { MEASURE_NUMBER_PATTERN } from '../../shared/documentLayout.js';
import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';

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

export function navigate(path: string, { replace = false } = {}): void {
  if (replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  for (const listener of listeners) listener();
}

export const paths = {
  overview: (roundId: string) => `/runder/${encodeURIComponent(roundId)}`,
  measure: (roundId: string, number: number) => `/runder/${encodeURIComponent(roundId)}/tiltak/${number}`,
  rounds: () => '/runder',
  roundSettings: (roundId: string) => `/runder/${encodeURIComponent(roundId)}/innstillinger`,
  snapshots: (roundId: string) => `/runder/${encodeURIComponent(roundId)}/oyeblikksbilder`,
  snapshot: (id: string) => `/oyeblikksbilder/${encodeURIComponent(id)}`,
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
