import type { Migration } from '../migrate.js';

/**
 * Notifications (README, *HTTP API*, **Notifications** and **E-mail**): each account's
 * notifications with whether they are read and e-mailed, how each account wants e-mail, its
 * address, and which deadline reminders and daily digests have gone out (so that neither goes
 * twice, also across a restart).
 */
export const notifications: Migration = {
  version: 3,
  name: '003_notifications',
  up(db) {
    db.exec(`
ALTER TABLE users ADD COLUMN email TEXT;
CREATE TABLE notifications (
  id TEXT PRIMARY KEY,
  username TEXT NOT NULL REFERENCES users(username),
  kind TEXT NOT NULL,
  payload TEXT NOT NULL,
  created_at TEXT NOT NULL,
  read_at TEXT,
  mail TEXT NOT NULL CHECK (mail IN ('pending', 'sent', 'skipped', 'failed')),
  mail_attempts INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX notifications_by_user ON notifications (username, created_at);
CREATE INDEX notifications_pending_mail ON notifications (created_at) WHERE mail = 'pending';
CREATE TABLE notification_settings (
  username TEXT PRIMARY KEY REFERENCES users(username),
  email TEXT NOT NULL CHECK (email IN ('immediate', 'daily', 'off')),
  updated_at TEXT NOT NULL
);
CREATE TABLE deadline_reminders (
  round_id TEXT NOT NULL REFERENCES rounds(id),
  deadline TEXT NOT NULL,
  hours_before INTEGER NOT NULL,
  sent_at TEXT NOT NULL,
  PRIMARY KEY (round_id, deadline, hours_before)
);
CREATE TABLE mail_digests (
  oslo_date TEXT PRIMARY KEY,
  ran_at TEXT NOT NULL
);
`);
  },
};
