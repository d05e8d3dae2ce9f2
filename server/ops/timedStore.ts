import { performance } from 'node:perf_hooks';
import type { Store } from '../store/types.js';

/**
 * The store, with every call through it timed (`observe(method, seconds, ok)`): its latency is
 * what the metrics report. Calls made inside a transaction go through the transaction's own
 * `tx` and are not timed one by one; the transaction is, whole, with its wait in the queue.
 */
export function timedStore(store: Store, observe: (operation: string, seconds: number, ok: boolean) => void): Store {
  return new Proxy(store, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key, target);
      if (typeof value !== 'function') return value;
      if (typeof key !== 'string' || key === 'close') return (value as (...args: unknown[]) => unknown).bind(target);
      return (...args: unknown[]): unknown => {
        const started = performance.now();
        const result: unknown = Reflect.apply(value, target, args);
        if (!(result instanceof Promise)) return result;
        return result.then(
          (answer: unknown) => {
            observe(key, (performance.now() - started) / 1000, true);
            return answer;
          },
          (error: unknown) => {
            observe(key, (performance.now() - started) / 1000, false);
            throw error;
          },
        );
      };
    },
  });
}
