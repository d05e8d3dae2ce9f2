/**
 * What a flood of wrong sign-ins does to everyone else: the real server as its own process at
 * the production scrypt cost, 200 wrong sign-ins at once (from one address, then from 200), and
 * meanwhile a real user's sign-in (retrying after Retry-After on 429/503, timed in total), an
 * honest edit's trip between two y-websocket clients, and the server's peak memory. A third
 * round keeps the 200-address flood up for a while (each sender sends again as soon as it is
 * answered). Prints figures; asserts nothing.
 *
 *   npx tsx bench/signInFlood.ts [server checkout]    (or SAMSKRIV_ROOT=...; default this one)
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { connectClient, synced, type TestClient } from '../tests/helpers/clients.js';
import { TEST_PASSWORD, type Target } from '../tests/helpers/session.js';
import { editTrip, quantile, sampleMemory, spawnServer as spawnCheckout, statusKiB, stopServer, type Server } from './lib/serverProcess.js';

const ROOT = resolve(process.argv[2] ?? process.env.SAMSKRIV_ROOT ?? fileURLToPath(new URL('..', import.meta.url)));
const FLOOD_SIZE = 200;
const SUSTAINED_MS = 30_000;
/** The real user gives up after this long. */
const SIGN_IN_PATIENCE_MS = 180_000;
const ROOM = 'statusrapport-2012-02.5';
const PRODUCTION_LOG_N = '17';
const EDITOR_ADDRESS = '10.200.0.1';
const REAL_USER_ADDRESS = '10.200.0.2';

/** The checkout's server at the production scrypt cost, behind a (pretend) proxy. */
function spawnServer(dataDir: string): Promise<Server> {
  return spawnCheckout(ROOT, dataDir, {
    PASSWORD_HASH_LOG_N: PRODUCTION_LOG_N,
    // Each flood request may then bring its own address in X-Forwarded-For: the worst case.
    TRUST_PROXY: '1',
    PUBLIC_URL: 'http://127.0.0.1',
  });
}

function postSession(url: string, username: string, password: string, address: string): Promise<Response> {
  return fetch(`${url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
    body: JSON.stringify({ username, password }),
  });
}

async function signInAs(url: string, username: string, address: string): Promise<Target> {
  const response = await postSession(url, username, TEST_PASSWORD, address);
  if (!response.ok) throw new Error(`sign-in as ${username}: HTTP ${response.status}`);
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('samskriv_session='));
  return { url, cookie: cookie?.split(';')[0] ?? '' };
}

/** A real user signing in, who waits as told by Retry-After and tries again. */
async function realUserSignIn(url: string): Promise<{ ms: number; tries: number; refusals: string[]; ok: boolean }> {
  const start = performance.now();
  const refusals: string[] = [];
  for (let tries = 1; ; tries++) {
    const response = await postSession(url, 'koordinator', TEST_PASSWORD, REAL_USER_ADDRESS);
    await response.arrayBuffer();
    if (response.ok) return { ms: performance.now() - start, tries, refusals, ok: true };
    const retryAfter = Number(response.headers.get('retry-after') ?? '1');
    refusals.push(`${response.status}/${retryAfter}s`);
    if (performance.now() - start + retryAfter * 1000 > SIGN_IN_PATIENCE_MS) return { ms: performance.now() - start, tries, refusals, ok: false };
    await new Promise((done) => setTimeout(done, retryAfter * 1000));
  }
}

interface Scenario {
  name: string;
  address: (i: number) => string;
  /** Keep each sender sending for this long; 0 sends each once. */
  sustainMs: number;
}

async function run(dataDir: string, scenario: Scenario): Promise<void> {
  const server = await spawnServer(dataDir);
  const clients: TestClient[] = [];
  try {
    const editor = await signInAs(server.url, 'jd', EDITOR_ADDRESS);
    clients.push(connectClient(editor, ROOM), connectClient(editor, ROOM));
    const [writer, reader] = clients as [TestClient, TestClient];
    await Promise.all([synced(writer), synced(reader)]);
    const quiet: number[] = [];
    for (let i = 0; i < 10; i++) quiet.push(await editTrip(writer, reader, `før flommen ${i} ${Date.now()}`));

    // VmHWM counts from start-up; reset it (where the kernel allows) so it is the flood's.
    try {
      writeFileSync(`/proc/${server.pid}/clear_refs`, '5');
    } catch {
      // Left as it is; the sampled peak still stands.
    }
    const baselineMiB = statusKiB(server.pid, 'VmRSS') / 1024;
    const memory = sampleMemory(server.pid);
    const statuses = new Map<number, number>();
    const started = performance.now();
    const sender = async (i: number): Promise<void> => {
      for (let n = 0; ; n++) {
        try {
          const response = await postSession(server.url, `flom${i}x${n}`, 'feil-passord', scenario.address(i));
          await response.arrayBuffer();
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        } catch {
          statuses.set(0, (statuses.get(0) ?? 0) + 1);
        }
        if (performance.now() - started > scenario.sustainMs) return;
      }
    };
    const flood = Promise.all(Array.from({ length: FLOOD_SIZE }, (_, i) => sender(i))).then(() => performance.now() - started);
    const realUser = realUserSignIn(server.url);

    let floodMs: number | null = null;
    void flood.then((ms) => (floodMs = ms));
    let signedIn = false;
    void realUser.then(() => (signedIn = true));
    const during: number[] = [];
    for (let i = 0; floodMs === null || !signedIn; i++) {
      during.push(await editTrip(writer, reader, `under flommen ${i} ${Date.now()}`));
      await new Promise((done) => setTimeout(done, 200));
    }
    const user = await realUser;
    const peak = memory.stop();
    const answers = [...statuses].sort(([a], [b]) => a - b).map(([status, n]) => `${n}×${status === 0 ? 'error' : status}`);

    console.log(`\n${scenario.name}`);
    console.log(`  flood: ${answers.join(', ')}; all answered after ${((floodMs ?? NaN) / 1000).toFixed(1)} s`);
    console.log(
      `  real user's sign-in: ${user.ok ? '' : 'NOT signed in, gave up after '}${(user.ms / 1000).toFixed(1)} s, ${user.tries} tries` +
        (user.refusals.length > 0 ? ` (refused: ${user.refusals.slice(0, 6).join(', ')}${user.refusals.length > 6 ? ', ...' : ''})` : ''),
    );
    console.log(
      `  honest edit, writer to reader: median ${quantile(during, 0.5).toFixed(0)} ms, p95 ${quantile(during, 0.95).toFixed(0)} ms, ` +
        `max ${Math.max(...during).toFixed(0)} ms (${during.length} edits; before the flood median ${quantile(quiet, 0.5).toFixed(0)} ms)`,
    );
    console.log(
      `  server memory: ${baselineMiB.toFixed(0)} MiB before, peak ${peak.sampledMiB.toFixed(0)} MiB sampled every 10 ms ` +
        `(VmHWM ${peak.hwmMiB.toFixed(0)} MiB)`,
    );
  } finally {
    for (const client of clients) client.destroy();
    await stopServer(server);
  }
}

const dataDir = mkdtempSync(join(tmpdir(), 'samskriv-bench-'));
try {
  console.log(`sign-in flood against ${ROOT}: scrypt N=2^${PRODUCTION_LOG_N}, ${FLOOD_SIZE} wrong sign-ins at once`);
  // The first start creates the demo accounts (eight hashes); each round then starts afresh.
  await stopServer(await spawnServer(dataDir));
  await run(dataDir, { name: `${FLOOD_SIZE} at once from one address`, address: () => '10.66.0.1', sustainMs: 0 });
  await run(dataDir, { name: `${FLOOD_SIZE} at once from ${FLOOD_SIZE} addresses`, address: (i) => `10.66.${i >> 8}.${i & 255}`, sustainMs: 0 });
  await run(dataDir, {
    name: `${FLOOD_SIZE} from ${FLOOD_SIZE} addresses, each sending again when answered, for ${SUSTAINED_MS / 1000} s`,
    address: (i) => `10.66.${i >> 8}.${i & 255}`,
    sustainMs: SUSTAINED_MS,
  });
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
