import { DEFAULT_EMAIL_DELIVERY } from '../../shared/notificationSettings.js';
import type { Commands } from '../commands/command.js';
import { claimDigest, recordMailOutcome } from '../commands/notifications.js';
import type { MailOutcome, NotificationRecord, Store } from '../store/types.js';
import type { Mailer, OutgoingMail } from './mailer.js';
import { digestMail, immediateMail } from './mailText.js';

/** A notification is e-mailed at most this many times: once, and once more in the next digest. */
export const MAX_MAIL_ATTEMPTS = 2;

/**
 * E-mails notifications: each at once to those who want it so, and the daily digest (every
 * pending notification of an account in one mail). One job at a time, so that a digest and an
 * immediate mail never send the same notification twice. A failed send is logged and counted:
 * the notification stays in the app, and is tried once more in the next digest.
 */
export class MailDelivery {
  private work: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly store: Store,
    private readonly commands: Commands,
    private readonly mailer: Mailer,
    /** The app's origin for links (PUBLIC_URL's, else the server's own), known once it listens. */
    private readonly origin: () => string,
    private readonly log: (message: string) => void,
  ) {}

  /** Mails those of `records` whose person wants each notification at once (queued behind any mail job). */
  sendImmediately(records: readonly NotificationRecord[]): void {
    const ids = records.filter((r) => r.mail === 'pending').map((r) => r.id);
    if (ids.length === 0) return;
    void this.enqueue('immediate e-mail', async () => {
      // Read again: a digest that ran in between may have sent them already.
      for (const [username, pending] of byAccount(await this.store.pendingMail(ids))) {
        const recipient = await this.recipient(username);
        // A daily reader's notification waits for the digest, which also skips what nobody can receive.
        if (recipient?.delivery !== 'immediate') continue;
        for (const record of pending) await this.deliver(username, [record], { to: recipient.address, ...immediateMail(record, recipient.name, this.origin()) });
      }
    });
  }

  /** Sends the digest of an Oslo date, unless it went out already (also from another run of the server). */
  digest(osloDate: string, at: Date): Promise<void> {
    return this.enqueue(`daily digest of ${osloDate}`, async () => {
      if (!(await this.commands.run(claimDigest(osloDate, at)))) return;
      for (const [username, pending] of byAccount(await this.store.pendingMail())) {
        const recipient = await this.recipient(username);
        if (!recipient || recipient.delivery === 'off') {
          await this.commands.run(recordMailOutcome(pending.map((r) => r.id), 'skipped', MAX_MAIL_ATTEMPTS));
          continue;
        }
        await this.deliver(username, pending, { to: recipient.address, ...digestMail(pending, recipient.name, this.origin(), recipient.delivery) });
      }
    });
  }

  /** Stops sending: what is still pending stays so, for the next run's digest. */
  async close(): Promise<void> {
    this.closed = true;
    this.mailer.close();
    await this.work;
  }

  /** Where an account's notifications go, or null when they cannot (no address, disabled, gone). */
  private async recipient(username: string): Promise<{ name: string; address: string; delivery: 'immediate' | 'daily' | 'off' } | null> {
    const account = await this.store.getUser(username);
    if (!account || account.disabled || account.email === null) return null;
    const delivery = (await this.store.getEmailDelivery(username)) ?? DEFAULT_EMAIL_DELIVERY;
    return { name: account.name, address: account.email, delivery };
  }

  private async deliver(username: string, records: readonly NotificationRecord[], mail: OutgoingMail): Promise<void> {
    if (this.closed) return;
    let outcome: MailOutcome = 'sent';
    try {
      await this.mailer.send(mail);
    } catch (error) {
      outcome = 'attemptFailed';
      this.log(
        `e-mail to ${username} (${records.length} notification${records.length === 1 ? '' : 's'}) failed: ${String(error)}; ` +
          `each is tried in the next digest until it has failed ${MAX_MAIL_ATTEMPTS} times, and stays in the app`,
      );
    }
    await this.commands.run(recordMailOutcome(records.map((r) => r.id), outcome, MAX_MAIL_ATTEMPTS));
  }

  /** Runs mail jobs one at a time; a job that fails is logged, and the next runs. */
  private enqueue(what: string, job: () => Promise<void>): Promise<void> {
    this.work = this.work
      .then(() => (this.closed ? undefined : job()))
      .catch((error: unknown) => this.log(`${what} failed: ${String(error)}`));
    return this.work;
  }
}

function byAccount(records: readonly NotificationRecord[]): Map<string, NotificationRecord[]> {
  const map = new Map<string, NotificationRecord[]>();
  for (const record of records) map.set(record.username, [...(map.get(record.username) ?? []), record]);
  return map;
}
