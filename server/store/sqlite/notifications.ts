import type Database from 'better-sqlite3';
import { EmailDeliverySchema, type EmailDelivery } from '../../../shared/notificationSettings.js';
import type { MailOutcome, NewNotification, NotificationRecord } from '../types.js';
import { toNotification } from '../rows/notifications.js';

/** Ids travel as one JSON array parameter (`json_each`), so that a statement is prepared once for any number. */
const json = (ids: readonly string[]): string => JSON.stringify(ids);

/**
 * Notifications of each account and what the notification jobs remember (`notifications`,
 * `notification_settings`, `deadline_reminders`, `mail_digests`).
 */
export class SqliteNotifications {
  private readonly insertNotification;
  private readonly trimUser;
  private readonly selectOfUser;
  private readonly countUnreadOf;
  private readonly markIdsRead;
  private readonly markAllRead;
  private readonly selectDelivery;
  private readonly upsertDelivery;
  private readonly selectPending;
  private readonly selectPendingIds;
  private readonly markMail;
  private readonly countAttempt;
  private readonly insertReminder;
  private readonly selectReminder;
  private readonly insertDigest;
  private readonly selectDigest;
  private readonly addTransaction;

  constructor(db: Database.Database) {
    this.insertNotification = db.prepare<[string, string, string, string, string, string]>(
      `INSERT INTO notifications (id, username, kind, payload, created_at, read_at, mail, mail_attempts)
       VALUES (?, ?, ?, ?, ?, NULL, ?, 0)`,
    );
    this.trimUser = db.prepare<[string, string, number]>(
      `DELETE FROM notifications WHERE username = ? AND id NOT IN
         (SELECT id FROM notifications WHERE username = ? ORDER BY created_at DESC, rowid DESC LIMIT ?)`,
    );
    this.selectOfUser = db.prepare<[string]>('SELECT * FROM notifications WHERE username = ? ORDER BY created_at DESC, rowid DESC');
    this.countUnreadOf = db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM notifications WHERE username = ? AND read_at IS NULL');
    this.markIdsRead = db.prepare<[string, string, string], { id: string }>(
      `UPDATE notifications SET read_at = ? WHERE username = ? AND read_at IS NULL AND id IN (SELECT value FROM json_each(?))
       RETURNING id`,
    );
    this.markAllRead = db.prepare<[string, string], { id: string }>(
      'UPDATE notifications SET read_at = ? WHERE username = ? AND read_at IS NULL RETURNING id',
    );
    this.selectDelivery = db.prepare<[string], { email: string }>('SELECT email FROM notification_settings WHERE username = ?');
    this.upsertDelivery = db.prepare<[string, string, string]>(
      `INSERT INTO notification_settings (username, email, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (username) DO UPDATE SET email = excluded.email, updated_at = excluded.updated_at`,
    );
    this.selectPending = db.prepare<[]>("SELECT * FROM notifications WHERE mail = 'pending' ORDER BY created_at, rowid");
    this.selectPendingIds = db.prepare<[string]>(
      "SELECT * FROM notifications WHERE mail = 'pending' AND id IN (SELECT value FROM json_each(?)) ORDER BY created_at, rowid",
    );
    this.markMail = db.prepare<[string, string]>(
      "UPDATE notifications SET mail = ? WHERE mail = 'pending' AND id IN (SELECT value FROM json_each(?))",
    );
    this.countAttempt = db.prepare<[number, string]>(
      `UPDATE notifications SET mail_attempts = mail_attempts + 1,
         mail = CASE WHEN mail_attempts + 1 >= ? THEN 'failed' ELSE 'pending' END
       WHERE mail = 'pending' AND id IN (SELECT value FROM json_each(?))`,
    );
    this.insertReminder = db.prepare<[string, string, number, string]>(
      'INSERT OR IGNORE INTO deadline_reminders (round_id, deadline, hours_before, sent_at) VALUES (?, ?, ?, ?)',
    );
    this.selectReminder = db.prepare<[string, string, number], { n: number }>(
      'SELECT COUNT(*) AS n FROM deadline_reminders WHERE round_id = ? AND deadline = ? AND hours_before = ?',
    );
    this.insertDigest = db.prepare<[string, string]>('INSERT OR IGNORE INTO mail_digests (oslo_date, ran_at) VALUES (?, ?)');
    this.selectDigest = db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM mail_digests WHERE oslo_date = ?');

    this.addTransaction = db.transaction((records: readonly NewNotification[], keep: number) => {
      for (const r of records) {
        this.insertNotification.run(r.id, r.username, r.payload.kind, JSON.stringify(r.payload), r.createdAt, r.mail);
      }
      for (const username of new Set(records.map((r) => r.username))) this.trimUser.run(username, username, keep);
    });
  }

  addNotifications(records: readonly NewNotification[], keep: number): void {
    this.addTransaction.immediate(records, keep);
  }

  listNotifications(username: string): NotificationRecord[] {
    return this.selectOfUser.all(username).map(toNotification);
  }

  countUnread(username: string): number {
    return this.countUnreadOf.get(username)?.n ?? 0;
  }

  markRead(username: string, ids: readonly string[] | null, at: string): string[] {
    const rows = ids === null ? this.markAllRead.all(at, username) : this.markIdsRead.all(at, username, json(ids));
    return rows.map((row) => row.id);
  }

  getEmailDelivery(username: string): EmailDelivery | null {
    const row = this.selectDelivery.get(username);
    return row === undefined ? null : EmailDeliverySchema.parse(row.email);
  }

  setEmailDelivery(username: string, delivery: EmailDelivery, at: string): void {
    this.upsertDelivery.run(username, delivery, at);
  }

  pendingMail(ids?: readonly string[]): NotificationRecord[] {
    return (ids === undefined ? this.selectPending.all() : this.selectPendingIds.all(json(ids))).map(toNotification);
  }

  recordMail(ids: readonly string[], outcome: MailOutcome, maxAttempts: number): void {
    if (outcome === 'attemptFailed') this.countAttempt.run(maxAttempts, json(ids));
    else this.markMail.run(outcome, json(ids));
  }

  recordDeadlineReminder(roundId: string, deadline: string, hoursBefore: number, at: string): boolean {
    return this.insertReminder.run(roundId, deadline, hoursBefore, at).changes > 0;
  }

  hasDeadlineReminder(roundId: string, deadline: string, hoursBefore: number): boolean {
    return (this.selectReminder.get(roundId, deadline, hoursBefore)?.n ?? 0) > 0;
  }

  recordDigest(osloDate: string, at: string): boolean {
    return this.insertDigest.run(osloDate, at).changes > 0;
  }

  digestRan(osloDate: string): boolean {
    return (this.selectDigest.get(osloDate)?.n ?? 0) > 0;
  }
}
