/** Rows of the accounts aggregate (`users`, `sessions`), as both stores read them. */
import { z } from 'zod';
import { MinistryCodeSchema } from '../../../shared/ministries.js';
import { RoleSchema } from '../../../shared/permissions.js';
import type { SessionRecord, UserRecord } from '../types.js';
import { Flag } from './columns.js';

const UserRowSchema = z.object({
  username: z.string(),
  name: z.string(),
  ministry: z.nullable(MinistryCodeSchema),
  role: RoleSchema,
  password_hash: z.string(),
  disabled: Flag,
  demo: Flag,
  email: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
});

/** A `users` row. */
export function toUser(row: unknown): UserRecord {
  const r = UserRowSchema.parse(row);
  return {
    username: r.username,
    name: r.name,
    ministry: r.ministry,
    role: r.role,
    passwordHash: r.password_hash,
    disabled: r.disabled,
    demo: r.demo,
    email: r.email,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

const SessionColumnsSchema = z.object({ session_id: z.string(), session_created_at: z.string(), session_expires_at: z.string() });

/** A session joined with its user: the session's columns as `session_id`, `session_created_at`, `session_expires_at`, then `u.*`. */
export function toSessionOfUser(row: unknown): { session: SessionRecord; user: UserRecord } {
  const s = SessionColumnsSchema.parse(row);
  const user = toUser(row);
  return {
    session: { id: s.session_id, username: user.username, createdAt: s.session_created_at, expiresAt: s.session_expires_at },
    user,
  };
}
