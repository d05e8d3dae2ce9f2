import { dueReminder, remindDeadlines } from '../commands/notifications.js';
import type { RoundStore, NotificationStore } from '../store/types.js';
import type { Notifier } from './Notifier.js';

/** How often the notification timers (deadline reminders, the daily digest) look at the clock. */
export const NOTIFICATION_CHECK_INTERVAL_MS = 60_000;

/**
 * Reminds ministries of measures they have not marked ready as an open round's deadline comes
 * near (DEADLINE_REMINDER_HOURS before it, once each): a read every interval, the reminding
 * transaction only when one is due. Like the deadline watch, it logs what fails and goes on.
 */
export class DeadlineReminders {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: Pick<RoundStore, 'listRounds'> & Pick<NotificationStore, 'hasDeadlineReminder'>,
    private readonly notifier: Notifier,
    private readonly mailEnabled: boolean,
    private readonly intervalMs: number,
    private readonly clock: () => Date,
    private readonly log: (message: string) => void,
  ) {}

  start(): void {
    const tick = (): void => {
      this.running = this.running.then(() => this.check().catch((error: unknown) => this.log(`deadline reminder check failed: ${String(error)}`)));
    };
    tick();
    this.timer = setInterval(tick, this.intervalMs);
    this.timer.unref();
  }

  private async check(): Promise<void> {
    const at = this.clock();
    for (const round of await this.store.listRounds()) {
      const due = round.state === 'open' ? dueReminder(round.deadline, at) : null;
      if (due && !(await this.store.hasDeadlineReminder(round.id, round.deadline, due.hoursBefore))) {
        // One command reminds of every round due at once.
        await this.notifier.run(remindDeadlines(at, this.mailEnabled), 'deadline reminders');
        return;
      }
    }
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}
