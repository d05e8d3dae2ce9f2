/**
 * Run by `npm test` before the tests: the PostgreSQL store's tests start a real PostgreSQL
 * server (tests/helpers/postgres.ts). Finds its programs (POSTGRES_BIN, Debian's); where there
 * are none, installs Debian's package when it can (root, with apt-get), or stops with the one
 * command to run. The package starts no server here: the tests start their own.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { findPostgresBin } from '../tests/helpers/postgres.js';

if (findPostgresBin() === null) {
  const canInstall = process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
  if (!canInstall) {
    console.error('No PostgreSQL for the store tests: run `sudo apt-get install -y postgresql` (or set POSTGRES_BIN to the folder with initdb and pg_ctl), then `npm test` again.');
    process.exit(1);
  }
  console.log("No PostgreSQL for the store tests: installing Debian's postgresql package ...");
  const run = (args: string[]): void => {
    const result = spawnSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (result.status !== 0) {
      console.error(`apt-get ${args.join(' ')} failed; install PostgreSQL with \`apt-get install -y postgresql\` and run \`npm test\` again.`);
      process.exit(1);
    }
  };
  run(['update']);
  run(['install', '-y', 'postgresql']);
  if (findPostgresBin() === null) {
    console.error('PostgreSQL was installed but its programs are not under /usr/lib/postgresql/<version>/bin; set POSTGRES_BIN to that folder.');
    process.exit(1);
  }
}
