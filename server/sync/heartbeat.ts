import type { WebSocket } from 'ws';

interface Watched {
  unanswered: number;
  onDead: () => void;
}

/**
 * Pings every watched socket each `intervalMs` and calls a socket's `onDead` once a ping has gone
 * unanswered for two intervals (as y-websocket's server and Hocuspocus do): a half-open socket
 * would otherwise keep its document loaded and its session watched forever. One timer for all
 * sockets, not one per socket: 2,000 idle sockets cost 2,000 small entries, not 2,000 timers.
 */
export class Heartbeat {
  private readonly watched = new Map<WebSocket, Watched>();
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly intervalMs: number) {}

  /** Watches `socket` until it closes; `onDead` runs once when it stops answering. */
  watch(socket: WebSocket, onDead: () => void): void {
    const entry: Watched = { unanswered: 0, onDead };
    this.watched.set(socket, entry);
    socket.on('pong', () => (entry.unanswered = 0));
    socket.once('close', () => this.watched.delete(socket));
    if (this.timer === null) {
      this.timer = setInterval(this.tick, this.intervalMs);
      this.timer.unref();
    }
  }

  /** Stops the timer (shutdown). */
  close(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    this.watched.clear();
  }

  private readonly tick = (): void => {
    for (const [socket, entry] of this.watched) {
      if (entry.unanswered >= 2) {
        this.watched.delete(socket);
        entry.onDead();
        continue;
      }
      entry.unanswered++;
      if (socket.readyState === socket.OPEN) socket.ping();
    }
    if (this.watched.size === 0 && this.timer !== null) {
      clearInterval(this.timer);
      this.timer = null;
    }
  };
}
