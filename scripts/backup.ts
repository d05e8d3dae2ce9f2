/**
 * `npm run backup -- <file>`: a consistent copy of DATA_DIR's database, taken while the server
 * runs (SQLite's online backup API; server/ops/backup.ts). Same environment as the server.
 * With DATABASE_URL set the store is PostgreSQL, and a SQLite file left in DATA_DIR is not the
 * live data: refused, pointing to pg_dump (README, *PostgreSQL*).
 */
import { resolve } from 'node:path';
import { readConfig } from '../server/config.js';
import { backupDatabase, postgresRefusal } from '../server/ops/backup.js';

const [target, ...rest] = process.argv.slice(2);
if (target === undefined || rest.length > 0 || target.startsWith('-')) {
  console.error('usage: npm run backup -- <file>   (DATA_DIR as for the server; the file must not exist yet)');
  process.exit(2);
}
try {
  const config = readConfig(process.env);
  const refusal = postgresRefusal(config.databaseUrl, 'backup');
  if (refusal) {
    console.error(refusal);
    process.exit(2);
  }
  const dataDir = resolve(config.dataDir);
  const started = Date.now();
  const report = await backupDatabase(dataDir, target);
  console.log(`backed up ${dataDir} to ${report.file}: ${report.bytes} bytes, schema version ${report.schemaVersion}, in ${Date.now() - started} ms`);
} catch (error) {
  console.error(`backup failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
