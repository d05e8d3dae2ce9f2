/** Rows of the identities aggregate (`identities`), as both stores read them. */
import { z } from 'zod';
import type { IdentityRecord } from '../types.js';

const IdentityRowSchema = z.object({
  username: z.string(),
  issuer: z.string().nullable(),
  subject: z.string().nullable(),
  email: z.string().nullable(),
  origin: z.enum(['cli', 'claims']),
  created_at: z.string(),
  linked_at: z.string().nullable(),
});

/** An `identities` row: a subject only when both its issuer and subject are stored. */
export function toIdentity(row: unknown): IdentityRecord {
  const r = IdentityRowSchema.parse(row);
  const subject = r.issuer !== null && r.subject !== null ? { issuer: r.issuer, subject: r.subject } : null;
  return { username: r.username, subject, email: r.email, origin: r.origin, createdAt: r.created_at, linkedAt: r.linked_at };
}
