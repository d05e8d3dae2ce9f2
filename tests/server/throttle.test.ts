import { describe, expect, it } from 'vitest';
import { Throttle } from '../../server/auth/throttle.js';

/** The sign-in backoff on a clock the test moves: no waiting, no timers. */
describe('sign-in backoff', () => {
  const limits = { freeFailures: 3, baseDelayMs: 1_000, maxDelayMs: 8_000, forgetAfterMs: 60_000 };

  it('blocks after the free failures for 1 s, doubling with each further one up to the maximum', () => {
    let now = 0;
    const throttle = new Throttle(limits, () => now);
    for (let i = 0; i < 3; i++) {
      expect(throttle.waitFor('jd')).toBe(0);
      throttle.count('jd');
    }
    // The third failure reached the limit: blocked for the base delay.
    expect(throttle.waitFor('jd')).toBe(1_000);
    const delays: number[] = [];
    for (let i = 0; i < 5; i++) {
      now += throttle.waitFor('jd');
      throttle.count('jd');
      delays.push(throttle.waitFor('jd'));
    }
    expect(delays).toEqual([2_000, 4_000, 8_000, 8_000, 8_000]);
    // Another key is not affected.
    expect(throttle.waitFor('hod')).toBe(0);
  });

  it('forgets a key after a quiet while, and a success clears it at once', () => {
    let now = 0;
    const throttle = new Throttle(limits, () => now);
    for (let i = 0; i < 3; i++) throttle.count('jd');
    now += 1_000;
    throttle.count('jd');
    expect(throttle.waitFor('jd')).toBe(2_000);
    now += 60_001 + 2_000;
    // Quiet for longer than forgetAfterMs and no longer blocked: starts from nothing again.
    throttle.count('jd');
    expect(throttle.waitFor('jd')).toBe(0);
    throttle.count('jd');
    throttle.count('jd');
    expect(throttle.waitFor('jd')).toBe(1_000);
    throttle.succeed('jd');
    expect(throttle.waitFor('jd')).toBe(0);
  });
});
