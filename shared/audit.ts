import * as z from 'zod/mini';
import { RoundIdSchema } from './documentLayout.js';

/** Everything the audit log records: one kind per state change a person (or the system) makes. */
export const AUDIT_KINDS = [
  'status.change',
  'plan.change',
  'ready.change',
  'round.create',
  'round.update',
  'round.freeze',
  'round.reopen',
  'snapshot.take',
  'export.download',
  'thread.start',
  'comment.add',
  'comment.edit',
  'comment.delete',
  'thread.resolve',
  'thread.reopen',
  'narrative.state',
  'narrative.restore',
  'notification.settings',
  'signin.success',
  'signin.failure',
  'signin.lockout',
  'signout',
  'account.add',
  'account.password',
  'account.disable',
  'account.enable',
  'account.role',
  'account.email',
  /** An account linked to (or unlinked from) a person of the identity provider. */
  'account.link',
] as const;
export const AuditKindSchema = z.enum(AUDIT_KINDS);
export type AuditKind = z.infer<typeof AuditKindSchema>;

/** Who made a change: a signed-in person, the account CLI (the operator), or the server itself (the deadline). */
export const AuditActorSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('user'), username: z.string(), name: z.string() }),
  z.object({ kind: z.literal('cli') }),
  z.object({ kind: z.literal('system') }),
]);
export type AuditActor = z.infer<typeof AuditActorSchema>;

/** What a change was about. */
export const AuditTargetSchema = z.object({
  roundId: z.nullable(RoundIdSchema),
  measure: z.nullable(z.int().check(z.positive())),
  /** A thread, comment, snapshot or account id, when the change is about one. */
  id: z.nullable(z.string()),
});
export type AuditTarget = z.infer<typeof AuditTargetSchema>;

/** One row of the audit log: append-only, never changed or removed (but by the retention). */
export const AuditEntrySchema = z.object({
  id: z.int().check(z.positive()),
  at: z.iso.datetime({ offset: true }),
  actor: AuditActorSchema,
  kind: AuditKindSchema,
  target: AuditTargetSchema,
  /** What the changed fields said before and after (JSON values), null where there is none. */
  before: z.nullable(z.unknown()),
  after: z.nullable(z.unknown()),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

/** `GET /api/audit?round=&measure=&actor=&kind=&from=&to=&cursor=&limit=` */
export const AuditQuerySchema = z.strictObject({
  round: z.optional(RoundIdSchema),
  measure: z.optional(z.coerce.number().check(z.int(), z.positive())),
  /** A username, `cli` or `system`. */
  actor: z.optional(z.string().check(z.minLength(1), z.maxLength(64))),
  kind: z.optional(AuditKindSchema),
  from: z.optional(z.iso.datetime({ offset: true })),
  to: z.optional(z.iso.datetime({ offset: true })),
  /** The `next` of the page before: entries older than it. */
  cursor: z.optional(z.coerce.number().check(z.int(), z.positive())),
  limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(500)), 100),
});
export type AuditQuery = z.infer<typeof AuditQuerySchema>;

/** A page of the log, newest first; `next` asks for the page after it (null at the end). */
export const AuditPageSchema = z.object({ entries: z.array(AuditEntrySchema), next: z.nullable(z.int().check(z.positive())) });
export type AuditPage = z.infer<typeof AuditPageSchema>;
