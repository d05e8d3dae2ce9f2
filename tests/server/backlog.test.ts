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
});
