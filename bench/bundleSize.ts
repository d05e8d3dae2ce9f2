/**
 * What each route makes the browser download, from the built client (`npm run build` first):
 * the JavaScript and CSS of the overview, and what the measure page adds to it, raw and
 * gzipped. Run with `npm run bench:bundle`; `npx tsx bench/bundleSize.ts <dir>` measures a client
 * built elsewhere (`npx vite build --outDir <dir>`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { z } from 'zod';

const DIST = process.argv[2] ?? fileURLToPath(new URL('../dist', import.meta.url));

const ManifestSchema = z.record(
  z.string(),
  z.object({
    file: z.string(),
    imports: z.array(z.string()).optional(),
    dynamicImports: z.array(z.string()).optional(),
    css: z.array(z.string()).optional(),
    isEntry: z.boolean().optional(),
  }),
);
const manifest = ManifestSchema.parse(JSON.parse(readFileSync(join(DIST, '.vite/manifest.json'), 'utf8')));

/** Files a chunk loads up front: itself, its static imports (recursively) and their CSS. */
function closure(key: string, seen = new Set<string>()): Set<string> {
  const chunk = manifest[key];
  if (!chunk || seen.has(chunk.file)) return seen;
  seen.add(chunk.file);
  for (const css of chunk.css ?? []) seen.add(css);
  for (const imported of chunk.imports ?? []) closure(imported, seen);
  return seen;
}

function sizes(files: Iterable<string>, ext: string): { raw: number; gzip: number } {
  let raw = 0;
  let gzip = 0;
  for (const file of files) {
    if (!file.endsWith(ext)) continue;
    const bytes = readFileSync(join(DIST, file));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  return { raw, gzip };
}

const kB = (n: number) => `${(n / 1024).toFixed(1)} kB`;
const entryKey = Object.keys(manifest).find((k) => manifest[k]?.isEntry && k.endsWith('.html'));
if (!entryKey) throw new Error('no HTML entry in the manifest: run `npm run build` first');
const overview = closure(entryKey);
const measureKey = manifest[entryKey]?.dynamicImports?.find((k) => k.includes('MeasurePage'));
if (!measureKey) throw new Error('the measure page is not a separate chunk');
const measure = closure(measureKey, new Set(overview));

for (const [route, files] of [['overview', overview], ['measure page (overview + editor chunk)', measure]] as const) {
  const js = sizes(files, '.js');
  const css = sizes(files, '.css');
  console.log(`${route}: JS ${kB(js.raw)} (gzip ${kB(js.gzip)}), CSS ${kB(css.raw)} (gzip ${kB(css.gzip)})`);
}
