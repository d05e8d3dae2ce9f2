/**
 * `npm run restore -- <file>`: puts a backup into DATA_DIR, which must not hold a database yet
 * (server/ops/backup.ts). Then start the server on that DATA_DIR. With DATABASE_URL set the
 * server would read PostgreSQL, not the restored file: refused, pointing to pg_restore.
 */
import { resolve } from 'node:path';
import { readConfig } from '../server/config.js';
import { postgresRefusal, restoreDatabase } from '../server/ops/backup.js';

const [backup, ...rest] = process.argv.slice(2);
if (backup === undefined || rest.length > 0 || backup.startsWith('-')) {
  console.error('usage: DATA_DIR=<new, empty directory> npm run restore -- <backup file>');
  process.exit(2);
}
try {
  const config = readConfig(process.env);
  const refusal = postgresRefusal(config.databaseUrl, 'restore');
  if (refusal) {
    console.error(refusal);
    process.exit(2);
  }
  const dataDir = resolve(config.dataDir);
  const report = restoreDatabase(backup, dataDir);
  console.log(`restored ${resolve(backup)} into ${report.file} (schema version ${report.schemaVersion}); start the server with DATA_DIR=${dataDir}`);
} catch (error) {
  console.error(`restore failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
