import type { AuditStore } from '../store/types.js';

const DAY_MS = 24 * 60 * 60_000;

/**
 * The audit log's retention: with a number of days configured (AUDIT_RETENTION_DAYS), rows older
 * than that are removed once a day (and at start); without one, everything is kept. Runs from a
 * timer: what fails is logged, and it tries again the next day.
 */
export class AuditRetention {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly store: AuditStore,
    private readonly days: number | null,
    private readonly log: (message: string) => void,
    private readonly now: () => Date = () => new Date(),
  ) {}

  start(): void {
    if (this.days === null) return;
    void this.prune();
    this.timer = setInterval(() => void this.prune(), DAY_MS);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  async prune(): Promise<number> {
    if (this.days === null) return 0;
    try {
      const removed = await this.store.pruneAudit(new Date(this.now().getTime() - this.days * DAY_MS).toISOString());
      if (removed > 0) this.log(`audit retention: removed ${removed} rows older than ${this.days} days`);
      return removed;
    } catch (error) {
      this.log(`audit retention failed: ${String(error)}`);
      return 0;
    }
  }
}
