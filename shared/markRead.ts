import * as z from 'zod/mini';
import { MAX_NOTIFICATIONS_PER_ACCOUNT } from './notifications.js';

// The body of marking notifications read, which the server reads (the client only sends it). A
// file of its own: its `.check()` calls are kept wherever the module goes, as the bundler cannot
// tell that they do nothing else.

/** `POST /api/notifications/read`: `{"ids": [...]}` or `{"all": true}`. */
export const MarkReadRequestSchema = z
  .strictObject({
    ids: z.optional(
      z.array(z.string().check(z.minLength(1), z.maxLength(64))).check(z.minLength(1), z.maxLength(MAX_NOTIFICATIONS_PER_ACCOUNT)),
    ),
    all: z.optional(z.literal(true)),
  })
  .check(z.refine((request) => (request.ids === undefined) !== (request.all === undefined), { message: 'give either ids or all: true' }));
export type MarkReadRequest = z.infer<typeof MarkReadRequestSchema>;
