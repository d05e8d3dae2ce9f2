/**
 * Run by `npm test` before the tests: the browser tests need Chromium. Finds it (CHROMIUM_PATH,
 * Debian's, Playwright's cache); where there is none, installs Debian's package when it can
 * (root, with apt-get), or stops with the one command to run.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { findChromium } from '../tests/helpers/chromium.js';

if (findChromium() === null) {
  const canInstall = process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
  if (!canInstall) {
    console.error('No Chromium for the browser tests: run `sudo apt-get install -y chromium` (or set CHROMIUM_PATH), then `npm test` again.');
    process.exit(1);
  }
  console.log('No Chromium for the browser tests: installing Debian\'s chromium package ...');
  const run = (args: string[]): void => {
    const result = spawnSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (result.status !== 0) {
      console.error(`apt-get ${args.join(' ')} failed; install Chromium with \`apt-get install -y chromium\` and run \`npm test\` again.`);
      process.exit(1);
    }
  };
  run(['update']);
  run(['install', '-y', 'chromium']);
  if (findChromium() === null) {
    console.error('Chromium was installed but is not at /usr/bin/chromium; set CHROMIUM_PATH to it.');
    process.exit(1);
  }
}
