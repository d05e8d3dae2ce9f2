import type { Db } from './connection.js';

/** The store's connection, and how many times it was lost so far. */
export interface Connection {
  sql: Db;
  /** Grows each time the connection closes: a transaction that sees it change was cut off. */
  losses(): number;
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
  const check = (): void => {
    if (connection.losses() !== began) throw new LostTransactionError();
  };
  return new Proxy(connection.sql, {
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

/** `statements` in a transaction of their own on `connection`, all or nothing. */
export async function inTransaction<T>(connection: Connection, statements: (db: Db) => Promise<T>, begin = 'BEGIN'): Promise<T> {
  const db = withinTransaction(connection);
  await db.unsafe(begin);
  try {
    const result = await statements(db);
    await db`COMMIT`;
    return result;
  } catch (error) {
    await db`ROLLBACK`.catch(() => undefined);
    throw error;
  }
}

/** `statements` inside the transaction `db` belongs to, undone alone when they fail (the transaction goes on, as after a failed statement in SQLite). */
export async function inSavepoint<T>(db: Db, statements: (db: Db) => Promise<T>): Promise<T> {
  await db`SAVEPOINT call`;
  try {
    const result = await statements(db);
    await db`RELEASE SAVEPOINT call`;
    return result;
  } catch (error) {
    await db`ROLLBACK TO SAVEPOINT call`.catch(() => undefined);
    await db`RELEASE SAVEPOINT call`.catch(() => undefined);
    throw error;
  }
}
