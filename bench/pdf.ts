/**
 * How long the tagged PDF of the 35-measure seed report takes to make (goal: under a second),
 * the first time in a process (fonts read and unpacked) and after. Prints figures; asserts nothing.
 */
import { renderPdf, type ExportMeta } from '../server/export/index.js';
import { DEFAULT_PLAN, DEFAULT_ROUND } from '../server/seed/buildRoundSeed.js';
import { loadSeedReport } from '../server/seed/loadSeedReport.js';
import { importedReportContent } from '../tests/helpers/importedContent.js';

const RUNS = 10;
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

const content = importedReportContent(loadSeedReport(), { ...DEFAULT_ROUND, planTitle: DEFAULT_PLAN.title, deadline: '2012-02-29T12:00:00+01:00' });
const meta: ExportMeta = {
  draft: false,
  snapshot: { id: 'bench', roundId: DEFAULT_ROUND.id, takenAt: '2012-02-29T11:00:00.000Z', takenBy: null, reason: 'deadline', note: null, sha256: 'd'.repeat(64) },
  generatedAt: new Date().toISOString(),
};

const timed = async (): Promise<{ ms: number; bytes: number }> => {
  const start = performance.now();
  const pdf = await renderPdf(content, meta);
  return { ms: performance.now() - start, bytes: pdf.length };
};

const first = await timed();
const after: number[] = [];
for (let i = 0; i < RUNS; i++) after.push((await timed()).ms);
console.log(`PDF export of the 35-measure report (${(first.bytes / 1024).toFixed(0)} KiB):`);
console.log(`  first in the process ${first.ms.toFixed(0)} ms; then median ${median(after).toFixed(0)} ms, slowest ${Math.max(...after).toFixed(0)} ms (${RUNS} runs)`);
