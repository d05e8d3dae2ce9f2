/**
 * Runs password checks a few at a time, with a short line behind them: each scrypt at the
 * production cost holds 128 MiB and a core for about half a second, so a flood of sign-ins
 * must be turned away at once (to come back later), not piled up in memory and CPU.
 */
export interface HashQueueLimits {
  /** Checks that run at once (one per core). */
  concurrency: number;
  /** Checks that may wait for a free slot; beyond them, `run` refuses. */
  maxWaiting: number;
}

/** Two cores: two checks at once (256 MiB), and a line of eight (a few seconds at most). */
export const HASH_QUEUE_LIMITS: HashQueueLimits = { concurrency: 2, maxWaiting: 8 };

/** What a check is assumed to take until one has been timed (about that at the production cost). */
const FIRST_ESTIMATE_MS = 500;
/** Weight of the newest duration in the running estimate. */
const ESTIMATE_WEIGHT = 0.2;

export class HashQueue {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  private estimateMs = FIRST_ESTIMATE_MS;

  constructor(
    private readonly limits: HashQueueLimits,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /**
   * Runs `job` now or once a slot is free, and resolves with its result; null, decided at
   * once and without running it, when every slot is busy and the line is full.
   */
  run<T>(job: () => Promise<T>): Promise<T> | null {
    if (this.running < this.limits.concurrency) return this.start(job);
    if (this.waiting.length >= this.limits.maxWaiting) return null;
    return new Promise<T>((resolve, reject) => {
      this.waiting.push(() => void this.start(job).then(resolve, reject));
    });
  }

  /** Roughly how long until the checks running and waiting now are done: a fair Retry-After. */
  estimatedWaitMs(): number {
    return Math.ceil((this.estimateMs * (this.running + this.waiting.length)) / this.limits.concurrency);
  }

  /** Checks running and waiting, for tests and figures. */
  size(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }

  private async start<T>(job: () => Promise<T>): Promise<T> {
    this.running += 1;
    const began = this.now();
    try {
      return await job();
    } finally {
      this.estimateMs += ESTIMATE_WEIGHT * (this.now() - began - this.estimateMs);
      // The freed slot passes straight to the next in line, in the same step.
      this.running -= 1;
      this.waiting.shift()?.();
    }
  }
}
