import type Database from 'better-sqlite3';
import type { AuditEntry, AuditKind, AuditPage, AuditQuery } from '../../../shared/audit.js';
import type { NewAuditEntry } from '../types.js';
import { auditJson, toAuditEntry } from '../rows/audit.js';

/** The append-only audit log (`audit_log`): rows go in, are read by filter, and leave only by the retention. */
export class SqliteAudit {
  private readonly insert;
  private readonly select;
  private readonly selectOfMeasure;

  constructor(private readonly db: Database.Database) {
    this.insert = db.prepare<[string, string, string | null, string | null, string, string | null, number | null, string | null, string | null, string | null]>(
      `INSERT INTO audit_log (at, actor_kind, actor_username, actor_name, kind, round_id, measure, target_id, before, after)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    // One statement for every filter: an absent filter is NULL and matches everything.
    this.select = db.prepare(
      `SELECT * FROM audit_log
       WHERE (@round IS NULL OR round_id = @round)
         AND (@measure IS NULL OR measure = @measure)
         AND (@actor IS NULL OR actor_username = @actor OR (actor_kind <> 'user' AND actor_kind = @actor))
         AND (@kind IS NULL OR kind = @kind)
         AND (@from IS NULL OR at >= @from)
         AND (@to IS NULL OR at < @to)
         AND (@cursor IS NULL OR id < @cursor)
       ORDER BY id DESC LIMIT @limit`,
    );
    this.selectOfMeasure = db.prepare<[string, number, string, number]>(
      `SELECT * FROM (SELECT * FROM audit_log WHERE round_id = ? AND measure = ? AND kind IN (SELECT value FROM json_each(?)) ORDER BY id DESC LIMIT ?)
       ORDER BY id`,
    );
  }

  append(entry: NewAuditEntry): number {
    const { actor, target } = entry;
    const result = this.insert.run(
      entry.at,
      actor.kind,
      actor.kind === 'user' ? actor.username : null,
      actor.kind === 'user' ? actor.name : null,
      entry.kind,
      target.roundId,
      target.measure,
      target.id,
      auditJson(entry.before),
      auditJson(entry.after),
    );
    return Number(result.lastInsertRowid);
  }

  query(query: AuditQuery): AuditPage {
    const rows = this.select.all({
      round: query.round ?? null,
      measure: query.measure ?? null,
      actor: query.actor ?? null,
      kind: query.kind ?? null,
      // Instants compare as text only in one form: stored as toISOString (UTC, Z).
      from: query.from ? new Date(query.from).toISOString() : null,
      to: query.to ? new Date(query.to).toISOString() : null,
      cursor: query.cursor ?? null,
      limit: query.limit + 1,
    });
    const entries = rows.slice(0, query.limit).map(toAuditEntry);
    return { entries, next: rows.length > query.limit ? (entries.at(-1)?.id ?? null) : null };
  }

  ofMeasure(roundId: string, measure: number, kinds: readonly AuditKind[], limit: number): AuditEntry[] {
    return this.selectOfMeasure.all(roundId, measure, JSON.stringify(kinds), limit).map(toAuditEntry);
  }

  /**
   * Removes the rows older than `before` (the retention), lifting the database's guard against
   * DELETE for this transaction only: nothing else can delete a row.
   */
  prune(before: string): number {
    return this.db.transaction(() => {
      this.db.exec('DROP TRIGGER audit_never_goes');
      const removed = this.db.prepare('DELETE FROM audit_log WHERE at < ?').run(before).changes;
      this.db.exec(`CREATE TRIGGER audit_never_goes BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END`);
      return removed;
    }).immediate();
  }
}
