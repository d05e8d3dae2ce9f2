/**
 * `npm run restore -- <file>`: puts a backup into DATA_DIR, which must not hold a database yet
 * (server/ops/backup.ts). Then start the server on that DATA_DIR.
 */
import { resolve } from 'node:path';
import { readConfig } from '../server/config.js';
import { restoreDatabase } from '../server/ops/backup.js';

const [backup, ...rest] = process.argv.slice(2);
if (backup === undefined || rest.length > 0 || backup.startsWith('-')) {
  console.error('usage: DATA_DIR=<new, empty directory> npm run restore -- <backup file>');
  process.exit(2);
}
try {
  const dataDir = resolve(readConfig(process.env).dataDir);
  const report = restoreDatabase(backup, dataDir);
  console.log(`restored ${resolve(backup)} into ${report.file} (schema version ${report.schemaVersion}); start the server with DATA_DIR=${dataDir}`);
} catch (error) {
  console.error(`restore failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
