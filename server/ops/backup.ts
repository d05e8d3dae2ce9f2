import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { DATABASE_FILE } from '../store/sqlite/connection.js';
import { schemaVersion } from '../store/sqlite/migrate.js';
import { MIGRATIONS } from '../store/sqlite/migrations/index.js';

/** What a backup or a restore wrote. */
export interface BackupReport {
  file: string;
  bytes: number;
  /** The database's schema version (its migrations applied). */
  schemaVersion: number;
}

/** Pages copied in one step: all of them, so that the copy is one read transaction (see below). */
const ALL_PAGES = 0x7fffffff;

/** Checks a database file: SQLite's integrity check passes and its schema is one this release knows. */
function checkDatabase(file: string): number {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const result = db.pragma('integrity_check', { simple: true });
    if (result !== 'ok') throw new Error(`${file} fails SQLite's integrity check: ${String(result)}`);
    const version = schemaVersion(db);
    if (version > MIGRATIONS.length) {
      throw new Error(`${file} is at schema version ${version}, newer than this release knows (${MIGRATIONS.length}): use that release`);
    }
    return version;
  } finally {
    db.close();
  }
}

/**
 * Why `npm run backup` / `npm run restore` refuse when DATABASE_URL is set (the data is in
 * PostgreSQL, not in DATA_DIR: back it up with pg_dump, restore with pg_restore), or null.
 */
export function postgresRefusal(databaseUrl: string | undefined, action: 'backup' | 'restore'): string | null {
  if (databaseUrl === undefined) return null;
  return (
    `${action} refused: DATABASE_URL is set, so the data is in PostgreSQL, not in a SQLite file in DATA_DIR. ` +
    'Back PostgreSQL up with pg_dump, e.g. `pg_dump --format=custom --file=<file> "$DATABASE_URL"`, and restore it with pg_restore, ' +
    'e.g. `pg_restore --dbname="$DATABASE_URL" <file>`; unset DATABASE_URL for a SQLite backup.'
  );
}

/**
 * Copies DATA_DIR's database to `target` while the server runs, with SQLite's online backup
 * API. The copy is taken in a single step: one read transaction, which in WAL mode sees the
 * database as of one commit and blocks no writer, so the copy is consistent however busy the
 * server is (a copy in many small steps would restart after every write from the server and
 * might never finish under load). It is written beside `target` under another name, checked
 * (integrity, schema), turned into one self-contained file (no -wal beside it) and only then
 * renamed to `target`, so `target` is never a half-written backup. Refuses to overwrite a file.
 */
export async function backupDatabase(dataDir: string, target: string): Promise<BackupReport> {
  const source = resolve(dataDir, DATABASE_FILE);
  const file = resolve(target);
  if (!existsSync(source)) throw new Error(`no database in ${resolve(dataDir)} (${DATABASE_FILE})`);
  if (existsSync(file)) throw new Error(`${file} exists already: a backup never overwrites a file`);
  if (file === source || file.startsWith(`${source}-`)) throw new Error(`${file} is the database itself`);
  mkdirSync(dirname(file), { recursive: true });
  const partial = `${file}.partial-${process.pid}`;
  rmSync(partial, { force: true });
  const db = new Database(source, { fileMustExist: true });
  try {
    // The server may hold the write lock for a moment; wait rather than fail.
    db.pragma('busy_timeout = 10000');
    await db.backup(partial, { progress: () => ALL_PAGES });
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  } finally {
    db.close();
  }
  try {
    const copy = new Database(partial);
    try {
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    const version = checkDatabase(partial);
    renameSync(partial, file);
    return { file, bytes: statSync(file).size, schemaVersion: version };
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
}

/**
 * Restores a backup into a DATA_DIR that has no database yet (never over one: a restore that
 * replaced live data by mistake could not be undone). The backup is checked first; the server
 * started on that DATA_DIR brings an older schema up to date as at any start.
 */
export function restoreDatabase(backup: string, dataDir: string): BackupReport {
  const file = resolve(backup);
  if (!existsSync(file)) throw new Error(`no backup at ${file}`);
  const target = resolve(dataDir, DATABASE_FILE);
  for (const existing of [target, `${target}-wal`]) {
    if (existsSync(existing)) throw new Error(`${resolve(dataDir)} has a database already (${existing}): restore into a new, empty DATA_DIR`);
  }
  const version = checkDatabase(file);
  mkdirSync(resolve(dataDir), { recursive: true });
  const partial = join(resolve(dataDir), `${DATABASE_FILE}.restoring-${process.pid}`);
  copyFileSync(file, partial);
  renameSync(partial, target);
  return { file: target, bytes: statSync(target).size, schemaVersion: version };
}
