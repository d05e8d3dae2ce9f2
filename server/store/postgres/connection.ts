import postgres from 'postgres';
import { migrate } from './migrate.js';
import { POSTGRES_MIGRATIONS } from './migrations/index.js';
import type { Connection } from './transactions.js';

/** The connection statements run on. */
export type Db = postgres.Sql;

/** OID of int8: ids, milliseconds and counts come back as numbers (exact up to 2^53), not strings. */
const INT8 = 20;

/**
 * Opens the store's one connection to `url` (postgres://user:pass@host:port/db; query
 * parameters such as `sslmode` or `search_path` are postgres.js's) and brings the schema up to
 * date. A pool of one: every statement and transaction of the store runs on that connection
 * (postgres.js allows BEGIN only there), and a lost connection is replaced by the next statement.
 * It is never ended on purpose while open (no lifetime, no idle timeout): a transaction's
 * statements must all reach the connection that began it.
 */
export async function openDatabase(url: string): Promise<Connection> {
  let losses = 0;
  const sql = postgres(url, {
    max: 1,
    max_lifetime: null,
    idle_timeout: 0,
    onclose: () => {
      losses += 1;
    },
    // The server's notices (e.g. "relation exists, skipping") are not the application's log.
    onnotice: () => undefined,
    types: {
      int8: { to: INT8, from: [INT8], serialize: (value: number) => String(value), parse: (raw: string) => Number(raw) },
    },
  }) as unknown as Db;
  try {
    const connection: Connection = { sql, losses: () => losses };
    await migrate(connection, POSTGRES_MIGRATIONS, describe(url));
    return connection;
  } catch (error) {
    await sql.end({ timeout: 1 });
    throw error;
  }
}

/** The database `url` names, without its password: for messages. */
export function describe(url: string): string {
  try {
    const parsed = new URL(url);
    return `the PostgreSQL database ${parsed.pathname.slice(1) || '(default)'} on ${parsed.host}`;
  } catch {
    return 'the PostgreSQL database';
  }
}
