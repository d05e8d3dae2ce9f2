import { Hono } from 'hono';
import { actorOf } from '../../shared/auth.js';
import { AuditQuerySchema, type AuditEntry, type AuditQuery } from '../../shared/audit.js';
import { can } from '../../shared/permissions.js';
import { authOf, type AppEnv } from '../auth/http.js';
import type { ServerContext } from '../context.js';
import { forbidden } from '../domain/DomainError.js';
import { RequestError } from '../http/errors.js';
import { outgoingOf } from '../http/outgoing.js';
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
    .get('/api/audit.csv', (c) => {
      const query = auditQuery(c);
      c.header('Content-Type', 'text/csv; charset=utf-8');
      c.header('Content-Disposition', 'attachment; filename="samskriv-logg.csv"');
      return c.body(
        csvPages(ctx, query, () => {
          const outgoing = outgoingOf(c);
          outgoing?.destroy();
          return outgoing !== undefined;
        }),
      );
    });
}

/**
 * The CSV of every row `query` matches, a page read each time the client has taken the one
 * before, with a turn of the event loop between pages: a long log neither waits whole in memory
 * nor holds everyone else's requests while it is read, and reading stops when the client goes.
 * A failure after the first bytes cuts the connection off (`cutOff`: whether it could) rather
 * than ending the response, so a file that stops short never looks like the whole log.
 */
function csvPages(ctx: ServerContext, query: AuditQuery, cutOff: () => boolean): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cursor = query.cursor;
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        if (!started) {
          started = true;
          controller.enqueue(encoder.encode(`${CSV_COLUMNS.join(',')}\r\n`));
          return;
        }
        await new Promise((turn) => setImmediate(turn));
        const page = await ctx.store.queryAudit({ ...query, cursor, limit: CSV_PAGE });
        if (page.entries.length > 0) controller.enqueue(encoder.encode(page.entries.map((entry) => `${csvRow(entry)}\r\n`).join('')));
        if (page.next === null) controller.close();
        else cursor = page.next;
      } catch (error) {
        ctx.log(`audit.csv failed after it started: ${String(error)}`);
        // Cut off here, the stream then ends quietly; without a Node response, the stream fails instead.
        if (cutOff()) controller.close();
        else controller.error(error);
      }
    },
  });
}
