import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WebSocket } from 'ws';
import { Heartbeat, HEARTBEAT_SLICES } from '../../server/sync/heartbeat.js';

const INTERVAL_MS = 30_000;
const TICK_MS = INTERVAL_MS / HEARTBEAT_SLICES;

/** What the heartbeat uses of a ws socket: its events, its state and ping. */
class FakeSocket extends EventEmitter {
  readonly OPEN = 1;
  readyState = 1;
  pings: number[] = [];
  constructor(private readonly answers: boolean) {
    super();
  }
  ping(): void {
    this.pings.push(Date.now());
    if (this.answers) this.emit('pong');
  }
  close(): void {
    this.readyState = 3;
    this.emit('close');
  }
}

describe('heartbeat over many sockets', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('pings each socket once per interval, a tenth of them at each tick, not all at one moment', () => {
    const heartbeat = new Heartbeat(INTERVAL_MS);
    const sockets = Array.from({ length: 2_000 }, () => new FakeSocket(true));
    for (const socket of sockets) heartbeat.watch(socket as unknown as WebSocket, () => expect.fail('an answering socket was declared dead'));
    const perTick: number[] = [];
    let before = 0;
    for (let tick = 0; tick < 3 * HEARTBEAT_SLICES; tick++) {
      vi.advanceTimersByTime(TICK_MS);
      const total = sockets.reduce((sum, socket) => sum + socket.pings.length, 0);
      perTick.push(total - before);
      before = total;
    }
    expect(Math.max(...perTick)).toBe(2_000 / HEARTBEAT_SLICES);
    // Three intervals: every socket three times, one interval apart.
    for (const socket of sockets) {
      expect(socket.pings).toHaveLength(3);
      expect(socket.pings[1]! - socket.pings[0]!).toBe(INTERVAL_MS);
    }
    heartbeat.close();
  });

  it('declares a silent socket dead once, after two unanswered pings, and forgets closed sockets', () => {
    const heartbeat = new Heartbeat(INTERVAL_MS);
    const answering = Array.from({ length: 25 }, () => new FakeSocket(true));
    const silent = new FakeSocket(false);
    const gone = new FakeSocket(true);
    const dead: FakeSocket[] = [];
    for (const socket of [...answering, silent, gone]) heartbeat.watch(socket as unknown as WebSocket, () => dead.push(socket));
    gone.close();
    expect(heartbeat.size).toBe(26);
    vi.advanceTimersByTime(2 * INTERVAL_MS);
    expect(dead).toEqual([]);
    expect(silent.pings).toHaveLength(2);
    vi.advanceTimersByTime(INTERVAL_MS);
    expect(dead).toEqual([silent]);
    vi.advanceTimersByTime(3 * INTERVAL_MS);
    expect(dead).toEqual([silent]);
    expect(silent.pings).toHaveLength(2);
    expect(gone.pings).toEqual([]);
    expect(heartbeat.size).toBe(25);
    heartbeat.close();
  });

  it('stops its timer once no socket is left', () => {
    const heartbeat = new Heartbeat(INTERVAL_MS);
    const socket = new FakeSocket(true);
    heartbeat.watch(socket as unknown as WebSocket, () => undefined);
    expect(vi.getTimerCount()).toBe(1);
    socket.close();
    vi.advanceTimersByTime(INTERVAL_MS);
    expect(vi.getTimerCount()).toBe(0);
  });
});
