import { osloDate, osloHour } from '../../shared/osloTime.js';
import type { NotificationStore } from '../store/types.js';
import type { MailDelivery } from './MailDelivery.js';

/** The hour (Oslo time) of the daily digest unless MAIL_DIGEST_HOUR says otherwise. */
export const DEFAULT_DIGEST_HOUR = 7;

/**
 * Sends the daily digest once per Oslo date, at `hour` or at the first check after it (a server
 * that was down at that hour sends it when it is back the same day). Reads every interval; logs
 * what fails and goes on.
 */
export class DailyDigest {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: Pick<NotificationStore, 'digestRan'>,
    private readonly mail: MailDelivery,
    private readonly hour: number,
    private readonly intervalMs: number,
    private readonly clock: () => Date,
    private readonly log: (message: string) => void,
  ) {}

  start(): void {
    const tick = (): void => {
      this.running = this.running.then(() => this.check().catch((error: unknown) => this.log(`daily digest check failed: ${String(error)}`)));
    };
    tick();
    this.timer = setInterval(tick, this.intervalMs);
    this.timer.unref();
  }

  private async check(): Promise<void> {
    const at = this.clock();
    if (osloHour(at) < this.hour) return;
    const date = osloDate(at);
    if (await this.store.digestRan(date)) return;
    await this.mail.digest(date, at);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}
