/**
 * Sync server figures on this machine: relay latency of one edit from one client to another
 * (stored in SQLite before it is relayed), edits per second under a burst, and the time to
 * load a document cold after compaction. Run with `npm run bench`.
 */
import { rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { measureDocName } from '../shared/documentLayout.js';
import { DEFAULT_ROUND } from '../server/seed/buildRoundSeed.js';
import { connectClient, synced, typeParagraph } from '../tests/helpers/clients.js';
import { startTestServer, tempDataDir } from '../tests/helpers/server.js';
import { waitFor } from '../tests/helpers/waitFor.js';

const SEQUENTIAL_EDITS = 300;
const BURST_EDITS = 2000;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

const dataDir = tempDataDir();
const server = await startTestServer({ dataDir });
const doc = measureDocName(DEFAULT_ROUND.id, 1);
const writer = connectClient(server, doc);
const reader = connectClient(server, doc);
await Promise.all([synced(writer), synced(reader)]);

const latencies: number[] = [];
for (let i = 0; i < SEQUENTIAL_EDITS; i++) {
  const marker = `seq-${i}.`;
  const start = performance.now();
  typeParagraph(writer, marker);
  await waitFor(() => reader.text().endsWith(marker), { intervalMs: 0 });
  latencies.push(performance.now() - start);
}
latencies.sort((a, b) => a - b);

const burstStart = performance.now();
for (let i = 0; i < BURST_EDITS; i++) typeParagraph(writer, `burst-${i}.`);
await waitFor(() => reader.text().endsWith(`burst-${BURST_EDITS - 1}.`), { intervalMs: 1, timeoutMs: 120_000 });
const burstMs = performance.now() - burstStart;

writer.destroy();
reader.destroy();
await server.close();

const again = await startTestServer({ dataDir });
const coldStart = performance.now();
const late = connectClient(again, doc);
await synced(late);
const coldMs = performance.now() - coldStart;
const chars = late.text().length;
late.destroy();
await again.close();
rmSync(dataDir, { recursive: true, force: true });

console.log(`relay latency, one edit stored then relayed (${SEQUENTIAL_EDITS} edits, one at a time):`);
console.log(`  p50 ${percentile(latencies, 50).toFixed(2)} ms  p95 ${percentile(latencies, 95).toFixed(2)} ms  max ${latencies.at(-1)?.toFixed(2)} ms`);
console.log(`burst: ${BURST_EDITS} edits stored and relayed in ${burstMs.toFixed(0)} ms (${((BURST_EDITS / burstMs) * 1000).toFixed(0)} edits/s)`);
console.log(`cold load after restart: ${coldMs.toFixed(1)} ms to sync a ${chars}-character narrative`);
