import type { Db } from './connection.js';
import { inTransaction, type Connection } from './transactions.js';

/**
 * One step of the PostgreSQL schema, numbered from 1; applied steps are recorded in
 * `schema_migrations`. Numbered on their own: PostgreSQL's version 1 already holds everything
 * SQLite reached in its six (it never had a database from before).
 */
export interface PostgresMigration {
  version: number;
  name: string;
  /** Changes the schema; runs inside the migration's own transaction. */
  up(db: Db): Promise<void>;
}

/** Any constant: every instance that migrates takes this lock, so two never apply a step twice. */
const MIGRATION_LOCK = 0x53616d73;

/** The schema version a database is at: the last migration applied to it (0 for an empty one). */
export async function schemaVersion(db: Db): Promise<number> {
  const [table] = await db<{ found: string | null }[]>`SELECT to_regclass('schema_migrations')::text AS found`;
  if (!table?.found) return 0;
  const [row] = await db<{ version: number | null }[]>`SELECT MAX(version) AS version FROM schema_migrations`;
  return row?.version ?? 0;
}

/**
 * Applies the migrations the database has not had yet, in order, each in one transaction with
 * its row in `schema_migrations`, under an advisory lock (several instances may start at once),
 * so a failed step leaves the database at the step before. Throws, and changes nothing, when the
 * database is at a version newer than the last migration.
 */
export async function migrate(connection: Connection, migrations: readonly PostgresMigration[], where: string): Promise<void> {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) throw new Error(`migration ${migration.name} is numbered ${migration.version}, expected ${index + 1}`);
  });
  const latest = migrations.length;
  const refuseNewer = (found: number): void => {
    if (found > latest) {
      throw new Error(
        `${where} is at schema version ${found}, but this release knows versions up to ${latest} only: ` +
          'it was written by a newer release. Run that release (or a newer one), or restore a backup made with this one.',
      );
    }
  };
  refuseNewer(await schemaVersion(connection.sql));
  for (const migration of migrations) {
    await inTransaction(connection, async (db) => {
      await db`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`;
      // Read again under the lock: another instance may have applied it meanwhile.
      const found = await schemaVersion(db);
      refuseNewer(found);
      if (found >= migration.version) return;
      await migration.up(db);
      await db`INSERT INTO schema_migrations (version, name, applied_at) VALUES (${migration.version}, ${migration.name}, ${new Date().toISOString()})`;
    });
  }
}
