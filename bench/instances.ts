/**
 * Samskriv on one instance with SQLite, one instance with PostgreSQL and two instances on
 * PostgreSQL + Redis behind one address, side by side under the same load from the shared
 * harness (`../shared/harness/` load.mjs, stock y-websocket clients): 35 documents × 6 clients,
 * 2 writers per document at 5 edits/s, 5 s warm-up and a 20 s window. Prints p99 latency, the
 * server's CPU and memory (both instances summed for two), and PostgreSQL's and Redis's CPU.
 * Then the relay between instances: a stock client on instance A types 200 paragraphs, one at a
 * time, and a client on A and a client on B time when they see each; the difference is what the
 * Redis relay adds.
 *
 *   npm run bench:instances
 *
 * Every configuration runs the built server (as `npm start` does, built first) behind the
 * same small TCP proxy in this process (for two instances it sends each new connection to the
 * next instance in turn, so a document's clients are spread over both), on real PostgreSQL and
 * Redis servers started as the tests start them (tests/helpers). Environment: HARNESS_DIR (an
 * installed copy of the harness), PIN (1, the default: the instances on CPU 0, the load generator
 * on CPU 1; PostgreSQL, Redis and the proxy unpinned), DURATION and WARMUP (20, 5 s), EDITS (200
 * relayed edits), KEEP_BENCH (keep the logs and results).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { NARRATIVE_FIELD } from '../shared/documentLayout.js';
import { connectClient, synced, typeParagraph, type TestClient } from '../tests/helpers/clients.js';
import { startPostgres } from '../tests/helpers/postgres.js';
import { startRedis } from '../tests/helpers/redis.js';
import { startTcpProxy } from '../tests/helpers/tcpProxy.js';
import { buildServer, freePort, harnessClientsSignedIn, harnessDir, num, parseLastLine, PIN, pinnedTo, ROOT, signInCookie, startCommand, waitForPort, type LoadResult } from './lib/harness.js';
import { quantile } from './lib/serverProcess.js';

const DURATION = Number(process.env.DURATION ?? 20);
const WARMUP = Number(process.env.WARMUP ?? 5);
const EDITS = Number(process.env.EDITS ?? 200);
const PASSWORD = 'bench-password-123';
const ROOM = (i: number): string => `statusrapport-2012-02.${i}`;

interface ProcModule {
  sampleTree(this: void, pid: number): { cpuS: number; rssMb: number };
}

/** Instances of the built server under one shell (so the harness samples them as one process tree), pinned with PIN. */
interface Group {
  child: ChildProcess;
  urls: string[];
  exited: Promise<void>;
}

const quote = (value: string): string => `'${value.replaceAll("'", `'\\''`)}'`;

async function startGroup(work: string, name: string, instances: Array<Record<string, string>>): Promise<Group> {
  const ports: number[] = [];
  for (const _ of instances) ports.push(await freePort());
  const script = instances
    .map((env, i) => {
      const assignments = Object.entries({ ...env, PORT: String(ports[i]), DATA_DIR: mkdtempSync(join(work, `${name}-data-`)) })
        .map(([key, value]) => `${key}=${quote(value)}`)
        .join(' ');
      return `${assignments} ${startCommand(ROOT)} &`;
    })
    .join(' ');
  const log = openSync(join(work, `${name}.server.log`), 'a');
  const [program, ...programArgs] = [...pinnedTo(0), 'bash', '-c', `${script} wait`];
  const child = spawn(program ?? 'bash', programArgs, {
    cwd: ROOT,
    env: { ...process.env, HOST: '127.0.0.1', DEMO_PASSWORD: PASSWORD, PASSWORD_HASH_LOG_N: '12' },
    stdio: ['ignore', log, log],
    detached: true,
  });
  closeSync(log);
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const urls = ports.map((port) => `http://127.0.0.1:${port}`);
  try {
    for (const port of ports) await waitForPort(port, child);
    for (const url of urls) {
      for (let i = 0; ; i++) {
        const ready = await fetch(`${url}/api/health/ready`).then((r) => r.ok, () => false);
        if (ready) break;
        if (i > 300) throw new Error(`${url} is not ready`);
        await new Promise((done) => setTimeout(done, 100));
      }
    }
  } catch (error) {
    await stopGroup({ child, urls, exited });
    throw new Error(`${name}: ${String(error)}\n${readFileSync(join(work, `${name}.server.log`), 'utf8')}`, { cause: error });
  }
  return { child, urls, exited };
}

async function stopGroup(group: Group): Promise<void> {
  if (group.child.pid === undefined || group.child.exitCode !== null || group.child.signalCode !== null) return;
  process.kill(-group.child.pid, 'SIGTERM');
  const killer = setTimeout(() => group.child.pid !== undefined && process.kill(-group.child.pid, 'SIGKILL'), 10_000);
  await group.exited;
  clearTimeout(killer);
}

/** The first process whose arguments `matches` (the PostgreSQL postmaster, redis-server, by their ports); null when none. */
function processWith(matches: (argv: string[]) => boolean): number | null {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').filter(Boolean);
      if (matches(argv)) return Number(entry);
    } catch {
      // Gone meanwhile.
    }
  }
  return null;
}

interface Measured {
  name: string;
  load: LoadResult | null;
  /** PostgreSQL and Redis over the measured window: CPU % of one core, memory at its end (MB). */
  backing: { cpuPct: number; rssMb: number } | null;
}

/**
 * Runs load.mjs (pinned to CPU 1) against `url` with `serverPid`'s tree sampled; `backing` (the
 * PostgreSQL and Redis processes) is sampled at the start and the end of the measured window.
 */
async function runLoad(harness: string, work: string, name: string, url: string, serverPid: number, backing: number[]): Promise<Measured> {
  const proc = (await import(pathToFileURL(join(harness, 'lib/procstat.mjs')).href)) as ProcModule;
  const args = ['load.mjs', '--url', url, '--room-template', 'statusrapport-2012-02.{i1}', '--docs', '35', '--clients-per-doc', '6', '--writers-per-doc', '2', '--rate', '5'];
  args.push('--duration', String(DURATION), '--warmup', String(WARMUP), '--server-pid', String(serverPid), '--label', name, '--json');
  const [program, ...programArgs] = [...pinnedTo(1), 'node', ...args];
  const child = spawn(program ?? 'node', programArgs, { cwd: harness, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const sample = (): { cpuS: number; rssMb: number; t: number } => {
    const parts = backing.map((pid) => proc.sampleTree(pid));
    return { cpuS: parts.reduce((s, p) => s + p.cpuS, 0), rssMb: parts.reduce((s, p) => s + p.rssMb, 0), t: performance.now() };
  };
  let windowStart: ReturnType<typeof sample> | null = null;
  let windowEnd: ReturnType<typeof sample> | null = null;
  const timers: NodeJS.Timeout[] = [];
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => {
    const before = stderr;
    stderr += chunk.toString();
    // Editing starts once every client has synced: the window is WARMUP s later, DURATION s long.
    if (!before.includes('connected+synced') && stderr.includes('connected+synced') && backing.length > 0) {
      timers.push(setTimeout(() => (windowStart = sample()), WARMUP * 1000));
      timers.push(setTimeout(() => (windowEnd = sample()), (WARMUP + DURATION) * 1000));
    }
  });
  await new Promise((done) => child.once('exit', done));
  for (const timer of timers) clearTimeout(timer);
  writeFileSync(join(work, `${name.replace(/\W+/g, '-')}.load.log`), stderr);
  const load = parseLastLine<LoadResult>(stdout);
  if (!load) console.error(`${name}: load.mjs gave no result:\n${stderr.slice(-3000)}`);
  const start = windowStart as ReturnType<typeof sample> | null;
  const end = windowEnd as ReturnType<typeof sample> | null;
  const measured = start && end ? { cpuPct: (100 * (end.cpuS - start.cpuS)) / ((end.t - start.t) / 1000), rssMb: end.rssMb } : null;
  return { name, load, backing: measured };
}

/** Types a paragraph on `from`; resolves with the ms until each of `to` has it (observed, not polled). */
function tripToEach(from: TestClient, to: TestClient[], text: string): Promise<number[]> {
  const start = performance.now();
  const arrivals = to.map(
    (client) =>
      new Promise<number>((done, fail) => {
        const fragment = client.doc.getXmlFragment(NARRATIVE_FIELD);
        const timeout = setTimeout(() => fail(new Error('a relayed edit did not arrive within 30 s')), 30_000);
        const check = (): void => {
          if (client.text().includes(text)) {
            clearTimeout(timeout);
            fragment.unobserveDeep(check);
            done(performance.now() - start);
          }
        };
        fragment.observeDeep(check);
      }),
  );
  typeParagraph(from, text);
  return Promise.all(arrivals);
}

/** A stock client on A types EDITS paragraphs one at a time; a client on A and one on B time each. */
async function relayLatency(a: string, b: string, cookie: string): Promise<{ onA: number[]; onB: number[] }> {
  const room = ROOM(1);
  const writer = connectClient({ url: a, cookie }, room);
  const onA = connectClient({ url: a, cookie }, room);
  const onB = connectClient({ url: b, cookie }, room);
  const clients = [writer, onA, onB];
  try {
    await Promise.all(clients.map((client) => synced(client)));
    await new Promise((done) => setTimeout(done, 2000));
    const samples = { onA: [] as number[], onB: [] as number[] };
    for (let i = 0; i < EDITS + 10; i++) {
      const [toA, toB] = await tripToEach(writer, [onA, onB], `Relé ${i} ${Math.random().toString(36).slice(2, 8)}.`);
      // The first ten warm the path up (JIT, connections).
      if (i >= 10 && toA !== undefined && toB !== undefined) {
        samples.onA.push(toA);
        samples.onB.push(toB);
      }
      await new Promise((done) => setTimeout(done, 10));
    }
    return samples;
  } finally {
    for (const client of clients) client.destroy();
  }
}

const harness = harnessDir();
const work = mkdtempSync(join(tmpdir(), 'samskriv-instances-'));
const pg = await startPostgres();
const redis = await startRedis();
const results: Measured[] = [];
let relay: { onA: number[]; onB: number[] } | null = null;
const startLoad = loadavg()[0] ?? 0;
try {
  buildServer(ROOT);
  const pgPid = processWith((argv) => /postgres$/.test(argv[0] ?? '') && argv.includes('-p') && argv[argv.indexOf('-p') + 1] === String(pg.port));
  const redisPid = processWith((argv) => (argv[0] ?? '').includes('redis-server') && argv.join(' ').includes(`:${redis.port}`));
  if (pgPid === null || redisPid === null) throw new Error(`PostgreSQL (${pgPid}) or Redis (${redisPid}) not found in /proc`);

  const configurations: Array<{ name: string; instances: Array<Record<string, string>>; backing: number[] }> = [
    { name: 'one instance, SQLite', instances: [{}], backing: [] },
    { name: 'one instance, PostgreSQL', instances: [{ DATABASE_URL: await pg.createDatabase() }], backing: [pgPid] },
  ];
  const sharedUrl = await pg.createDatabase();
  const both = { DATABASE_URL: sharedUrl, REDIS_URL: redis.url };
  configurations.push({ name: 'two instances, PostgreSQL + Redis', instances: [both, both], backing: [pgPid, redisPid] });

  for (const [index, configuration] of configurations.entries()) {
    console.error(`${configuration.name} ...`);
    const group = await startGroup(work, `config${index}`, configuration.instances);
    let next = 0;
    const ports = group.urls.map((url) => Number(new URL(url).port));
    // Each new connection to the next instance in turn.
    const proxy = await startTcpProxy(() => ports[next++ % ports.length] ?? 0);
    try {
      const cookie = await signInCookie(proxy.url, PASSWORD);
      harnessClientsSignedIn(cookie);
      results.push(await runLoad(harness, work, configuration.name, `ws://127.0.0.1:${proxy.port}/sync`, group.child.pid ?? 0, configuration.backing));
      if (group.urls.length === 2) {
        console.error('relay between the instances ...');
        await new Promise((done) => setTimeout(done, 3000));
        relay = await relayLatency(group.urls[0] ?? '', group.urls[1] ?? '', cookie);
      }
    } finally {
      await proxy.close();
      await stopGroup(group);
    }
  }
} finally {
  await redis.stop();
  await pg.stop();
  if (!process.env.KEEP_BENCH) rmSync(work, { recursive: true, force: true });
}

const lines: string[] = [];
const row = (cells: string[]): void => void lines.push(`| ${cells.join(' | ')} |`);
lines.push(
  '',
  `35 documents × 6 clients, 2 writers per document at 5 edits/s, ${WARMUP} s warm-up + ${DURATION} s window; built server behind one TCP proxy; PIN=${PIN}; ${cpus().length} cores, load average ${startLoad.toFixed(1)} at the start; ${new Date().toISOString().slice(0, 16)}Z`,
);
row(['configuration', 'p50 / p99 / max ms', 'server CPU, % of a core', 'server memory peak, MB', 'PostgreSQL + Redis CPU %, MB', 'lost, converged', 'generator ELU, machine busy %, other cores']);
row(['---', '---', '---', '---', '---', '---', '---']);
for (const { name, load, backing } of results) {
  if (!load || !load.ok) {
    row([name, `FAILED: ${load?.error?.split('\n')[0] ?? 'no result'}`, '', '', '', '', '']);
    continue;
  }
  row([
    name,
    `${num(load.latency_ms?.p50, 2)} / ${num(load.latency_ms?.p99)} / ${num(load.latency_ms?.max, 0)}`,
    num(load.server?.cpu_pct_window, 0),
    num(load.server?.rss_peak_mb, 0),
    backing ? `${num(backing.cpuPct, 0)}, ${num(backing.rssMb, 0)}` : '-',
    `${load.deliveries?.lost ?? '-'}, ${load.convergence?.ok === true ? 'yes' : 'NO'}`,
    `${num(load.generator?.elu_max, 2)}, ${num(load.machine?.busy_pct_window, 0)}, ${num(load.machine?.other_cores_window, 2)}`,
  ]);
}
if (relay && relay.onA.length > 0) {
  const [a50, a99, b50, b99] = [quantile(relay.onA, 0.5), quantile(relay.onA, 0.99), quantile(relay.onB, 0.5), quantile(relay.onB, 0.99)];
  lines.push(
    '',
    `relay between instances (idle, ${relay.onA.length} edits typed on A one at a time): seen on A median ${a50.toFixed(2)} ms, p99 ${a99.toFixed(2)} ms; seen on B median ${b50.toFixed(2)} ms, p99 ${b99.toFixed(2)} ms; the Redis relay adds ${(b50 - a50).toFixed(2)} ms at the median, ${(b99 - a99).toFixed(2)} ms at p99`,
  );
}
if (process.env.KEEP_BENCH) lines.push(`(server logs: ${work})`);
console.log(lines.join('\n'));
