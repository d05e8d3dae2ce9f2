import type { RoundEvent } from '../../shared/api.js';
import type { Command, Commands } from '../commands/command.js';
import { notify } from '../commands/notifications.js';
import type { NotificationRecord } from '../store/types.js';
import { draftsOf } from './drafts.js';

/**
 * Turns the round's events into notifications once what caused them has committed (it listens
 * on the round event hub), one at a time in the order they happened, each in a transaction of
 * its own; what it stored goes on to `delivered` (the immediate e-mail). A failure is logged:
 * the change that caused it stands, and no listener or timer ends the process.
 */
export class Notifier {
  private work: Promise<void> = Promise.resolve();

  constructor(
    private readonly commands: Commands,
    private readonly mailEnabled: boolean,
    private readonly delivered: (records: readonly NotificationRecord[]) => void,
    private readonly log: (message: string) => void,
  ) {}

  /** The hub's listener: it returns at once and never throws into the command that published. */
  readonly onEvent = (event: RoundEvent): void => {
    try {
      const drafts = draftsOf(event);
      if (drafts.length > 0) void this.run(notify(drafts, this.mailEnabled), `notifying about a ${event.type} event of ${event.roundId}`);
    } catch (error) {
      this.log(`reading a ${event.type} event of ${event.roundId} for notifications failed: ${String(error)}`);
    }
  };

  /** Runs a command that stores notifications, after those queued before it; resolves once it is done (or has failed and been logged). */
  run(command: Command<NotificationRecord[]>, what: string): Promise<void> {
    this.work = this.work
      .then(() => this.commands.run(command))
      .then((records) => this.delivered(records))
      .catch((error: unknown) => this.log(`${what} failed: ${String(error)}`));
    return this.work;
  }

  /** Resolves once everything queued so far is stored. */
  idle(): Promise<void> {
    return this.work;
  }
}
