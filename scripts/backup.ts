/**
 * `npm run backup -- <file>`: a consistent copy of DATA_DIR's database, taken while the server
 * runs (SQLite's online backup API; server/ops/backup.ts). Same environment as the server.
 * With DATABASE_URL set the store is PostgreSQL, and a SQLite file left in DATA_DIR is not the
 * live data: refused, pointing to pg_dump (README, *PostgreSQL*).
 */
import { backupDatabase } from '../server/ops/backup.js';
import { sqliteFileCommand } from './sqliteFileCommand.js';

await sqliteFileCommand('backup', 'npm run backup -- <file>   (DATA_DIR as for the server; the file must not exist yet)', async (target, dataDir) => {
  const started = Date.now();
  const report = await backupDatabase(dataDir, target);
  return `backed up ${dataDir} to ${report.file}: ${report.bytes} bytes, schema version ${report.schemaVersion}, in ${Date.now() - started} ms`;
});
