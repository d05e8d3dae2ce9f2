import { CLOSE_CODES } from '../../shared/closeCodes.js';
import type { Authenticated, Sessions } from './sessions.js';

/** How often open sockets and streams have their session checked again. */
export const DEFAULT_WATCH_INTERVAL_MS = 1_000;

/** Something long-lived opened under a session: a sync socket or an event stream. */
export interface Watched {
  auth: Authenticated;
  /** Ends it: the session ended (4401) or the account's role or ministry changed (4403). */
  end(code: number, reason: string): void;
}

/**
 * Ends sockets and streams whose session is over. Sessions can end in this process (sign-out)
 * or outside it (expiry, or the user CLI disabling an account or changing its role in the
 * same database), so every open one is checked against storage each interval, and at once
 * when this process signs someone out.
 */
export class SessionWatch {
  private readonly watched = new Set<Watched>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly sessions: Sessions,
    private readonly intervalMs: number,
    private readonly log: (message: string) => void,
    /** Told when a session ended in this process, so that other instances check theirs too. */
    private readonly announce: () => void = () => undefined,
  ) {}

  /** Watches `item` until the returned function is called. */
  add(item: Watched): () => void {
    this.watched.add(item);
    this.timer ??= setInterval(() => void this.checkNow({ announce: false }), this.intervalMs).unref();
    return () => {
      this.watched.delete(item);
      if (this.watched.size === 0 && this.timer) {
        clearInterval(this.timer);
        this.timer = null;
      }
    };
  }

  /**
   * Checks every watched session now; concurrent calls share one run. Called when a session ended
   * here, it says so to other instances, unless `announce` is false (the timer, or another instance said so).
   */
  checkNow({ announce = true } = {}): Promise<void> {
    if (announce) this.announce();
    // Runs from a timer: whatever fails is logged, never left to end the process.
    this.running ??= this.run()
      .catch((error: unknown) => this.log(`session watch failed: ${String(error)}`))
      .finally(() => (this.running = null));
    return this.running;
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.watched.clear();
  }

  private async run(): Promise<void> {
    const bySession = new Map<string, Watched[]>();
    for (const item of this.watched) {
      const list = bySession.get(item.auth.sessionId) ?? [];
      list.push(item);
      bySession.set(item.auth.sessionId, list);
    }
    for (const [sessionId, items] of bySession) {
      let current: Authenticated | null;
      try {
        current = await this.sessions.check(sessionId);
      } catch (error) {
        this.log(`session check failed: ${String(error)}`);
        continue;
      }
      for (const item of items) {
        if (!this.watched.has(item)) continue;
        const ending: [number, string] | null = !current
          ? [CLOSE_CODES.SESSION_ENDED, 'session ended']
          : current.user.role !== item.auth.user.role || current.user.ministry !== item.auth.user.ministry
            ? [CLOSE_CODES.PERMISSIONS_CHANGED, 'permissions changed']
            : null;
        if (!ending) continue;
        this.watched.delete(item);
        try {
          item.end(ending[0], ending[1]);
        } catch (error) {
          this.log(`ending a socket or stream of ${item.auth.user.username} failed: ${String(error)}`);
        }
      }
    }
  }
}
