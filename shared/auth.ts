import * as z from 'zod/mini';
import { MinistryCodeSchema } from './ministries.js';
import { RoleSchema, type Actor } from './permissions.js';

/** Account names: lower case, as the demo accounts (`koordinator`, `jd`, ...). */
export const UsernameSchema = z
  .string()
  .check(z.regex(/^[a-z][a-z0-9._-]{1,31}$/, '2–32 characters: a–z first, then a–z, 0–9, ".", "_" or "-"'));

export const MAX_PASSWORD_CHARS = 1024;
/** Shortest password the user CLI accepts for a real account. */
export const MIN_PASSWORD_CHARS = 12;

/** Who is signed in, as the server tells the client. Never carries the password or its hash. */
export const SessionUserSchema = z.object({
  username: UsernameSchema,
  name: z.string().check(z.minLength(1), z.maxLength(80)),
  /** The ministry the person writes for; the coordinator and readers may have none. */
  ministry: z.nullable(MinistryCodeSchema),
  role: RoleSchema,
});
export type SessionUser = z.infer<typeof SessionUserSchema>;

/** `GET /api/session` and `POST /api/session` answer. */
export const SessionResponseSchema = z.object({
  user: SessionUserSchema,
  /** ISO time the session ends; signing in again starts a new one. */
  expiresAt: z.string(),
});
export type SessionResponse = z.infer<typeof SessionResponseSchema>;

/**
 * `DELETE /api/session` of a session that began at the identity provider (200; a password
 * session's answer is a bare 204): the provider's own sign-out, where the browser goes next.
 */
export const SignOutResponseSchema = z.object({ logoutUrl: z.url() });
export type SignOutResponse = z.infer<typeof SignOutResponseSchema>;

/** The permission actor of a signed-in user (or of nobody). */
export function actorOf(user: Pick<SessionUser, 'role' | 'ministry'> | null): Actor {
  return user === null ? null : { role: user.role, ministry: user.ministry };
}

/**
 * The y-protocols auth message a read-only sync connection receives, once on connect and again
 * if it sends an update anyway (which is dropped).
 */
export const READ_ONLY_REASON = 'read-only: you may read this measure but not write it';

/** How a refusal for a limit on a document's shape or size starts (the rest says which limit). */
export const LIMIT_REFUSAL_PREFIX = 'limit:';

/** The y-protocols "permission denied" reason for an update refused because of a limit. */
export function limitRefusalReason(detail: string): string {
  return `${LIMIT_REFUSAL_PREFIX} ${detail}`;
}
