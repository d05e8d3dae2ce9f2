import type Database from 'better-sqlite3';

/**
 * One step of the schema, numbered from 1; its number is stored in `PRAGMA user_version` once
 * applied. Foreign keys are on while it runs (they cannot be switched inside a transaction), so a
 * step that rebuilds a table must keep every reference valid as it goes.
 */
export interface Migration {
  version: number;
  name: string;
  /** Changes the schema; runs inside the migration's own transaction. */
  up(db: Database.Database): void;
}

/** The schema version a database is at: the number of the last migration applied to it. */
export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Applies the migrations `db` has not had yet, in order, each in one transaction together with
 * the new `user_version`, so a failed step leaves the database at the step before. Throws, and
 * changes nothing, when the database is at a version newer than the last migration.
 */
export function migrate(db: Database.Database, migrations: readonly Migration[], file: string): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) throw new Error(`migration ${migration.name} is numbered ${migration.version}, expected ${index + 1}`);
  });
  const latest = migrations.length;
  const found = schemaVersion(db);
  if (found > latest) {
    throw new Error(
      `${file} is at schema version ${found}, but this release knows versions up to ${latest} only: ` +
        'it was written by a newer release. Run that release (or a newer one), or restore a backup made with this one.',
    );
  }
  for (const migration of migrations.slice(found)) {
    db.transaction(() => {
      // Read again under the write lock: another process may have applied it meanwhile.
      if (schemaVersion(db) >= migration.version) return;
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
}
