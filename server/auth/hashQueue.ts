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

/** A check that was waiting and gave its place to one that had a better claim to it. */
export class HashQueueBusy extends Error {
  constructor() {
    super('password check dropped from a full line for a sign-in with fewer recent attempts');
  }
}

interface Waiting {
  /** Lower goes first; equal ones in arrival order. */
  priority: number;
  seq: number;
  go(): void;
  drop(): void;
}

export class HashQueue {
  private running = 0;
  /** In the order they get a slot: by priority, then arrival. */
  private readonly waiting: Waiting[] = [];
  private nextSeq = 0;
  private estimateMs = FIRST_ESTIMATE_MS;

  constructor(
    private readonly limits: HashQueueLimits,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /**
   * Runs `job` now or once a slot is free, and resolves with its result; null, decided at
   * once and without running it, when every slot is busy and the line is full of checks with
   * as good a claim (`priority`: lower is better, e.g. how often its sender tried lately). A
   * better newcomer takes the place of the worst one waiting, whose promise then rejects with
   * HashQueueBusy: a flood that re-sends without pause cannot keep a patient person out.
   */
  run<T>(job: () => Promise<T>, priority = 0): Promise<T> | null {
    if (this.running < this.limits.concurrency) return this.start(job);
    if (this.waiting.length >= this.limits.maxWaiting) {
      const worst = this.waiting[this.waiting.length - 1];
      if (!worst || worst.priority <= priority) return null;
      this.waiting.pop();
      worst.drop();
    }
    return new Promise<T>((resolve, reject) => {
      const entry: Waiting = {
        priority,
        seq: this.nextSeq++,
        go: () => void this.start(job).then(resolve, reject),
        drop: () => reject(new HashQueueBusy()),
      };
      let at = this.waiting.length;
      while (at > 0 && this.waiting[at - 1]!.priority > priority) at--;
      this.waiting.splice(at, 0, entry);
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
      this.waiting.shift()?.go();
    }
  }
}
