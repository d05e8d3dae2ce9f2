/**
 * A value that a beforeAll hook provides. `ref` stands for it from the start, so that a helper
 * can hand it out while the `describe` is being collected; reading through `ref` earlier throws.
 */
export class Late<T extends object> {
  value: T | undefined;
  readonly ref: T;

  /** `missing` says what is not there and why, for the error (`no test server yet: ...`). */
  constructor(private readonly missing: string) {
    this.ref = new Proxy({} as T, {
      get: (_, key) => {
        const target = this.get();
        const property: unknown = Reflect.get(target, key, target);
        // Methods run on the real object (a Playwright Browser keeps its state on `this`).
        return typeof property === 'function' ? (property as (...args: unknown[]) => unknown).bind(target) : property;
      },
      has: (_, key) => Reflect.has(this.get(), key),
    });
  }

  /** The value; throws when the hook has not provided it (yet). */
  get(): T {
    if (!this.value) throw new Error(this.missing);
    return this.value;
  }
}
