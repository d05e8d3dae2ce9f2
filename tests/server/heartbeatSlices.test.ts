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

  it('pings a socket first about an interval after it came, then once per interval, so that sockets that came at different moments are pinged apart', () => {
    const heartbeat = new Heartbeat(INTERVAL_MS);
    // 2,000 sockets arriving over one interval, 200 in each tenth of it.
    const arrivals: { socket: FakeSocket; at: number }[] = [];
    for (let tick = 0; tick < HEARTBEAT_SLICES; tick++) {
      for (let i = 0; i < 200; i++) {
        const socket = new FakeSocket(true);
        heartbeat.watch(socket as unknown as WebSocket, () => expect.fail('an answering socket was declared dead'));
        arrivals.push({ socket, at: Date.now() });
      }
      vi.advanceTimersByTime(TICK_MS / 2);
      expect(arrivals.every(({ socket }) => socket.pings.length === 0)).toBe(true);
      vi.advanceTimersByTime(TICK_MS / 2);
    }
    const pinged = (): number => arrivals.reduce((sum, { socket }) => sum + socket.pings.length, 0);
    const perTick: number[] = [];
    let before = pinged();
    for (let tick = 0; tick < 3 * HEARTBEAT_SLICES; tick++) {
      vi.advanceTimersByTime(TICK_MS);
      const total = pinged();
      perTick.push(total - before);
      before = total;
    }
    expect(Math.max(...perTick)).toBe(200);
    for (const { socket, at } of arrivals) {
      expect(socket.pings[0]! - at).toBeGreaterThan(INTERVAL_MS - TICK_MS);
      expect(socket.pings[0]! - at).toBeLessThanOrEqual(INTERVAL_MS);
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
