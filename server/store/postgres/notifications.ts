import { EmailDeliverySchema, type EmailDelivery } from '../../../shared/notificationSettings.js';
import type { MailOutcome, NewNotification, NotificationRecord } from '../types.js';
import { toNotification } from '../rows/notifications.js';
import type { Db } from './connection.js';

/** OID of text: ids travel as one text[] parameter, so that a statement is prepared once for any number. */
const TEXT = 25;

/**
 * Notifications of each account and what the notification jobs remember (`notifications`,
 * `notification_settings`, `deadline_reminders`, `mail_digests`). `addNotifications` must run
 * inside a transaction.
 */
export const notifications = {
  async addNotifications(db: Db, records: readonly NewNotification[], keep: number): Promise<void> {
    for (const r of records) {
      await db`
        INSERT INTO notifications (id, username, kind, payload, created_at, read_at, mail, mail_attempts)
        VALUES (${r.id}, ${r.username}, ${r.payload.kind}, ${JSON.stringify(r.payload)}, ${r.createdAt}, NULL, ${r.mail}, 0)`;
    }
    for (const username of new Set(records.map((r) => r.username))) {
      await db`
        DELETE FROM notifications WHERE username = ${username} AND id NOT IN
          (SELECT id FROM notifications WHERE username = ${username} ORDER BY created_at DESC, seq DESC LIMIT ${keep})`;
    }
  },

  async listNotifications(db: Db, username: string): Promise<NotificationRecord[]> {
    return (await db`SELECT * FROM notifications WHERE username = ${username} ORDER BY created_at DESC, seq DESC`).map(toNotification);
  },

  async countUnread(db: Db, username: string): Promise<number> {
    const [row] = await db<{ n: number }[]>`SELECT COUNT(*) AS n FROM notifications WHERE username = ${username} AND read_at IS NULL`;
    return row?.n ?? 0;
  },

  async markRead(db: Db, username: string, ids: readonly string[] | null, at: string): Promise<string[]> {
    const which = ids === null ? db`` : db`AND id = ANY(${db.array([...ids], TEXT)}::text[])`;
    const rows = await db<{ id: string }[]>`UPDATE notifications SET read_at = ${at} WHERE username = ${username} AND read_at IS NULL ${which} RETURNING id`;
    return rows.map((row) => row.id);
  },

  async getEmailDelivery(db: Db, username: string): Promise<EmailDelivery | null> {
    const [row] = await db<{ email: string }[]>`SELECT email FROM notification_settings WHERE username = ${username}`;
    return row === undefined ? null : EmailDeliverySchema.parse(row.email);
  },

  async setEmailDelivery(db: Db, username: string, delivery: EmailDelivery, at: string): Promise<void> {
    await db`
      INSERT INTO notification_settings (username, email, updated_at) VALUES (${username}, ${delivery}, ${at})
      ON CONFLICT (username) DO UPDATE SET email = excluded.email, updated_at = excluded.updated_at`;
  },

  async pendingMail(db: Db, ids?: readonly string[]): Promise<NotificationRecord[]> {
    const which = ids === undefined ? db`` : db`AND id = ANY(${db.array([...ids], TEXT)}::text[])`;
    return (await db`SELECT * FROM notifications WHERE mail = 'pending' ${which} ORDER BY created_at, seq`).map(toNotification);
  },

  async recordMail(db: Db, ids: readonly string[], outcome: MailOutcome, maxAttempts: number): Promise<void> {
    const which = db.array([...ids], TEXT);
    if (outcome === 'attemptFailed') {
      await db`
        UPDATE notifications SET mail_attempts = mail_attempts + 1,
          mail = CASE WHEN mail_attempts + 1 >= ${maxAttempts} THEN 'failed' ELSE 'pending' END
        WHERE mail = 'pending' AND id = ANY(${which}::text[])`;
    } else {
      await db`UPDATE notifications SET mail = ${outcome} WHERE mail = 'pending' AND id = ANY(${which}::text[])`;
    }
  },

  async recordDeadlineReminder(db: Db, roundId: string, deadline: string, hoursBefore: number, at: string): Promise<boolean> {
    const result = await db`
      INSERT INTO deadline_reminders (round_id, deadline, hours_before, sent_at) VALUES (${roundId}, ${deadline}, ${hoursBefore}, ${at})
      ON CONFLICT DO NOTHING`;
    return result.count > 0;
  },

  async hasDeadlineReminder(db: Db, roundId: string, deadline: string, hoursBefore: number): Promise<boolean> {
    const [row] = await db`SELECT 1 FROM deadline_reminders WHERE round_id = ${roundId} AND deadline = ${deadline} AND hours_before = ${hoursBefore}`;
    return row !== undefined;
  },

  async recordDigest(db: Db, osloDate: string, at: string): Promise<boolean> {
    return (await db`INSERT INTO mail_digests (oslo_date, ran_at) VALUES (${osloDate}, ${at}) ON CONFLICT DO NOTHING`).count > 0;
  },

  async digestRan(db: Db, osloDate: string): Promise<boolean> {
    const [row] = await db`SELECT 1 FROM mail_digests WHERE oslo_date = ${osloDate}`;
    return row !== undefined;
  },
};
