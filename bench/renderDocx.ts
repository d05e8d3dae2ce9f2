/**
 * Renders the exported DOCX of the 35-measure seed report to PNG pages, to look at the layout
 * the way a reader's word processor shows it: LibreOffice makes a PDF of it, pdftoppm the pages.
 * Prints where they went; asserts nothing (not part of `npm test`).
 *
 *   npx tsx bench/renderDocx.ts [--draft] [--out <dir>] [--dpi <n>]
 *
 * Needs `soffice` and `pdftoppm`: `apt-get install -y libreoffice-writer-nogui poppler-utils`.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { renderDocx } from '../server/export/index.js';
import { DEFAULT_PLAN, DEFAULT_ROUND } from '../server/seed/buildRoundSeed.js';
import { loadSeedReport } from '../server/seed/loadSeedReport.js';
import { importedReportContent } from '../tests/helpers/importedContent.js';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const draft = args.includes('--draft');
const out = resolve(option('--out') ?? 'test-artifacts/docx-pages');
const dpi = option('--dpi') ?? '60';

for (const tool of ['soffice', 'pdftoppm']) {
  try {
    execFileSync('which', [tool], { stdio: 'ignore' });
  } catch {
    console.error(`renderDocx: ${tool} not found; install it with: apt-get install -y libreoffice-writer-nogui poppler-utils`);
    process.exit(1);
  }
}

const content = importedReportContent(loadSeedReport(), { ...DEFAULT_ROUND, planTitle: DEFAULT_PLAN.title, deadline: '2012-02-29T12:00:00+01:00' });
const sha256 = '3f2a9c1b7d4e5f60718293a4b5c6d7e8f90123456789abcdef0123456789abcd';
const docx = await renderDocx(
  content,
  draft
    ? { draft: true, snapshot: null, generatedAt: new Date().toISOString() }
    : {
        draft: false,
        snapshot: { id: 'bench', roundId: DEFAULT_ROUND.id, takenAt: '2012-02-29T11:00:00.000Z', takenBy: null, reason: 'deadline', note: null, sha256 },
        generatedAt: new Date().toISOString(),
      },
);

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const docxFile = join(out, 'rapport.docx');
writeFileSync(docxFile, docx);

// A profile of its own, so a LibreOffice the user has open (or another run) does not block this one.
const profile = mkdtempSync(join(tmpdir(), 'samskriv-soffice-'));
const started = performance.now();
try {
  execFileSync('soffice', [`-env:UserInstallation=${pathToFileURL(profile).href}`, '--headless', '--convert-to', 'pdf', '--outdir', out, docxFile], { stdio: 'pipe' });
} finally {
  rmSync(profile, { recursive: true, force: true });
}
const converted = performance.now() - started;
execFileSync('pdftoppm', ['-png', '-r', dpi, join(out, 'rapport.pdf'), join(out, 'side')]);
const pages = readdirSync(out).filter((name) => name.endsWith('.png')).sort();

console.log(`${draft ? 'draft' : 'snapshot'} DOCX of the seed report: ${(docx.length / 1024).toFixed(0)} KiB, converted by LibreOffice in ${converted.toFixed(0)} ms`);
console.log(`${pages.length} pages at ${dpi} dpi in ${out}/:`);
for (const page of pages) console.log(`  ${join(out, page)}`);
