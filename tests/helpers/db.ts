import Database from 'better-sqlite3';
import { join } from 'node:path';
import { DATABASE_FILE } from '../../server/store/sqliteStore.js';

/** Runs `read` on a read-only connection to a server's database, as an outside observer. */
export function readDatabase<T>(dataDir: string, read: (db: Database.Database) => T): T {
  const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

/** Every update stored for a document (its history), as bytes, oldest first. */
export function storedUpdates(dataDir: string, docName: string): Buffer[] {
  return readDatabase(dataDir, (db) =>
    (
      db.prepare('SELECT h.data FROM doc_history h JOIN documents d ON d.id = h.doc WHERE d.name = ? ORDER BY h.id').all(docName) as { data: Buffer }[]
    ).map((row) => row.data),
  );
}
