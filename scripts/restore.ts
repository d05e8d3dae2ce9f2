/**
 * `npm run restore -- <file>`: puts a backup into DATA_DIR, which must not hold a database yet
 * (server/ops/backup.ts). Then start the server on that DATA_DIR. With DATABASE_URL set the
 * server would read PostgreSQL, not the restored file: refused, pointing to pg_restore.
 */
import { resolve } from 'node:path';
import { restoreDatabase } from '../server/ops/backup.js';
import { sqliteFileCommand } from './sqliteFileCommand.js';

await sqliteFileCommand('restore', 'DATA_DIR=<new, empty directory> npm run restore -- <backup file>', (backup, dataDir) => {
  const report = restoreDatabase(backup, dataDir);
  return `restored ${resolve(backup)} into ${report.file} (schema version ${report.schemaVersion}); start the server with DATA_DIR=${dataDir}`;
});
