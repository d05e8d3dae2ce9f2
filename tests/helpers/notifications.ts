import { hashPassword } from '../../server/auth/passwords.js';
import { SqliteStore } from '../../server/store/sqliteStore.js';
import type { MinistryCode } from '../../shared/ministries.js';
import { NOTIFICATION_EVENT_NAME, NotificationEventSchema, NotificationListSchema, type NotificationEvent, type NotificationList } from '../../shared/notifications.js';
import type { Role } from '../../shared/permissions.js';
import { TEST_PASSWORD_COST, type TestServer } from './server.js';
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

export interface NotificationStream {
  /** Every event received so far, validated against the shared schema. */
  events: NotificationEvent[];
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): void;
}

/** Reads `GET /api/notifications/events` as a browser's EventSource would. */
export async function openNotificationStream(target: Target): Promise<NotificationStream> {
  const abort = new AbortController();
  const response = await api(target, '/api/notifications/events', { signal: abort.signal });
  if (!response.ok || !response.body) throw new Error(`notification stream: HTTP ${response.status}`);
  const events: NotificationEvent[] = [];
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  const ended = (async () => {
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const lines = buffer.slice(0, end).split('\n');
          buffer = buffer.slice(end + 2);
          const name = lines.find((l) => l.startsWith('event:'))?.slice(6).trim();
          const data = lines.filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trimStart()).join('\n');
          if (name === NOTIFICATION_EVENT_NAME) events.push(NotificationEventSchema.parse(JSON.parse(data)));
        }
      }
    } catch {
      // aborted by close()
    }
  })();
  return { events, ended, close: () => abort.abort() };
}
