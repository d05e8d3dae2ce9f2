import type { AuditEntry, AuditKind, AuditPage, AuditQuery } from '../../../shared/audit.js';
import type { NewAuditEntry } from '../types.js';
import { auditJson, toAuditEntry } from '../rows/audit.js';
import type { Db } from './connection.js';

const TEXT = 25;

/**
 * The append-only audit log (`audit_log`): rows go in, are read by filter, and leave only by the
 * retention. `prune` must run inside a transaction.
 */
export const audit = {
  async append(db: Db, entry: NewAuditEntry): Promise<number> {
    const { actor, target } = entry;
    const [row] = await db<{ id: number }[]>`
      INSERT INTO audit_log (at, actor_kind, actor_username, actor_name, kind, round_id, measure, target_id, before, after)
      VALUES (${entry.at}, ${actor.kind}, ${actor.kind === 'user' ? actor.username : null}, ${actor.kind === 'user' ? actor.name : null},
        ${entry.kind}, ${target.roundId}, ${target.measure}, ${target.id}, ${auditJson(entry.before)}, ${auditJson(entry.after)})
      RETURNING id`;
    return row!.id;
  },

  async query(db: Db, query: AuditQuery): Promise<AuditPage> {
    // Instants compare as text only in one form: stored as toISOString (UTC, Z).
    const from = query.from ? new Date(query.from).toISOString() : null;
    const to = query.to ? new Date(query.to).toISOString() : null;
    const rows = await db`
      SELECT * FROM audit_log WHERE TRUE
        ${query.round === undefined ? db`` : db`AND round_id = ${query.round}`}
        ${query.measure === undefined ? db`` : db`AND measure = ${query.measure}`}
        ${query.actor === undefined ? db`` : db`AND (actor_username = ${query.actor} OR (actor_kind <> 'user' AND actor_kind = ${query.actor}))`}
        ${query.kind === undefined ? db`` : db`AND kind = ${query.kind}`}
        ${from === null ? db`` : db`AND at >= ${from}`}
        ${to === null ? db`` : db`AND at < ${to}`}
        ${query.cursor === undefined ? db`` : db`AND id < ${query.cursor}`}
      ORDER BY id DESC LIMIT ${query.limit + 1}`;
    const entries = rows.slice(0, query.limit).map(toAuditEntry);
    return { entries, next: rows.length > query.limit ? (entries.at(-1)?.id ?? null) : null };
  },

  async ofMeasure(db: Db, roundId: string, measure: number, kinds: readonly AuditKind[], limit: number): Promise<AuditEntry[]> {
    const rows = await db`
      SELECT * FROM (SELECT * FROM audit_log WHERE round_id = ${roundId} AND measure = ${measure} AND kind = ANY(${db.array([...kinds], TEXT)}::text[])
        ORDER BY id DESC LIMIT ${limit}) newest ORDER BY id`;
    return rows.map(toAuditEntry);
  },

  /**
   * Removes the rows older than `before` (the retention), lifting the database's guard against
   * DELETE for this transaction only (ALTER TABLE is transactional): nothing else can delete a row.
   */
  async prune(db: Db, before: string): Promise<number> {
    await db`ALTER TABLE audit_log DISABLE TRIGGER audit_never_goes`;
    const removed = (await db`DELETE FROM audit_log WHERE at < ${before}`).count;
    await db`ALTER TABLE audit_log ENABLE TRIGGER audit_never_goes`;
    return removed;
  },
};
