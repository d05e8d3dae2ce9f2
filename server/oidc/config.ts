import { isIP } from 'node:net';
import { MinistryCodeSchema, type MinistryCode } from '../../shared/ministries.js';
import { RoleSchema, type Role } from '../../shared/permissions.js';

/** How long a sign-in may take at the identity provider before it must start again. */
export const SIGN_IN_FLOW_TTL_MS = 10 * 60_000;
/** Where the identity provider sends the browser back to, on the server's own origin. */
export const OIDC_CALLBACK_PATH = '/api/auth/oidc/callback';
/** Where the sign-in page's button starts a sign-in through the identity provider. */
export const OIDC_LOGIN_PATH = '/api/auth/oidc/login';

/** What a value of the mapped claim makes someone in Samskriv. */
export interface Assignment {
  role: Role;
  ministry: MinistryCode | null;
}

/** One entry of OIDC_ROLE_MAP: a claim value and what it makes someone. */
export interface RoleRule extends Assignment {
  value: string;
}

/** A claim (a dot path into the claims, arrays looked through) and what its values make people. */
export interface ClaimMapping {
  claim: string;
  rules: RoleRule[];
}

/** Sign-in through the organisation's identity provider (OpenID Connect), from OIDC_* in the environment. */
export interface OidcOptions {
  /** OIDC_ISSUER: https, or http on a loopback address only (tests, a provider on the same host). */
  issuer: string;
  clientId: string;
  /** A confidential client's secret (client_secret_post); without it a public client, with PKCE alone. */
  clientSecret?: string;
  /** OIDC_REDIRECT_URL; by default PUBLIC_URL's origin (else the listen address) + /api/auth/oidc/callback. */
  redirectUrl?: string;
  /** Where the provider sends the browser after its sign-out; by default the app's own origin + `/`. */
  postLogoutRedirectUrl?: string;
  /** OIDC_SCOPES; `openid` is always among them. */
  scopes: string[];
  /** The sign-in page's button says "Logg inn med <displayName>" (OIDC_PROVIDER_NAME). */
  displayName: string;
  /** Who someone is from a claim (OIDC_ROLE_CLAIM, OIDC_ROLE_MAP); null: only accounts pre-registered with the CLI. */
  mapping: ClaimMapping | null;
  /** The claim a new account's username is made from (OIDC_USERNAME_CLAIM, default `preferred_username`). */
  usernameClaim: string;
}

export const DEFAULT_OIDC_SCOPES = ['openid', 'profile', 'email'];

/** True for `localhost` and loopback addresses, where plain http cannot be overheard. */
export function isLoopbackHostname(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '');
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1';
}

/** Refuses an issuer that is not https, unless it is on a loopback address. */
export function checkIssuerUrl(issuer: string): string {
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    throw new Error(`OIDC_ISSUER: ${issuer} is not a URL`);
  }
  if (url.protocol === 'https:') return issuer;
  if (url.protocol === 'http:' && isLoopbackHostname(url.hostname)) return issuer;
  throw new Error(`OIDC_ISSUER: ${issuer} must be https (plain http only on a loopback address)`);
}

/** Parses one `role` or `role:MINISTRY`; an editor needs a ministry. */
function parseAssignment(text: string, value: string): Assignment {
  const [roleText = '', ministryText, ...rest] = text.trim().split(':');
  const role = RoleSchema.safeParse(roleText.trim());
  if (!role.success || rest.length > 0) throw new Error(`OIDC_ROLE_MAP: "${value}" maps to "${text}": expected coordinator, editor:<ministry> or reader[:<ministry>]`);
  let ministry: MinistryCode | null = null;
  if (ministryText !== undefined && ministryText.trim() !== '') {
    const parsed = MinistryCodeSchema.safeParse(ministryText.trim().toUpperCase());
    if (!parsed.success) throw new Error(`OIDC_ROLE_MAP: "${value}": ${ministryText} is not one of ${MinistryCodeSchema.options.join(', ')}`);
    ministry = parsed.data;
  }
  if (role.data === 'editor' && ministry === null) throw new Error(`OIDC_ROLE_MAP: "${value}": an editor needs a ministry (editor:JD)`);
  return { role: role.data, ministry };
}

/**
 * OIDC_ROLE_MAP: `value=role[:MINISTRY]` entries separated by commas or new lines (split at
 * the last `=`, so a value may hold one), or a JSON object `{"value": "role[:MINISTRY]"}` for
 * values with commas in them (LDAP names).
 */
export function parseRoleMap(text: string): RoleRule[] {
  const trimmed = text.trim();
  let entries: [string, string][];
  if (trimmed.startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch {
      throw new Error('OIDC_ROLE_MAP: not valid JSON');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('OIDC_ROLE_MAP: a JSON object of value → role');
    entries = Object.entries(parsed).map(([value, role]) => {
      if (typeof role !== 'string') throw new Error(`OIDC_ROLE_MAP: "${value}" must map to a string`);
      return [value, role];
    });
  } else {
    entries = trimmed
      .split(/[,\n]/)
      .map((entry) => entry.trim())
      .filter((entry) => entry !== '')
      .map((entry) => {
        const at = entry.lastIndexOf('=');
        if (at <= 0) throw new Error(`OIDC_ROLE_MAP: "${entry}" is not value=role[:MINISTRY]`);
        return [entry.slice(0, at).trim(), entry.slice(at + 1)];
      });
  }
  if (entries.length === 0) throw new Error('OIDC_ROLE_MAP: no entries');
  return entries.map(([value, role]) => ({ value, ...parseAssignment(role, value) }));
}

/** The string values at a dot path of the claims (`groups`, `authorization_details.reportees.ID`), looking through arrays. */
export function claimValues(claims: Readonly<Record<string, unknown>>, path: string): string[] {
  let current: unknown[] = [claims];
  for (const key of path.split('.')) {
    const next: unknown[] = [];
    for (const item of current.flat(2)) {
      if (typeof item === 'object' && item !== null && !Array.isArray(item) && Object.hasOwn(item, key)) {
        next.push((item as Record<string, unknown>)[key]);
      }
    }
    current = next;
  }
  return current.flat(2).flatMap((value) => (typeof value === 'string' ? [value] : typeof value === 'number' ? [String(value)] : []));
}

const ROLE_RANK: Record<Role, number> = { coordinator: 3, editor: 2, reader: 1 };

/**
 * What the claims make someone: the highest role among the rules their values match
 * (coordinator, then editor, then reader); `ambiguous` when that role comes with different
 * ministries (two ministries' editor groups), which Samskriv will not choose between; null
 * when no rule matches.
 */
export function assignmentOf(claims: Readonly<Record<string, unknown>>, mapping: ClaimMapping): Assignment | 'ambiguous' | null {
  const values = new Set(claimValues(claims, mapping.claim));
  const matching = mapping.rules.filter((rule) => values.has(rule.value));
  if (matching.length === 0) return null;
  const top = Math.max(...matching.map((rule) => ROLE_RANK[rule.role]));
  const best = matching.filter((rule) => ROLE_RANK[rule.role] === top);
  const ministries = new Set(best.map((rule) => rule.ministry));
  if (ministries.size > 1) return 'ambiguous';
  const [first] = best;
  return first ? { role: first.role, ministry: first.ministry } : null;
}
