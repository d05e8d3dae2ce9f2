/**
 * What a flood of presence (awareness) messages does to everyone else, as the probe found it:
 * a read-only account sends 20 awareness messages of 15,000 client ids each into a measure
 * two editors are writing. Measures the server's peak memory, how long /api/health and an
 * honest edit take during and after the flood, and how many presence entries a client that
 * joins afterwards receives. The real server of a checkout in its own process. Prints figures;
 * asserts nothing.
 *
 *   npx tsx bench/presenceFlood.ts [server checkout]    (or SAMSKRIV_ROOT=...; default this one)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { awarenessFrame } from '../tests/helpers/frames.js';
import { connectClient, openRawSocket, synced, type TestClient } from '../tests/helpers/clients.js';
import { signIn } from '../tests/helpers/session.js';
import { waitFor } from '../tests/helpers/waitFor.js';
import { editTrip, quantile, sampleMemory, spawnServer, statusKiB, stopServer } from './lib/serverProcess.js';

const ROOT = resolve(process.argv[2] ?? process.env.SAMSKRIV_ROOT ?? fileURLToPath(new URL('..', import.meta.url)));
const ROOM = 'statusrapport-2012-02.5';
const MESSAGES = 20;
const IDS_PER_MESSAGE = 15_000;

async function healthMs(url: string): Promise<number> {
  const start = performance.now();
  await (await fetch(`${url}/api/health`)).arrayBuffer();
  return performance.now() - start;
}

const dataDir = mkdtempSync(join(tmpdir(), 'samskriv-bench-'));
const server = await spawnServer(ROOT, dataDir, { PASSWORD_HASH_LOG_N: '10' });
const clients: TestClient[] = [];
try {
  const jd = await signIn(server.url, 'jd');
  const hod = await signIn(server.url, 'hod');
  clients.push(connectClient(jd, ROOM), connectClient(jd, ROOM));
  const [writer, reader] = clients as [TestClient, TestClient];
  await Promise.all([synced(writer), synced(reader)]);
  const quiet: number[] = [];
  for (let i = 0; i < 10; i++) quiet.push(await editTrip(writer, reader, `før flommen ${i}`));
  const quietHealth = await healthMs(server.url);
  const baselineMiB = statusKiB(server.pid, 'VmRSS') / 1024;

  const memory = sampleMemory(server.pid);
  const flooder = await openRawSocket(hod, ROOM);
  const closed: { code: number | null } = { code: null };
  flooder.on('close', (code) => (closed.code = code));
  const started = performance.now();
  for (let message = 0; message < MESSAGES; message++) {
    // A state every version of the server accepts: a full presence user with a ministry.
    const entries = Array.from({ length: IDS_PER_MESSAGE }, (_, i) => ({
      clientId: 1_000_000 + message * IDS_PER_MESSAGE + i,
      clock: 1,
      state: { user: { name: 'Flom', ministry: 'HOD', color: '#000000' } },
    }));
    flooder.send(awarenessFrame(entries));
  }
  const during: number[] = [];
  const health: number[] = [];
  for (let i = 0; i < 10; i++) {
    health.push(await healthMs(server.url));
    during.push(await editTrip(writer, reader, `under flommen ${i}`));
  }
  const settledMs = performance.now() - started;
  const late = connectClient(jd, ROOM);
  clients.push(late);
  await synced(late);
  // What a client that joins now is told about who is present (the server sends it all at once).
  await waitFor(() => late.provider.awareness.getStates().size > 1, { what: 'presence at the late client', timeoutMs: 60_000 }).catch(() => false);
  const peak = memory.stop();

  console.log(`presence flood against ${ROOT}: ${MESSAGES} messages × ${IDS_PER_MESSAGE.toLocaleString('en')} client ids from a read-only account`);
  console.log(`  flooding socket: ${closed.code === null ? 'still open' : `closed with ${closed.code}`}`);
  console.log(
    `  honest edit, writer to reader: median ${quantile(during, 0.5).toFixed(0)} ms, max ${Math.max(...during).toFixed(0)} ms during the flood ` +
      `(before: median ${quantile(quiet, 0.5).toFixed(0)} ms); 10 edits done ${(settledMs / 1000).toFixed(1)} s after it started`,
  );
  console.log(`  /api/health: max ${Math.max(...health).toFixed(0)} ms during the flood (before: ${quietHealth.toFixed(0)} ms)`);
  console.log(`  presence entries at a client joining after the flood: ${late.provider.awareness.getStates().size.toLocaleString('en')}`);
  console.log(
    `  server memory: ${baselineMiB.toFixed(0)} MiB before, peak ${peak.sampledMiB.toFixed(0)} MiB sampled every 10 ms (VmHWM ${peak.hwmMiB.toFixed(0)} MiB)`,
  );
  flooder.terminate();
} finally {
  for (const client of clients) client.destroy();
  await stopServer(server);
  rmSync(dataDir, { recursive: true, force: true });
}
