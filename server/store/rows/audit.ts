/** Rows of the audit log (`audit_log`), as both stores write and read them. */
import { z } from 'zod';
import { AuditEntrySchema, type AuditEntry } from '../../../shared/audit.js';

const AuditRowSchema = z.object({
  id: z.number(),
  at: z.string(),
  actor_kind: z.enum(['user', 'cli', 'system']),
  actor_username: z.string().nullable(),
  actor_name: z.string().nullable(),
  kind: z.string(),
  round_id: z.string().nullable(),
  measure: z.number().nullable(),
  target_id: z.string().nullable(),
  before: z.string().nullable(),
  after: z.string().nullable(),
});

/** An `audit_log` row. */
export function toAuditEntry(row: unknown): AuditEntry {
  const r = AuditRowSchema.parse(row);
  return AuditEntrySchema.parse({
    id: r.id,
    at: r.at,
    actor: r.actor_kind === 'user' ? { kind: 'user', username: r.actor_username ?? '', name: r.actor_name ?? '' } : { kind: r.actor_kind },
    kind: r.kind,
    target: { roundId: r.round_id, measure: r.measure, id: r.target_id },
    before: r.before === null ? null : (JSON.parse(r.before) as unknown),
    after: r.after === null ? null : (JSON.parse(r.after) as unknown),
  });
}

/** `before` and `after` as stored: JSON as text, exactly as written (PostgreSQL's jsonb would reorder its keys); null when absent. */
export const auditJson = (value: unknown): string | null => (value === null || value === undefined ? null : JSON.stringify(value));
