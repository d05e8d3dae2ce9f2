import { NotificationSettingsSchema, type EmailDelivery } from '../../../shared/notificationSettings.js';
import { jsonBody, request } from '../api.js';

// The notifications page's e-mail settings (the page loads separately).

/** How the person wants notifications by e-mail, with their address and whether the server mails at all. */
export const fetchNotificationSettings = (signal?: AbortSignal) =>
  request('/api/me/notification-settings', NotificationSettingsSchema, { cache: 'no-store', signal });

export const saveNotificationSettings = (email: EmailDelivery) =>
  request('/api/me/notification-settings', NotificationSettingsSchema, { method: 'PUT', ...jsonBody({ email }) });
