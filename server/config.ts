import { z } from 'zod';
import { DEFAULT_PASSWORD_COST, type PasswordCost } from './auth/passwords.js';
import { DEFAULT_DIGEST_HOUR } from './notifications/DailyDigest.js';
import { checkIssuerUrl, DEFAULT_OIDC_SCOPES, parseRoleMap, type OidcOptions } from './oidc/config.js';

const flag = z.enum(['0', '1', 'true', 'false', '']).transform((v) => v === '1' || v === 'true');
/** An optional text setting: unset and blank are the same. */
const optionalText = z
  .string()
  .optional()
  .transform((v) => (v?.trim() ? v.trim() : undefined));
const httpUrl = z.url({ protocol: /^https?$/, message: 'an http:// or https:// URL' });

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  /**
   * PostgreSQL instead of the SQLite file in DATA_DIR, e.g. `postgres://samskriv:pass@db.example.no:5432/samskriv`
   * (`?sslmode=require` and other libpq-style parameters as postgres.js reads them); unset keeps SQLite.
   */
  DATABASE_URL: optionalText.pipe(z.url({ protocol: /^postgres(ql)?$/, message: 'a postgres:// or postgresql:// URL' }).optional()),
  /**
   * Several instances on one DATABASE_URL: the Redis they tell each other what they stored through,
   * e.g. `redis://redis.example.no:6379` (`rediss://` for TLS); unset, this is the only instance.
   */
  REDIS_URL: optionalText.pipe(z.url({ protocol: /^rediss?$/, message: 'a redis:// or rediss:// URL' }).optional()),
  /** Password of the demo accounts created in an empty DATA_DIR; generated and printed when unset. */
  DEMO_PASSWORD: z.string().min(8).max(1024).optional(),
  /** Accept enabled demo accounts on a non-loopback HOST. */
  SAMSKRIV_ALLOW_DEMO_ACCOUNTS: flag.default(false),
  /**
   * The address people open, e.g. `https://rapport.example.no` behind a reverse proxy: its
   * origin is the server's own; required with a wildcard HOST or TRUST_PROXY=1.
   */
  PUBLIC_URL: z
    .string()
    .optional()
    .transform((v) => (v?.trim() ? v.trim() : undefined))
    .pipe(httpUrl.optional()),
  /** Comma-separated origins of other sites whose pages may write, e.g. `https://intranett.example.no`. */
  ALLOWED_ORIGINS: z
    .string()
    .optional()
    .transform((v) => (v ? v.split(',').map((o) => o.trim()).filter((o) => o !== '') : undefined))
    .pipe(z.array(httpUrl).optional()),
  /** Behind a reverse proxy: trust X-Forwarded-For. */
  TRUST_PROXY: flag.default(false),
  SESSION_TTL_HOURS: z.coerce.number().positive().max(24 * 30).default(12),
  /** log2 of scrypt's N for new password hashes; lower it only for tests. */
  PASSWORD_HASH_LOG_N: z.coerce.number().int().min(10).max(20).default(DEFAULT_PASSWORD_COST.logN),
  /** Where notifications are e-mailed through, e.g. `smtp://user:pass@smtp.example.no:587`; no e-mail when unset. */
  SMTP_URL: z
    .string()
    .optional()
    .transform((v) => (v?.trim() ? v.trim() : undefined))
    .pipe(z.url({ protocol: /^smtps?$/, message: 'an smtp:// or smtps:// URL' }).optional()),
  /** The sender of notification e-mails, e.g. `Samskriv <samskriv@dep.no>`; required with SMTP_URL. */
  MAIL_FROM: z
    .string()
    .optional()
    .transform((v) => (v?.trim() ? v.trim() : undefined)),
  /** The hour (Oslo time, 0–23) the daily digest of notifications is e-mailed. */
  MAIL_DIGEST_HOUR: z.coerce.number().int().min(0).max(23).default(DEFAULT_DIGEST_HOUR),
  /** Days the audit log keeps a row; unset or empty keeps everything. */
  /** Username and password sign-in; `0` leaves only the identity provider (which must then be configured). */
  PASSWORD_SIGN_IN: flag.default(true),
  /** The organisation's OpenID Connect provider (its issuer URL); sign-in through it is offered when set. */
  OIDC_ISSUER: optionalText,
  OIDC_CLIENT_ID: optionalText,
  /** A confidential client's secret; unset, a public client (PKCE alone). */
  OIDC_CLIENT_SECRET: optionalText,
  /** Where the provider sends the browser back; default PUBLIC_URL (or the listen address) + /api/auth/oidc/callback. */
  OIDC_REDIRECT_URL: optionalText.pipe(httpUrl.optional()),
  /** Where the provider sends the browser after its sign-out; default PUBLIC_URL (or the listen address) + `/`. */
  OIDC_POST_LOGOUT_REDIRECT_URL: optionalText.pipe(httpUrl.optional()),
  /** Space- or comma-separated scopes; `openid` is always added. */
  OIDC_SCOPES: optionalText,
  /** The provider's name on the sign-in page's button ("Logg inn med …"), e.g. `ID-porten`; default the issuer's host. */
  OIDC_PROVIDER_NAME: optionalText,
  /** The claim whose values OIDC_ROLE_MAP maps (a dot path: `groups`, `authorization_details.reportees.ID`). */
  OIDC_ROLE_CLAIM: optionalText,
  /** `value=role[:MINISTRY]`, comma-separated (or a JSON object): e.g. `samskriv-jd=editor:JD,samskriv-koord=coordinator`. */
  OIDC_ROLE_MAP: optionalText,
  /** The claim a new account's username is made from (default `preferred_username`, then the e-mail). */
  OIDC_USERNAME_CLAIM: optionalText,
  /** With it, `/metrics` answers only `Authorization: Bearer <token>`; without, only localhost. */
  METRICS_TOKEN: optionalText.pipe(z.string().min(16, 'at least 16 characters').optional()),
  /** How much the JSON log says: fatal, error, warn, info (default), debug, trace or silent. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  AUDIT_RETENTION_DAYS: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z.coerce.number().int().min(1).max(36_500).optional(),
  ),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** DATABASE_URL: the store is PostgreSQL there; unset, SQLite in `dataDir`. */
  databaseUrl?: string;
  /** REDIS_URL: several instances share `databaseUrl` and tell each other through it. */
  redisUrl?: string;
  demoPassword?: string;
  allowDemoAccountsOnNetwork: boolean;
  publicUrl?: string;
  allowedOrigins?: string[];
  trustProxy: boolean;
  sessionTtlMs: number;
  passwordCost: PasswordCost;
  smtpUrl?: string;
  mailFrom?: string;
  mailDigestHour: number;
  /** Null keeps the audit log whole. */
  auditRetentionDays: number | null;
  passwordSignIn: boolean;
  oidc?: OidcOptions;
  metricsToken?: string;
  logLevel: string;
}

type Env = z.infer<typeof EnvSchema>;

/** The identity provider's settings, when OIDC_ISSUER is set; each missing or wrong one named. */
function readOidc(e: Env): OidcOptions | undefined {
  const named = (['OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_REDIRECT_URL', 'OIDC_ROLE_CLAIM', 'OIDC_ROLE_MAP'] as const).filter((key) => e[key] !== undefined);
  if (e.OIDC_ISSUER === undefined) {
    if (named.length > 0) throw new Error(`invalid environment: OIDC_ISSUER: required with ${named.join(', ')}`);
    return undefined;
  }
  if (e.OIDC_CLIENT_ID === undefined) throw new Error('invalid environment: OIDC_CLIENT_ID: required with OIDC_ISSUER');
  if ((e.OIDC_ROLE_CLAIM === undefined) !== (e.OIDC_ROLE_MAP === undefined)) {
    throw new Error('invalid environment: OIDC_ROLE_CLAIM and OIDC_ROLE_MAP go together (the claim, and what its values make people)');
  }
  const fail = (error: unknown): never => {
    throw new Error(`invalid environment: ${error instanceof Error ? error.message : String(error)}`);
  };
  let issuer = '';
  try {
    issuer = checkIssuerUrl(e.OIDC_ISSUER);
  } catch (error) {
    fail(error);
  }
  const scopes = new Set(['openid', ...(e.OIDC_SCOPES ?? DEFAULT_OIDC_SCOPES.join(' ')).split(/[\s,]+/).filter((scope) => scope !== '')]);
  let mapping: OidcOptions['mapping'] = null;
  if (e.OIDC_ROLE_CLAIM !== undefined && e.OIDC_ROLE_MAP !== undefined) {
    try {
      mapping = { claim: e.OIDC_ROLE_CLAIM, rules: parseRoleMap(e.OIDC_ROLE_MAP) };
    } catch (error) {
      fail(error);
    }
  }
  return {
    issuer,
    clientId: e.OIDC_CLIENT_ID,
    ...(e.OIDC_CLIENT_SECRET === undefined ? {} : { clientSecret: e.OIDC_CLIENT_SECRET }),
    ...(e.OIDC_REDIRECT_URL === undefined ? {} : { redirectUrl: e.OIDC_REDIRECT_URL }),
    ...(e.OIDC_POST_LOGOUT_REDIRECT_URL === undefined ? {} : { postLogoutRedirectUrl: e.OIDC_POST_LOGOUT_REDIRECT_URL }),
    scopes: [...scopes],
    displayName: e.OIDC_PROVIDER_NAME ?? new URL(issuer).host,
    mapping,
    usernameClaim: e.OIDC_USERNAME_CLAIM ?? 'preferred_username',
  };
}

/** Reads the environment; a bad value is an error that names the variable. */
export function readConfig(env: NodeJS.ProcessEnv): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`invalid environment: ${issue?.path.join('.')}: ${issue?.message}`);
  }
  const e = parsed.data;
  if (e.SMTP_URL !== undefined && e.MAIL_FROM === undefined) {
    throw new Error('invalid environment: MAIL_FROM: the sender of notification e-mails is required with SMTP_URL, e.g. "Samskriv <samskriv@dep.no>"');
  }
  if (e.REDIS_URL !== undefined && e.DATABASE_URL === undefined) {
    throw new Error('invalid environment: REDIS_URL: several instances share one PostgreSQL database: set DATABASE_URL too (SQLite serves one instance)');
  }
  const oidc = readOidc(e);
  if (!e.PASSWORD_SIGN_IN && oidc === undefined) {
    throw new Error('invalid environment: PASSWORD_SIGN_IN: with passwords off, nobody could sign in: configure OIDC_ISSUER and OIDC_CLIENT_ID');
  }
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: e.DATA_DIR,
    ...(e.DATABASE_URL === undefined ? {} : { databaseUrl: e.DATABASE_URL }),
    ...(e.REDIS_URL === undefined ? {} : { redisUrl: e.REDIS_URL }),
    ...(e.DEMO_PASSWORD === undefined ? {} : { demoPassword: e.DEMO_PASSWORD }),
    allowDemoAccountsOnNetwork: e.SAMSKRIV_ALLOW_DEMO_ACCOUNTS,
    ...(e.PUBLIC_URL === undefined ? {} : { publicUrl: e.PUBLIC_URL }),
    ...(e.ALLOWED_ORIGINS === undefined ? {} : { allowedOrigins: e.ALLOWED_ORIGINS }),
    trustProxy: e.TRUST_PROXY,
    sessionTtlMs: e.SESSION_TTL_HOURS * 60 * 60_000,
    passwordCost: { ...DEFAULT_PASSWORD_COST, logN: e.PASSWORD_HASH_LOG_N },
    ...(e.SMTP_URL === undefined ? {} : { smtpUrl: e.SMTP_URL }),
    ...(e.MAIL_FROM === undefined ? {} : { mailFrom: e.MAIL_FROM }),
    mailDigestHour: e.MAIL_DIGEST_HOUR,
    auditRetentionDays: e.AUDIT_RETENTION_DAYS ?? null,
    passwordSignIn: e.PASSWORD_SIGN_IN,
    ...(oidc === undefined ? {} : { oidc }),
    ...(e.METRICS_TOKEN === undefined ? {} : { metricsToken: e.METRICS_TOKEN }),
    logLevel: e.LOG_LEVEL,
  };
}
