import { hashPassword } from '../../server/auth/passwords.js';
import { SqliteStore } from '../../server/store/sqliteStore.js';
import type { MinistryCode } from '../../shared/ministries.js';
import { NOTIFICATION_EVENT_NAME, NotificationEventSchema, NotificationListSchema, type NotificationEvent, type NotificationList } from '../../shared/notifications.js';
import type { Role } from '../../shared/permissions.js';
import { TEST_PASSWORD_COST, type TestServer } from './server.js';
import { openStream, type EventStream } from './events.js';
import { api, TEST_PASSWORD, type Target } from './session.js';

/** Adds accounts to a running server's database, as the account CLI would (the server reads them at once). */
export async function addPeople(
  server: TestServer,
  people: { username: string; name: string; role?: Role; ministry?: MinistryCode | null; email?: string | null }[],
): Promise<void> {
  const store = new SqliteStore(server.dataDir);
  try {
    const passwordHash = await hashPassword(TEST_PASSWORD, TEST_PASSWORD_COST);
    await store.createUsers(
      people.map((p) => ({ username: p.username, name: p.name, role: p.role ?? 'editor', ministry: p.ministry ?? null, passwordHash, demo: false, email: p.email ?? null })),
      new Date().toISOString(),
    );
  } finally {
    store.close();
  }
}

/** `GET /api/notifications`, validated. */
export async function notificationsOf(target: Target): Promise<NotificationList> {
  const response = await api(target, '/api/notifications');
  if (!response.ok) throw new Error(`notifications: HTTP ${response.status}`);
  return NotificationListSchema.parse(await response.json());
}

export type NotificationStream = EventStream<NotificationEvent>;

/** Reads `GET /api/notifications/events` as a browser's EventSource would. */
export function openNotificationStream(target: Target): Promise<NotificationStream> {
  return openStream(target, '/api/notifications/events', NOTIFICATION_EVENT_NAME, NotificationEventSchema);
}
