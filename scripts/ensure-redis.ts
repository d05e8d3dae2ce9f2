/**
 * Run by `npm test` before the tests: the several-instances tests start a real Redis
 * (tests/helpers/redis.ts). Finds redis-server (REDIS_SERVER, the PATH); where there is none,
 * installs Debian's package when it can (root, with apt-get), or stops with the one command to
 * run. The package starts no server here: the tests start their own.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { findRedisServer } from '../tests/helpers/redis.js';

if (findRedisServer() === null) {
  const canInstall = process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
  if (!canInstall) {
    console.error('No Redis for the several-instances tests: run `sudo apt-get install -y redis-server` (or set REDIS_SERVER to its redis-server), then `npm test` again.');
    process.exit(1);
  }
  console.log("No Redis for the several-instances tests: installing Debian's redis-server package ...");
  const run = (args: string[]): void => {
    const result = spawnSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (result.status !== 0) {
      console.error(`apt-get ${args.join(' ')} failed; install Redis with \`apt-get install -y redis-server\` and run \`npm test\` again.`);
      process.exit(1);
    }
  };
  run(['update']);
  run(['install', '-y', 'redis-server']);
  if (findRedisServer() === null) {
    console.error('redis-server was installed but is not on the PATH; set REDIS_SERVER to it.');
    process.exit(1);
  }
}
