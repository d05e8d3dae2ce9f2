/**
 * Slows down guessing: failed sign-ins are counted per account and per address. After
 * `freeFailures` failures in a row a key is blocked for `baseDelayMs`, doubling with each
 * further failure up to `maxDelayMs`. While blocked, attempts are refused without checking
 * the password. An attempt is counted when it starts (`count`), before it is checked, so that
 * concurrent attempts see each other; one that turns out not to be a failure is `forgive`n.
 * A success clears the account's count; a quiet `forgetAfterMs` clears any count.
 */
export interface ThrottleLimits {
  freeFailures: number;
  baseDelayMs: number;
  maxDelayMs: number;
  forgetAfterMs: number;
}

export const ACCOUNT_LIMITS: ThrottleLimits = { freeFailures: 5, baseDelayMs: 1_000, maxDelayMs: 15 * 60_000, forgetAfterMs: 60 * 60_000 };
export const ADDRESS_LIMITS: ThrottleLimits = { freeFailures: 20, baseDelayMs: 1_000, maxDelayMs: 15 * 60_000, forgetAfterMs: 60 * 60_000 };

/** Upper bound on tracked keys, so a flood of names cannot grow memory without end. */
const MAX_KEYS = 50_000;
/** Longer keys are cut, so that each tracked key costs a bounded amount of memory. */
const MAX_KEY_CHARS = 128;

interface Entry {
  failures: number;
  blockedUntil: number;
  lastFailure: number;
}

/** An attempt counted by `count`, to be forgiven if it turns out not to be a failure. */
export interface CountedAttempt {
  readonly key: string;
  readonly entry: object;
  /** The block before this attempt counted, and the one its count set. */
  readonly blockedBefore: number;
  readonly blockedAfter: number;
}

export class Throttle {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly limits: ThrottleLimits,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds until `key` may try again; 0 when it may try now. */
  waitFor(key: string): number {
    const entry = this.current(key.slice(0, MAX_KEY_CHARS));
    return entry ? Math.max(0, entry.blockedUntil - this.now()) : 0;
  }

  /**
   * Counts an attempt as a failure now, before it is checked: call it in the same synchronous
   * step as `waitFor`, so that the next attempt, even one already in flight, sees it.
   */
  count(fullKey: string): CountedAttempt {
    const key = fullKey.slice(0, MAX_KEY_CHARS);
    const now = this.now();
    const entry = this.current(key) ?? { failures: 0, blockedUntil: 0, lastFailure: now };
    const blockedBefore = entry.blockedUntil;
    entry.failures += 1;
    entry.lastFailure = now;
    const over = entry.failures - this.limits.freeFailures;
    if (over >= 0) entry.blockedUntil = now + Math.min(this.limits.maxDelayMs, this.limits.baseDelayMs * 2 ** Math.min(over, 30));
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > MAX_KEYS) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    return { key, entry, blockedBefore, blockedAfter: entry.blockedUntil };
  }

  /**
   * Takes back a counted attempt that was not a failure (it succeeded, or was never checked).
   * The block it set is lifted unless a later attempt has set another since.
   */
  forgive(attempt: CountedAttempt): void {
    const entry = this.entries.get(attempt.key);
    // Cleared (a success), forgotten or evicted since: there is nothing of this attempt left.
    if (entry !== attempt.entry) return;
    entry.failures -= 1;
    if (entry.blockedUntil === attempt.blockedAfter) entry.blockedUntil = attempt.blockedBefore;
    if (entry.failures <= 0 && entry.blockedUntil <= this.now()) this.entries.delete(attempt.key);
  }

  succeed(key: string): void {
    this.entries.delete(key.slice(0, MAX_KEY_CHARS));
  }

  private current(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && this.now() - entry.lastFailure > this.limits.forgetAfterMs && this.now() >= entry.blockedUntil) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }
}

/** How fast an address's recent attempts are forgotten: their weight halves every 7 s or so. */
export const RECENT_ATTEMPTS_DECAY_MS = 10_000;

/**
 * How many sign-ins each address sent lately, answered or not (a 503 or 429 counts too), each
 * weighing less the longer ago it was (exponential decay): who waits as told has sent one every
 * few seconds and scores about one or two, a flood that re-sends at once scores dozens.
 * Bounded like Throttle: at most MAX_KEYS addresses, the longest quiet first out.
 */
export class RecentAttempts {
  private readonly scores = new Map<string, { score: number; at: number }>();

  constructor(
    private readonly decayMs = RECENT_ATTEMPTS_DECAY_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records one attempt from `fullKey` and returns its score now, this attempt included (1 for a first). */
  record(fullKey: string): number {
    const key = fullKey.slice(0, MAX_KEY_CHARS);
    const now = this.now();
    const last = this.scores.get(key);
    const score = (last ? last.score * Math.exp(-(now - last.at) / this.decayMs) : 0) + 1;
    // Deleted and set again: the map's order is by last attempt, so the first key is the longest quiet.
    this.scores.delete(key);
    this.scores.set(key, { score, at: now });
    if (this.scores.size > MAX_KEYS) {
      const quietest = this.scores.keys().next().value;
      if (quietest !== undefined) this.scores.delete(quietest);
    }
    return score;
  }
}
