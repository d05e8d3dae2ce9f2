import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { NOTIFICATION_EVENT_NAME, type NotificationEvent, type NotificationList } from '../../shared/notifications.js';
import { MarkReadRequestSchema } from '../../shared/markRead.js';
import { DEFAULT_EMAIL_DELIVERY, NotificationSettingsRequestSchema, type NotificationSettings } from '../../shared/notificationSettings.js';
import { authOf, type AppEnv } from '../auth/http.js';
import { markNotificationsRead, setEmailDelivery } from '../commands/notifications.js';
import type { ServerContext } from '../context.js';
import { jsonBodyLimit, readJson } from '../http/body.js';
import { notificationList } from '../notifications/views.js';
import { EVENT_KEEPALIVE_MS, EVENT_RETRY_MS } from './events.js';

/**
 * The signed-in person's notifications (only ever their own): the list, marking read, the live
 * stream, and how they want them by e-mail.
 */
export function notificationRoutes(ctx: ServerContext): Hono<AppEnv> {
  const list = (username: string): Promise<NotificationList> => notificationList(ctx.store, username);
  const settings = async (username: string): Promise<NotificationSettings> => {
    const account = await ctx.store.getUser(username);
    return {
      email: (await ctx.store.getEmailDelivery(username)) ?? DEFAULT_EMAIL_DELIVERY,
      address: account?.email ?? null,
      mailEnabled: ctx.mail.enabled,
      digestHour: ctx.mail.digestHour,
    };
  };

  return new Hono<AppEnv>()
    .get('/api/notifications', async (c) => c.json(await list(authOf(c).user.username)))
    .post('/api/notifications/read', jsonBodyLimit, async (c) => {
      const { ids } = await readJson(c, MarkReadRequestSchema);
      return c.json(await ctx.commands.run(markNotificationsRead(authOf(c).user, ids ?? null)));
    })
    // Like the round's stream: subscribed before the snapshot is read, so that nothing falls between.
    .get('/api/notifications/events', (c) => {
      const auth = authOf(c);
      return streamSSE(c, async (stream) => {
        let finish = (): void => {};
        const finished = new Promise<void>((resolve) => (finish = resolve));
        const send = (event: NotificationEvent): void => {
          stream.writeSSE({ event: NOTIFICATION_EVENT_NAME, data: JSON.stringify(event), retry: EVENT_RETRY_MS }).catch(finish);
        };
        const unsubscribe = ctx.notificationHub.subscribe(auth.user.username, { onEvent: send, onClose: finish });
        stream.onAbort(finish);
        // The stream ends with its session (sign-out, expiry, a disabled account or changed rights).
        const unwatch = ctx.watch.add({ auth, end: finish });
        const keepalive = setInterval(() => void stream.write(': keepalive\n\n').catch(finish), EVENT_KEEPALIVE_MS);
        try {
          send({ type: 'snapshot', ...(await list(auth.user.username)) });
          await finished;
        } finally {
          clearInterval(keepalive);
          unwatch();
          unsubscribe();
        }
      });
    })
    .get('/api/me/notification-settings', async (c) => c.json(await settings(authOf(c).user.username)))
    .put('/api/me/notification-settings', jsonBodyLimit, async (c) => {
      const { email } = await readJson(c, NotificationSettingsRequestSchema);
      const user = authOf(c).user;
      await ctx.commands.run(setEmailDelivery(user, email));
      return c.json(await settings(user.username));
    });
}
