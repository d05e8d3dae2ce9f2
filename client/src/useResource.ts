import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';

/** Reads one thing from the server; the signal aborts it once the answer is no longer wanted. */
export type Load<T> = (signal: AbortSignal) => Promise<T>;

/** What a page shows of a read: its data, its error, whether one is under way, and a way to read again. */
export interface Resource<T> {
  /** The last answer for this key; kept while it is read again, null before the first. */
  data: T | null;
  /** Why the last read failed; null after a success. */
  error: unknown;
  loading: boolean;
  /** Reads again (the stream reconnected, say), keeping what is shown until the answer. */
  refetch: () => void;
  /** Changes the loaded data here, as the server answered one's own change; nothing before it is loaded. */
  update: (change: (data: T) => T) => void;
}

/** The loader's state, tagged with the key it is for. */
export interface ResourceState<T> {
  key: string | null;
  data: T | null;
  error: unknown;
  loading: boolean;
}

const IDLE: ResourceState<never> = { key: null, data: null, error: null, loading: false };

/**
 * The part of `useResource` that needs no React: one read at a time, for one key. A new key or
 * a stop aborts the read under way, and an answer that is no longer wanted (a later read began,
 * the key changed, the view went away) is never shown.
 */
export class ResourceLoader<T> {
  private state: ResourceState<T> = IDLE;
  private readonly listeners = new Set<() => void>();
  private controller: AbortController | null = null;
  private current: { key: string; load: Load<T> } | null = null;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): ResourceState<T> => this.state;

  /** Reads `key` with `load`; returns the function that stops it (unmount, key change). */
  start(key: string, load: Load<T>): () => void {
    this.current = { key, load };
    this.run();
    return () => {
      if (this.current?.key !== key || this.current.load !== load) return;
      this.current = null;
      this.controller?.abort();
      this.controller = null;
    };
  }

  /** Reads the current key again; what is shown stays until the answer. */
  refetch = (): void => {
    if (this.current) this.run();
  };

  update = (change: (data: T) => T): void => {
    if (this.state.data === null) return;
    this.set({ ...this.state, data: change(this.state.data) });
  };

  private run(): void {
    const current = this.current;
    if (!current) return;
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    const same = this.state.key === current.key;
    this.set({ key: current.key, data: same ? this.state.data : null, error: same ? this.state.error : null, loading: true });
    current.load(controller.signal).then(
      (data) => {
        if (controller.signal.aborted) return;
        this.controller = null;
        this.set({ key: current.key, data, error: null, loading: false });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        this.controller = null;
        this.set({ ...this.state, error, loading: false });
      },
    );
  }

  private set(next: ResourceState<T>): void {
    this.state = next;
    for (const listener of this.listeners) listener();
  }
}

/**
 * What a view of `key` shows of the loader's state: a state kept for another key (the key just
 * changed, the read has not started yet) counts as loading with nothing to show.
 */
export function resourceView<T>(state: ResourceState<T>, key: string | null): Pick<Resource<T>, 'data' | 'error' | 'loading'> {
  if (key === null) return { data: null, error: null, loading: false };
  if (state.key !== key) return { data: null, error: null, loading: true };
  return { data: state.data, error: state.error, loading: state.loading };
}

/**
 * The one way a page reads from the server: `load` runs when the view appears and whenever
 * `key` changes (null: nothing to read yet); a read is aborted, and its answer ignored, on
 * unmount or a key change. `key` names everything `load` depends on. Live data comes from the
 * round's event stream instead (useRound.ts, liveThreads.ts).
 */
export function useResource<T>(key: string | null, load: Load<T>): Resource<T> {
  const [loader] = useState(() => new ResourceLoader<T>());
  // The key says when to read; the latest `load` says how.
  const latest = useRef(load);
  useEffect(() => {
    latest.current = load;
  });
  useEffect(() => {
    if (key === null) return;
    return loader.start(key, (signal) => latest.current(signal));
  }, [loader, key]);
  const state = useSyncExternalStore(loader.subscribe, loader.getSnapshot);
  return useMemo(() => ({ ...resourceView(state, key), refetch: loader.refetch, update: loader.update }), [state, key, loader]);
}
