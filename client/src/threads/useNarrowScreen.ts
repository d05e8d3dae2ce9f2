import { useSyncExternalStore } from 'react';

/** Where the measure page's side column folds under the text (styles.css, `.measure__layout`). */
export const NARROW_SCREEN_QUERY = '(max-width: 60rem)';

const query = (): MediaQueryList | null => (typeof window === 'undefined' ? null : window.matchMedia(NARROW_SCREEN_QUERY));

function subscribe(listener: () => void): () => void {
  const list = query();
  list?.addEventListener('change', listener);
  return () => list?.removeEventListener('change', listener);
}

/** Whether the window is as narrow as a phone's, where the threads panel is below the text; follows rotation and resizing. */
export function useNarrowScreen(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => query()?.matches ?? false,
    () => false,
  );
}
