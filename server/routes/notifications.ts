import { Hono } from 'hono';
import { NOTIFICATION_EVENT_NAME, type NotificationEvent, type NotificationList } from '../../shared/notifications.js';
import { MarkReadRequestSchema } from '../../shared/markRead.js';
import { DEFAULT_EMAIL_DELIVERY, NotificationSettingsRequestSchema, type NotificationSettings } from '../../shared/notificationSettings.js';
import { authOf, type AppEnv } from '../auth/http.js';
import { markNotificationsRead, setEmailDelivery } from '../commands/notifications.js';
import type { ServerContext } from '../context.js';
import { jsonBodyLimit, readJson } from '../http/body.js';
import { notificationList } from '../notifications/views.js';
import { eventFrames, liveStream, SessionStreams } from './events.js';

const notificationFrames = eventFrames<NotificationEvent>(NOTIFICATION_EVENT_NAME);

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

  // The notification streams of each session, bounded as a round's are (events.ts).
  const sessions = new SessionStreams();

  return new Hono<AppEnv>()
    .get('/api/notifications', async (c) => c.json(await list(authOf(c).user.username)))
    .post('/api/notifications/read', jsonBodyLimit, async (c) => {
      const { ids } = await readJson(c, MarkReadRequestSchema);
      return c.json(await ctx.commands.run(markNotificationsRead(authOf(c).user, ids ?? null)));
    })
    // Like the round's stream: subscribed before the snapshot is read, so that nothing falls between.
    .get('/api/notifications/events', (c) => {
      const auth = authOf(c);
      return liveStream<NotificationEvent>(c, {
        auth,
        watch: ctx.watch,
        sessions,
        frames: notificationFrames,
        subscribe: (subscriber) => ctx.notificationHub.subscribe(auth.user.username, subscriber),
        snapshot: async () => ({ type: 'snapshot', ...(await list(auth.user.username)) }),
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
