import { Hono } from 'hono';
import { actorOf } from '../../shared/auth.js';
import { AuditQuerySchema, type AuditEntry, type AuditQuery } from '../../shared/audit.js';
import { can } from '../../shared/permissions.js';
import { authOf, type AppEnv } from '../auth/http.js';
import type { ServerContext } from '../context.js';
import { forbidden } from '../domain/DomainError.js';
import { RequestError } from '../http/errors.js';
import type { Context } from 'hono';

/** Rows per page while the CSV reads the whole log. */
const CSV_PAGE = 500;

const CSV_COLUMNS = ['id', 'at', 'actor', 'actor_name', 'kind', 'round', 'measure', 'target', 'before', 'after'] as const;

/** One CSV field (RFC 4180: quoted when it holds a quote, a comma or a line break; three rules, no library needed). */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

function csvRow(entry: AuditEntry): string {
  const { actor, target } = entry;
  return [
    String(entry.id),
    entry.at,
    actor.kind === 'user' ? actor.username : actor.kind,
    actor.kind === 'user' ? actor.name : '',
    entry.kind,
    target.roundId ?? '',
    target.measure === null ? '' : String(target.measure),
    target.id ?? '',
    entry.before === null ? '' : JSON.stringify(entry.before),
    entry.after === null ? '' : JSON.stringify(entry.after),
  ]
    .map(csvField)
    .join(',');
}

/** The query of a request, validated (a 400 naming the bad parameter); the coordinator's only. */
function auditQuery(c: Context<AppEnv>): AuditQuery {
  if (!can(actorOf(authOf(c).user), { kind: 'coordinate' })) throw forbidden('only the coordinator reads the audit log');
  const parsed = AuditQuerySchema.safeParse(c.req.query());
  if (!parsed.success) throw RequestError.fromZod(parsed.error);
  return parsed.data;
}

/**
 * `GET /api/audit` (a page, newest first, `next` for the page after) and `GET /api/audit.csv`
 * (every matching row), with the same filters: `round`, `measure`, `actor` (a username, `cli` or
 * `system`), `kind`, `from`, `to` (instants), `cursor`, `limit`. For the coordinator only.
 */
export function auditRoutes(ctx: ServerContext): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .get('/api/audit', async (c) => c.json(await ctx.store.queryAudit(auditQuery(c))))
    .get('/api/audit.csv', async (c) => {
      const query = auditQuery(c);
      const lines: string[] = [CSV_COLUMNS.join(',')];
      for (let cursor = query.cursor; ; ) {
        const page = await ctx.store.queryAudit({ ...query, cursor, limit: CSV_PAGE });
        lines.push(...page.entries.map(csvRow));
        if (page.next === null) break;
        cursor = page.next;
      }
      c.header('Content-Type', 'text/csv; charset=utf-8');
      c.header('Content-Disposition', 'attachment; filename="samskriv-logg.csv"');
      return c.body(`${lines.join('\r\n')}\r\n`);
    });
}
