import postgres from 'postgres';
import type { FreezeExclusively } from '../rounds/DeadlineWatch.js';

/** The PostgreSQL advisory lock key of the deadline freeze ("Samd"; the migrations take "Sams"). */
const FREEZE_LOCK = 0x53616d64;
/** The advisory lock key of preparing an empty database at start-up ("Samp"). */
const PREPARE_LOCK = 0x53616d70;

/**
 * Runs `prepare` (seeding an empty database with the embedded default and the demo accounts)
 * while holding a session advisory lock on a connection of its own, waiting for it: instances
 * started together on one empty database prepare it one after the other, so the later ones find
 * it seeded and leave it be instead of importing the report twice or failing on the accounts.
 */
export async function preparingExclusively<T>(databaseUrl: string, prepare: () => Promise<T>): Promise<T> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => undefined });
  try {
    const connection = await sql.reserve();
    try {
      await connection`SELECT pg_advisory_lock(${PREPARE_LOCK})`;
      try {
        return await prepare();
      } finally {
        await connection`SELECT pg_advisory_unlock(${PREPARE_LOCK})`;
      }
    } finally {
      connection.release();
    }
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/**
 * The deadline freeze of several instances on one PostgreSQL database, one at a time: each
 * freeze runs under a session advisory lock (`pg_try_advisory_lock`) on a connection of its own,
 * held until its transaction has committed; an instance that finds the lock taken skips that
 * check (the other freezes; the next check finds the round frozen). A connection that dies
 * releases its lock in PostgreSQL.
 */
export function freezeLock(databaseUrl: string): { exclusively: FreezeExclusively; close(): Promise<void> } {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => undefined });
  return {
    async exclusively(freeze) {
      const connection = await sql.reserve();
      try {
        const [row] = await connection<{ locked: boolean }[]>`SELECT pg_try_advisory_lock(${FREEZE_LOCK}) AS locked`;
        if (!row?.locked) return;
        try {
          await freeze();
        } finally {
          await connection`SELECT pg_advisory_unlock(${FREEZE_LOCK})`;
        }
      } finally {
        connection.release();
      }
    },
    close: () => sql.end({ timeout: 5 }),
  };
}
