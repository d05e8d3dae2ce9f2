import { UsernameSchema } from '../../shared/auth.js';

/** The ID token's (and, where it lacks one, the UserInfo endpoint's) claims, as the provider gave them. */
export type Claims = Readonly<Record<string, unknown>>;

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);

/** The person's e-mail, lower case, if the provider gives one and does not say it is unverified. */
export function verifiedEmail(claims: Claims): string | null {
  const email = text(claims.email);
  // Absent counts as verified: Entra ID never sends the claim for its own directory's addresses.
  return email !== null && claims.email_verified !== false && email.includes('@') ? email.toLowerCase() : null;
}

/** A name to show (1–80 characters): `name`, else given and family name, else the fallback. */
export function displayNameOf(claims: Claims, fallback: string): string {
  const full = text(claims.name) ?? ([text(claims.given_name), text(claims.family_name)].filter(Boolean).join(' ') || null);
  return (full ?? fallback).slice(0, 80);
}

const LETTERS: Record<string, string> = { æ: 'ae', ø: 'o', å: 'a', ß: 'ss' };

/**
 * A username (`UsernameSchema`) made from a claim such as `preferred_username` or the e-mail:
 * its part before `@`, in lower case, æøå spelled out, anything else replaced by `-`, at most 28
 * characters (room for `-99`), and `bruker` when nothing usable is left.
 */
export function usernameBase(claims: Claims, claim: string): string {
  const raw = text(claims[claim]) ?? text(claims.email) ?? '';
  const local = raw.includes('@') ? raw.slice(0, raw.indexOf('@')) : raw;
  const plain = local
    .toLowerCase()
    .replace(/[æøåß]/g, (ch) => LETTERS[ch] ?? ch)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[^a-z]+/, '')
    .replace(/[._-]+$/, '')
    .slice(0, 28)
    .replace(/[._-]+$/, '');
  return UsernameSchema.safeParse(plain).success ? plain : 'bruker';
}

/** Who a refused person is for the audit log and the refusal page: their e-mail, else the provider's subject. */
export function claimedIdentity(claims: Claims): { username: string; name: string } {
  const subject = text(claims.sub) ?? '';
  return { username: (text(claims.email) ?? `sub:${subject}`).slice(0, 64), name: displayNameOf(claims, '') };
}
