import type { WebSocket } from 'ws';

interface Watched {
  unanswered: number;
  onDead: () => void;
}

/** Into how many groups the watched sockets are split, each pinged at its own moment of the interval. */
export const HEARTBEAT_SLICES = 10;

/**
 * Pings every watched socket once each `intervalMs` and calls a socket's `onDead` once a ping has
 * gone unanswered for two intervals (as y-websocket's server and Hocuspocus do): a half-open
 * socket would otherwise keep its document loaded and its session watched forever. Like the
 * reference server's timer per socket, a socket is first pinged about `intervalMs` after it came,
 * so that sockets that came at different moments are pinged at different moments (2,000 pings and
 * their pongs do not hold up the event loop at once); but with one timer for all sockets (2,000
 * idle sockets cost 2,000 small entries, not 2,000 timers), ticking HEARTBEAT_SLICES times per
 * interval and pinging the group of sockets that came during one tenth of an interval.
 */
export class Heartbeat {
  private readonly slices: Map<WebSocket, Watched>[] = Array.from({ length: HEARTBEAT_SLICES }, () => new Map<WebSocket, Watched>());
  /** The group the next tick pings; the one before it was pinged last (or, before the first tick, is pinged last). */
  private turn = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly intervalMs: number) {}

  /** How many sockets are watched. */
  get size(): number {
    return this.slices.reduce((sum, slice) => sum + slice.size, 0);
  }

  /** Watches `socket` until it closes; `onDead` runs once when it stops answering. */
  watch(socket: WebSocket, onDead: () => void): void {
    const entry: Watched = { unanswered: 0, onDead };
    // The group pinged last: its next turn is an interval from now.
    const slice = this.slices[(this.turn + HEARTBEAT_SLICES - 1) % HEARTBEAT_SLICES]!;
    slice.set(socket, entry);
    socket.on('pong', () => (entry.unanswered = 0));
    socket.once('close', () => slice.delete(socket));
    if (this.timer === null) {
      this.timer = setInterval(this.tick, this.intervalMs / HEARTBEAT_SLICES);
      this.timer.unref();
    }
  }

  /** Stops the timer (shutdown). */
  close(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    for (const slice of this.slices) slice.clear();
  }

  private readonly tick = (): void => {
    const slice = this.slices[this.turn]!;
    this.turn = (this.turn + 1) % HEARTBEAT_SLICES;
    for (const [socket, entry] of slice) {
      if (entry.unanswered >= 2) {
        slice.delete(socket);
        entry.onDead();
        continue;
      }
      entry.unanswered++;
      if (socket.readyState === socket.OPEN) socket.ping();
    }
    if (this.size === 0 && this.timer !== null) {
      clearInterval(this.timer);
      this.timer = null;
    }
  };
}
