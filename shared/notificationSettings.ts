import * as z from 'zod/mini';

// How a person is told by e-mail: what the Varsler page and the server read, apart from
// notifications.ts, which the overview reads.

/** An account's e-mail address for notifications (set by the operator with the account CLI). */
export const EmailAddressSchema = z.email().check(z.maxLength(254));

/** How a person wants notifications by e-mail: each at once, one digest a day, or none. */
export const EMAIL_DELIVERIES = ['immediate', 'daily', 'off'] as const;
export const EmailDeliverySchema = z.enum(EMAIL_DELIVERIES);
export type EmailDelivery = z.infer<typeof EmailDeliverySchema>;
export const DEFAULT_EMAIL_DELIVERY: EmailDelivery = 'immediate';

/** `PUT /api/me/notification-settings` body. */
export const NotificationSettingsRequestSchema = z.strictObject({ email: EmailDeliverySchema });
export type NotificationSettingsRequest = z.infer<typeof NotificationSettingsRequestSchema>;

/** `GET` and `PUT /api/me/notification-settings` answer. */
export const NotificationSettingsSchema = z.object({
  email: EmailDeliverySchema,
  /** The account's e-mail address (set by the operator with the account CLI); null when it has none. */
  address: z.nullable(z.string()),
  /** Whether this server sends e-mail at all (SMTP_URL is set). */
  mailEnabled: z.boolean(),
  /** The hour (Oslo time, 0–23) the daily digest goes out. */
  digestHour: z.int().check(z.gte(0), z.lte(23)),
});
export type NotificationSettings = z.infer<typeof NotificationSettingsSchema>;
