import { resolve } from 'node:path';
import { readConfig } from '../server/config.js';
import { postgresRefusal } from '../server/ops/backup.js';

/**
 * What `npm run backup` and `npm run restore` share: one file argument (else `usage`, exit 2),
 * the server's environment, a refusal when DATABASE_URL makes PostgreSQL the store (exit 2),
 * then `run` with the file and DATA_DIR; it says what it did (printed), or fails (exit 1).
 */
export async function sqliteFileCommand(
  action: 'backup' | 'restore',
  usage: string,
  run: (file: string, dataDir: string) => Promise<string> | string,
): Promise<void> {
  const [file, ...rest] = process.argv.slice(2);
  if (file === undefined || rest.length > 0 || file.startsWith('-')) {
    console.error(`usage: ${usage}`);
    process.exit(2);
  }
  try {
    const config = readConfig(process.env);
    const refusal = postgresRefusal(config.databaseUrl, action);
    if (refusal) {
      console.error(refusal);
      process.exit(2);
    }
    console.log(await run(file, resolve(config.dataDir)));
  } catch (error) {
    console.error(`${action} failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
