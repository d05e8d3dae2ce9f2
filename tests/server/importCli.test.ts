import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { loadSeedReport } from '../../server/seed/loadSeedReport.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The importer's CLI (server/seed/importCli.ts) as the README runs it. */
describe('npm run -s import-seed -- --json', () => {
  it('prints only JSON on stdout: the seed report as the importer reads it', async () => {
    const { stdout } = await promisify(execFile)('npm', ['run', '-s', 'import-seed', '--', '--json'], {
      cwd: ROOT,
      maxBuffer: 64 * 1024 * 1024,
    });
    const printed: unknown = JSON.parse(stdout);
    expect(printed).toEqual(JSON.parse(JSON.stringify(loadSeedReport())));
  });
});
