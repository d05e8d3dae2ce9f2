import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { migrate } from './migrate.js';
import { MIGRATIONS } from './migrations/index.js';

/** File name of the database inside DATA_DIR. */
export const DATABASE_FILE = 'samskriv.sqlite';

/**
 * Opens (creating if needed) the database in `dataDir` and brings its schema up to date. WAL
 * with synchronous=NORMAL: a killed process loses nothing committed. Refuses a database written
 * by a newer release.
 */
export function openDatabase(dataDir: string): Database.Database {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, DATABASE_FILE);
  const db = new Database(file);
  try {
    // Wait for another process (the account CLI) rather than fail at once, also while migrating.
    db.pragma('busy_timeout = 5000');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrate(db, MIGRATIONS, file);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
