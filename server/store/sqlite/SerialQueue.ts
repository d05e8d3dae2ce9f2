/**
 * Runs jobs one at a time, in the order they come. A job that finds the queue empty starts at
 * once, in its caller's tick, so that a lone statement runs exactly when it would without it.
 */
export class SerialQueue {
  /** Jobs started or waiting, not yet settled. */
  private pending = 0;
  private tail: Promise<void> = Promise.resolve();

  /** True when no job is running or waiting. */
  get idle(): boolean {
    return this.pending === 0;
  }

  run<T>(job: () => Promise<T>): Promise<T> {
    const result = this.pending === 0 ? startNow(job) : this.tail.then(job);
    this.pending += 1;
    const settled = (): void => {
      this.pending -= 1;
    };
    this.tail = result.then(settled, settled);
    return result;
  }
}

/** Runs `job` now; a synchronous throw becomes a rejection like any other. */
async function startNow<T>(job: () => Promise<T>): Promise<T> {
  return job();
}
