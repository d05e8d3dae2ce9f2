import postgres from 'postgres';
import { migrate } from './migrate.js';
import { POSTGRES_MIGRATIONS } from './migrations/index.js';
import type { Connection } from './transactions.js';

/** The connection statements run on. */
export type Db = postgres.Sql;

/** OID of int8: ids, milliseconds and counts come back as numbers (exact up to 2^53), not strings. */
const INT8 = 20;

/** Errors that mean the connection is gone: postgres.js's own, the socket's, and PostgreSQL's classes 08 and 57P. */
export function isConnectionError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return false;
  return code.startsWith('CONNECTION_') || code.startsWith('08') || code.startsWith('57P') || ['ECONNRESET', 'EPIPE', 'ECONNREFUSED', 'ETIMEDOUT'].includes(code);
}

/**
 * Opens the store's connection to `url` (postgres://user:pass@host:port/db; query parameters
 * such as `sslmode` or `search_path` are postgres.js's) and brings the schema up to date. A
 * client with a pool of one: every statement and transaction of the store runs on that one
 * connection (postgres.js allows BEGIN only there). It is never ended on purpose while open (no
 * lifetime, no idle timeout): a transaction's statements must all reach the connection that
 * began it. When the connection is lost, the whole client is replaced (a statement sent into a
 * dying postgres.js connection may otherwise never be answered) and the old one destroyed,
 * which fails whatever still waited on it.
 */
export async function openDatabase(url: string): Promise<Connection> {
  let losses = 0;
  let ending = false;
  const make = (): Db => {
    const client: Db = postgres(url, {
      max: 1,
      max_lifetime: null,
      idle_timeout: 0,
      onclose: () => {
        if (client === current) replace();
      },
      // The server's notices (e.g. "relation exists, skipping") are not the application's log.
      onnotice: () => undefined,
      types: {
        int8: { to: INT8, from: [INT8], serialize: (value: number) => String(value), parse: (raw: string) => Number(raw) },
      },
    });
    return client;
  };
  const replace = (): void => {
    if (ending) return;
    const old = current;
    losses += 1;
    current = make();
    void old.end({ timeout: 0 });
  };
  let current = make();
  const connection: Connection = {
    get sql() {
      return current;
    },
    losses: () => losses,
    failed(error) {
      if (isConnectionError(error)) replace();
    },
    async end() {
      ending = true;
      await current.end({ timeout: 5 });
    },
  };
  try {
    await migrate(connection, POSTGRES_MIGRATIONS, describe(url));
    return connection;
  } catch (error) {
    ending = true;
    await current.end({ timeout: 1 });
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
