import { z } from 'zod';
import { DEFAULT_PASSWORD_COST, type PasswordCost } from './auth/passwords.js';
import { DEFAULT_DIGEST_HOUR } from './notifications/DailyDigest.js';

const flag = z.enum(['0', '1', 'true', 'false', '']).transform((v) => v === '1' || v === 'true');
const httpUrl = z.url({ protocol: /^https?$/, message: 'an http:// or https:// URL' });

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
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
  AUDIT_RETENTION_DAYS: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z.coerce.number().int().min(1).max(36_500).optional(),
  ),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
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
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: e.DATA_DIR,
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
  };
}
