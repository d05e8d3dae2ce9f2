/** Rows of the notifications aggregate (`notifications`), as both stores read them. */
import { z } from 'zod';
import { NotificationPayloadSchema } from '../../../shared/notifications.js';
import type { NotificationRecord } from '../types.js';

const NotificationRowSchema = z.object({
  id: z.string(),
  username: z.string(),
  payload: z.string().transform((json) => NotificationPayloadSchema.parse(JSON.parse(json))),
  created_at: z.string(),
  read_at: z.string().nullable(),
  mail: z.enum(['pending', 'sent', 'skipped', 'failed']),
  mail_attempts: z.number(),
});

/** A `notifications` row (its payload stored as JSON text). */
export function toNotification(row: unknown): NotificationRecord {
  const r = NotificationRowSchema.parse(row);
  return {
    id: r.id,
    username: r.username,
    payload: r.payload,
    createdAt: r.created_at,
    readAt: r.read_at,
    mail: r.mail,
    mailAttempts: r.mail_attempts,
  };
}
