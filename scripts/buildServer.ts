/**
 * `npm run build:server`: the server as one JavaScript module, `dist-server/main.js`, for
 * `npm start` to run with plain Node (no transpiler at run time: less memory, faster start).
 * esbuild bundles our code (server/ and shared/) and leaves every package in node_modules
 * external, so native modules (better-sqlite3) and packages' own files load as they do from
 * source. Type checking is `npm run typecheck`'s job, not this one's.
 *
 * The bundle sits one folder below the repository, like server/main.ts, so that paths the server
 * finds from its own module (`../dist`, the built client) mean the same; files read next to a
 * module (the seed report) are copied beside it.
 */
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = `${root}dist-server`;

rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
const started = Date.now();
const result = await build({
  absWorkingDir: root,
  // The export renderer's thread loads its own module (server/export/exportRenderer.ts).
  entryPoints: ['server/main.ts', 'server/export/exportWorker.ts'],
  outdir: 'dist-server',
  entryNames: '[name]',
  bundle: true,
  // A module the server imports only when needed (`await import(...)`) becomes a chunk of its own,
  // with its packages: loaded, and kept in memory, only once something asks for it.
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  // Stack traces name our functions and classes as in the source.
  keepNames: true,
  logLevel: 'warning',
  metafile: true,
});
copyFileSync(`${root}server/seed/report-2012-02.txt`, `${outDir}/report-2012-02.txt`);
const bytes = Object.values(result.metafile.outputs).reduce((sum, output) => sum + output.bytes, 0);
const files = Object.keys(result.metafile.outputs).filter((file) => file.endsWith('.js')).length;
console.log(`server built: dist-server/main.js (${files} file${files === 1 ? '' : 's'}, ${(bytes / 1024).toFixed(0)} kB with source maps) in ${Date.now() - started} ms`);
