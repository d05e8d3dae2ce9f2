import type { Db } from './connection.js';

/** The store's connection, and how many times it was lost so far. */
export interface Connection {
  /** The client statements go to now (a new one after a loss). */
  readonly sql: Db;
  /** Grows each time the connection is lost: a transaction that sees it change was cut off. */
  losses(): number;
  /** Tells the connection a statement failed: when the connection is gone, the client is replaced. */
  failed(error: unknown): void;
  /** Ends the client once its statements have been answered. */
  end(): Promise<void>;
}

/** The connection was lost while a transaction was open: the server rolled it back. */
export class LostTransactionError extends Error {
  constructor() {
    super('the connection to PostgreSQL was lost during the transaction: nothing of it was committed');
  }
}

/**
 * `sql` for one transaction: it refuses every statement once the connection the transaction
 * began on was lost, because postgres.js would send it on a new connection, outside the
 * transaction, where it would commit alone. (A statement already sent on the lost connection
 * fails with it.)
 */
export function withinTransaction(connection: Connection): Db {
  const began = connection.losses();
  const sql = connection.sql;
  const check = (): void => {
    if (connection.losses() !== began) throw new LostTransactionError();
  };
  return new Proxy(sql, {
    apply(target, thisArg, args: unknown[]) {
      check();
      return Reflect.apply(target, thisArg, args) as unknown;
    },
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (key !== 'unsafe' || typeof value !== 'function') return value;
      return (...args: unknown[]): unknown => {
        check();
        return Reflect.apply(value, target, args) as unknown;
      };
    },
  });
}

/** COMMIT, refusing to report success for a transaction PostgreSQL rolled back instead (it answers COMMIT with ROLLBACK after a failure). */
export async function commit(db: Db): Promise<void> {
  const done = await db`COMMIT`;
  if (done.command !== 'COMMIT') throw new Error(`PostgreSQL answered COMMIT with ${done.command}: nothing of the transaction was committed`);
}

/** `statements` in a transaction of their own on `connection`, all or nothing. */
export async function inTransaction<T>(connection: Connection, statements: (db: Db) => Promise<T>, begin = 'BEGIN'): Promise<T> {
  const db = withinTransaction(connection);
  try {
    await db.unsafe(begin);
    const result = await statements(db);
    await commit(db);
    return result;
  } catch (error) {
    connection.failed(error);
    await quietly(() => db`ROLLBACK`);
    throw error;
  }
}

/** Runs a statement whose failure changes nothing (a ROLLBACK on a lost connection): refused or failed, it is ignored. */
export async function quietly(statement: () => PromiseLike<unknown>): Promise<void> {
  try {
    await statement();
  } catch {
    // The server rolls back by itself what a lost connection left open.
  }
}

/** What an open transaction remembers of its savepoints. */
export interface Savepoints {
  /** The last RELEASE, sent without waiting for it: awaited before the next commit. */
  release: Promise<unknown> | null;
}

/**
 * `statements` inside the transaction `db` belongs to, undone alone when they fail (the
 * transaction goes on, as after a failed statement in SQLite). SAVEPOINT and RELEASE travel in
 * the same round trips as the statements (PostgreSQL runs a connection's statements in order;
 * after a failed SAVEPOINT every later statement fails too).
 */
export async function inSavepoint<T>(db: Db, statements: (db: Db) => Promise<T>, savepoints: Savepoints, connection: Connection): Promise<T> {
  const savepoint = db`SAVEPOINT call`.execute();
  savepoint.catch(() => undefined);
  try {
    const result = await statements(db);
    await savepoint;
    const release = db`RELEASE SAVEPOINT call`.execute();
    release.catch(() => undefined);
    savepoints.release = release;
    return result;
  } catch (error) {
    connection.failed(error);
    await quietly(() => db`ROLLBACK TO SAVEPOINT call`);
    await quietly(() => db`RELEASE SAVEPOINT call`);
    throw error;
  }
}
