import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';

/** A small history router: the app has three routes and no need for more machinery. */
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

export function navigate(path: string, { replace = false } = {}): void {
  if (replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  for (const listener of listeners) listener();
}

export const paths = {
  overview: (roundId: string) => `/runder/${encodeURIComponent(roundId)}`,
  measure: (roundId: string, number: number) => `/runder/${encodeURIComponent(roundId)}/tiltak/${number}`,
};

export type Route =
  | { name: 'home' }
  | { name: 'overview'; roundId: string }
  | { name: 'measure'; roundId: string; number: number }
  | { name: 'notFound' };

export function matchRoute(path: string): Route {
  if (path === '/' || path === '') return { name: 'home' };
  const overview = /^\/runder\/([^/]+)\/?$/.exec(path);
  if (overview?.[1]) return { name: 'overview', roundId: decodeURIComponent(overview[1]) };
  const measure = /^\/runder\/([^/]+)\/tiltak\/([1-9][0-9]{0,2})\/?$/.exec(path);
  if (measure?.[1] && measure[2]) {
    return { name: 'measure', roundId: decodeURIComponent(measure[1]), number: Number(measure[2]) };
  }
  return { name: 'notFound' };
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
