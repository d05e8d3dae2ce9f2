import { describe, expect, it } from 'vitest';
import { Backlog } from '../../server/sync/backlog.js';

describe('a socket’s backlog of messages waiting for its room', () => {
  it('keeps their order; past its bound the socket is held once, and released once below it', () => {
    const told: string[] = [];
    const backlog = new Backlog<string>(
      10,
      () => told.push('hold'),
      () => told.push('release'),
    );
    backlog.push('a', 4);
    backlog.push('b', 4);
    expect(told).toEqual([]);
    backlog.push('c', 4);
    backlog.push('d', 4);
    expect(told, 'held when 10 bytes wait, not again').toEqual(['hold']);

    expect(backlog.shift()).toBe('a');
    expect(told, 'still 12 bytes waiting').toEqual(['hold']);
    expect(backlog.shift()).toBe('b');
    expect(told).toEqual(['hold', 'release']);
    expect([backlog.shift(), backlog.shift(), backlog.shift()]).toEqual(['c', 'd', undefined]);
    expect(told).toEqual(['hold', 'release']);
  });

  it('cleared when its socket closes: nothing waits, nothing is released', () => {
    const told: string[] = [];
    const backlog = new Backlog<string>(
      5,
      () => told.push('hold'),
      () => told.push('release'),
    );
    backlog.push('a', 8);
    backlog.clear();
    expect(backlog.shift()).toBeUndefined();
    expect(told).toEqual(['hold']);
    backlog.push('b', 1);
    expect(backlog.shift()).toBe('b');
    expect(told).toEqual(['hold']);
  });

  it('hands out thousands in order while more arrive, and the bound counts only what still waits', () => {
    const told: string[] = [];
    const backlog = new Backlog<number>(
      5_000,
      () => told.push('hold'),
      () => told.push('release'),
    );
    const out: number[] = [];
    for (let i = 0; i < 10_000; i++) {
      backlog.push(i, 1);
      if (i % 3 !== 0) out.push(backlog.shift()!);
    }
    expect(told, '3,334 waiting, of 10,000 that came').toEqual([]);
    for (let i = 10_000; i < 12_000; i++) backlog.push(i, 1);
    expect(told, '5,334 waiting').toEqual(['hold']);
    for (let next = backlog.shift(); next !== undefined; next = backlog.shift()) out.push(next);
    expect(out).toEqual(Array.from({ length: 12_000 }, (_, i) => i));
    expect(told).toEqual(['hold', 'release']);
  });
});
