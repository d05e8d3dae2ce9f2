/**
 * Samskriv's sync server side by side with the reference y-websocket server
 * (`@y/websocket-server`, everything in memory), with the shared load harness
 * (`../shared/harness/`, stock y-websocket clients): 35 documents × 6 and × 20 clients (2 writers
 * per document at 5 edits/s), the cold sync of a 20,000-edit document, 2,100 sockets (35 × 60)
 * with one writer per document at 1 edit/s, and the memory an idle socket costs. Prints each
 * figure and the ratio Samskriv / reference, against the goals README.md "Performance" states.
 *
 *   npx tsx bench/harness.ts [checkout] [--tsx] [--only load,cold,wide,idle]
 *
 * `checkout`: the Samskriv working tree to measure (default this one; e.g. a worktree of an
 * older commit); `--tsx`: run it from source through tsx, as `npm start` did before the server
 * was built to JavaScript. Environment: HARNESS_DIR (an installed copy of the harness; by
 * default ../shared/harness is copied to the system's temp folder and `npm ci` run there once),
 * PIN (1, the default: server on CPU 0, load generator on CPU 1), DURATION and WARMUP (20, 5 s),
 * COLD_REPEATS (15: fresh clients timed in the cold sync; the median of the harness's default 5
 * moved by ±30% between runs of one server).
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { freePort, harnessClientsSignedIn, harnessDir, num, PIN, pinnedTo, readJson, ROOT, signInCookie, startCommand, stop, waitForOutput, waitForPort, type LoadResult } from './lib/harness.js';

const args = process.argv.slice(2);
const fromSource = args.includes('--tsx');
const onlyAt = args.indexOf('--only');
const only = onlyAt >= 0 ? new Set((args[onlyAt + 1] ?? '').split(',')) : null;
const checkout = resolve(args.find((arg, i) => !arg.startsWith('--') && args[i - 1] !== '--only') ?? ROOT);
const wants = (part: string): boolean => only === null || only.has(part);
const DURATION = Number(process.env.DURATION ?? 20);

/** The command that runs the checkout's server (in a shell, from the checkout). */
function serverCommand(): string {
  return fromSource ? 'exec node_modules/.bin/tsx server/main.ts' : `exec ${startCommand(checkout)}`;
}

/**
 * A data folder with the embedded round and a signed-in coordinator session, made once: each
 * run gets a fresh copy of it (a session outlives a restart, it is in the database).
 */
async function signedInTemplate(work: string): Promise<{ template: string; cookie: string }> {
  const template = join(work, 'template');
  const password = 'bench-password-123';
  const child = spawn('bash', ['-c', serverCommand()], {
    cwd: checkout,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: template, DEMO_PASSWORD: password, PASSWORD_HASH_LOG_N: '12' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await waitForOutput(child, /listening on (http:\/\/[^\s"]+)/, 'the server');
  const cookie = await signInCookie(url, password).finally(() => stop(child));
  return { template, cookie };
}

interface ColdResult {
  ok: boolean;
  error?: string;
  sync_ms?: { median: number };
  sync_breakdown_ms_median?: { handshake: number; open_to_last_frame: number; apply_after_last_frame: number };
  server?: { cpu_s_syncs: number; rss_peak_mb: number };
}

/** Runs the harness's compare.sh (reference, then Samskriv) into `out`; a failed run shows in its results. */
function compare(harness: string, out: string, env: Record<string, string>, samskriv: string): void {
  spawnSync('bash', ['compare.sh'], {
    cwd: harness,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      PIN,
      OUT: out,
      OTHER_CMD: samskriv,
      OTHER_URL: 'ws://127.0.0.1:{port}/sync',
      OTHER_NAME: 'samskriv',
      LOAD_ARGS: '--room-template statusrapport-2012-02.{i1}',
      COLD_ARGS: '--room statusrapport-2012-02.35',
      ...env,
    },
  });
}

/** Summed RSS of a process (MB), averaged over a second (the heap breathes). */
async function rssOf(sample: (pid: number) => { rssMb: number }, pid: number): Promise<number> {
  let sum = 0;
  for (let i = 0; i < 5; i++) {
    sum += sample(pid).rssMb;
    await new Promise((done) => setTimeout(done, 200));
  }
  return sum / 5;
}

interface HarnessClient {
  synced: Promise<number>;
}
interface ClientModule {
  openClient(url: string, room: string, options: { user: Record<string, unknown>; timeoutMs: number }): HarnessClient;
  closeClient(client: HarnessClient): void;
}
interface ProcModule {
  sampleTree(this: void, pid: number): { rssMb: number };
}

/**
 * Memory per idle socket: RSS with one synced client per document (every document loaded),
 * then with 60 per document; the difference over the added sockets. Stock clients, each with a
 * presence state, nobody editing.
 */
async function idleSocketCost(harness: string, name: string, command: string, cwd: string, url: (port: number) => string): Promise<{ base: number; full: number; perSocketKb: number }> {
  const clients = (await import(pathToFileURL(join(harness, 'lib/client.mjs')).href)) as ClientModule;
  const proc = (await import(pathToFileURL(join(harness, 'lib/procstat.mjs')).href)) as ProcModule;
  const port = await freePort();
  const [program, ...programArgs] = [...pinnedTo(0), 'bash', '-c', command];
  const child = spawn(program, programArgs, {
    cwd,
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const open: HarnessClient[] = [];
  try {
    await waitForPort(port, child);
    const docs = 35;
    const connect = async (perDoc: number): Promise<void> => {
      const batch: HarnessClient[] = [];
      for (let i = 1; i <= docs; i++) {
        for (let k = 0; k < perDoc; k++) {
          batch.push(clients.openClient(url(port), `statusrapport-2012-02.${i}`, { user: { name: `idle ${i}.${k}`, color: '#336699', ministry: null }, timeoutMs: 120_000 }));
        }
        // A few rooms at a time: a connection storm is not what this measures.
        if (i % 5 === 0) await Promise.all(batch.map((client) => client.synced));
      }
      await Promise.all(batch.map((client) => client.synced));
      open.push(...batch);
    };
    await connect(1);
    await new Promise((done) => setTimeout(done, 3000));
    const base = await rssOf(proc.sampleTree, child.pid ?? 0);
    await connect(59);
    await new Promise((done) => setTimeout(done, 3000));
    const full = await rssOf(proc.sampleTree, child.pid ?? 0);
    const added = docs * 59;
    console.error(`  idle sockets on ${name}: ${base.toFixed(0)} MB with ${docs}, ${full.toFixed(0)} MB with ${docs * 60}`);
    return { base, full, perSocketKb: ((full - base) * 1024) / added };
  } finally {
    for (const client of open) clients.closeClient(client);
    if (child.pid && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((done) => child.once('exit', done));
      process.kill(-child.pid, 'SIGTERM');
      await exited;
    }
  }
}

const ratio = (ours: number | undefined, theirs: number | undefined): string =>
  ours === undefined || theirs === undefined || theirs === 0 ? '-' : `${(ours / theirs).toFixed(2)}×`;

const harness = harnessDir();
const work = mkdtempSync(join(tmpdir(), 'samskriv-bench-'));
try {
  if (!fromSource) {
    console.error(`building the server in ${checkout} ...`);
    execFileSync('node_modules/.bin/tsx', ['scripts/buildServer.ts'], { cwd: checkout, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  if (!existsSync(join(checkout, 'dist/index.html'))) execFileSync('npm', ['run', '-s', 'build'], { cwd: checkout, stdio: 'inherit' });
  const { template, cookie } = await signedInTemplate(work);
  harnessClientsSignedIn(cookie);
  const samskriv = `d=$(mktemp -d -p '${work}'); cp -a '${template}'/. "$d"/; cd '${checkout}' && DATA_DIR="$d" ${serverCommand()}`;
  const startLoad = loadavg()[0] ?? 0;

  const lines: string[] = [];
  const row = (cells: string[]): void => void lines.push(`| ${cells.join(' | ')} |`);
  if (wants('load') || wants('cold')) {
    const levels = wants('load') ? '35x6 35x20' : '';
    compare(harness, join(work, 'main'), { LEVELS: levels, COLD: wants('cold') ? '1' : '0', COLD_REPEATS: process.env.COLD_REPEATS ?? '15' }, samskriv);
  }
  if (wants('wide')) compare(harness, join(work, 'wide'), { LEVELS: '35x60', WRITERS: '1', RATE: '1', COLD: '0' }, samskriv);

  lines.push('', `Samskriv (${checkout}${fromSource ? ', through tsx' : ', built'}) / reference, one run, PIN=${PIN}; load average ${startLoad.toFixed(1)} at the start`);
  row(['load (docs × clients)', 'p99 ms', 'server CPU, % of a core', 'CPU ms per 1,000 deliveries', 'server memory, MB', 'generator ELU, machine busy %, other cores']);
  row(['---', '---', '---', '---', '---', '---']);
  // CPU per delivered update: comparable even when a saturated generator made one server deliver less.
  const perDelivery = (r: LoadResult): number | undefined =>
    r.server && r.throughput?.delivered_updates_per_s ? (r.server.cpu_s_window * 1e6) / (r.throughput.delivered_updates_per_s * DURATION) : undefined;
  for (const [folder, level] of [['main', '35x6'], ['main', '35x20'], ['wide', '35x60']] as const) {
    const ours = readJson<LoadResult>(join(work, folder, `load-samskriv-${level}.json`));
    const theirs = readJson<LoadResult>(join(work, folder, `load-reference-${level}.json`));
    if (!ours || !theirs) continue;
    const failed = [ours, theirs].filter((r) => !r.ok || (r.deliveries?.lost ?? 0) > 0 || r.convergence?.ok === false).map((r) => `${r.label}: ${r.error ?? 'lost or diverged'}`);
    row([
      level.replace('x', ' × ') + (failed.length > 0 ? ` (FAILED: ${failed.join('; ')})` : ''),
      `${num(ours.latency_ms?.p99)} / ${num(theirs.latency_ms?.p99)} (${ratio(ours.latency_ms?.p99, theirs.latency_ms?.p99)})`,
      `${num(ours.server?.cpu_pct_window, 0)} / ${num(theirs.server?.cpu_pct_window, 0)} (${ratio(ours.server?.cpu_s_window, theirs.server?.cpu_s_window)})`,
      `${num(perDelivery(ours), 0)} / ${num(perDelivery(theirs), 0)} (${ratio(perDelivery(ours), perDelivery(theirs))})`,
      `${num(ours.server?.rss_peak_mb, 0)} / ${num(theirs.server?.rss_peak_mb, 0)} (${ratio(ours.server?.rss_peak_mb, theirs.server?.rss_peak_mb)})`,
      `${num(ours.generator?.elu_max, 2)}/${num(theirs.generator?.elu_max, 2)}, ${num(ours.machine?.busy_pct_window, 0)}/${num(theirs.machine?.busy_pct_window, 0)}, ${num(ours.machine?.other_cores_window, 2)}/${num(theirs.machine?.other_cores_window, 2)}`,
    ]);
  }
  const coldOurs = readJson<ColdResult>(join(work, 'main', 'cold-samskriv.json'));
  const coldTheirs = readJson<ColdResult>(join(work, 'main', 'cold-reference.json'));
  if (coldOurs && coldTheirs) {
    row([
      'cold sync, 20,000 edits' + (coldOurs.ok && coldTheirs.ok ? '' : ` (FAILED: ${coldOurs.error ?? ''} ${coldTheirs.error ?? ''})`),
      `${num(coldOurs.sync_ms?.median)} / ${num(coldTheirs.sync_ms?.median)} (${ratio(coldOurs.sync_ms?.median, coldTheirs.sync_ms?.median)})`,
      '',
      '',
      `${num(coldOurs.server?.rss_peak_mb, 0)} / ${num(coldTheirs.server?.rss_peak_mb, 0)}`,
      '',
    ]);
    const parts = (r: ColdResult): string => {
      const b = r.sync_breakdown_ms_median;
      return `handshake ${num(b?.handshake)}, open to last frame ${num(b?.open_to_last_frame)}, client applying after it ${num(b?.apply_after_last_frame)} ms; server CPU over the syncs ${num(r.server?.cpu_s_syncs, 2)} s`;
    };
    lines.push('', `cold sync, medians of its parts: Samskriv ${parts(coldOurs)}; reference ${parts(coldTheirs)}`);
  }
  if (wants('idle')) {
    const ours = await idleSocketCost(harness, 'samskriv', `d=$(mktemp -d -p '${work}'); cp -a '${template}'/. "$d"/; DATA_DIR="$d" ${serverCommand()}`, checkout, (port) => `ws://127.0.0.1:${port}/sync`);
    const theirs = await idleSocketCost(harness, 'reference', 'exec node node_modules/@y/websocket-server/src/server.js', harness, (port) => `ws://127.0.0.1:${port}`);
    lines.push('', `memory per idle socket (35 → 2,100 sockets, one presence state each): Samskriv ${ours.perSocketKb.toFixed(1)} kB (${ours.base.toFixed(0)} → ${ours.full.toFixed(0)} MB), reference ${theirs.perSocketKb.toFixed(1)} kB (${theirs.base.toFixed(0)} → ${theirs.full.toFixed(0)} MB), ${ratio(ours.perSocketKb, theirs.perSocketKb)}`);
  }
  lines.push('', 'goals (README.md, "Performance"): at 35 × 6 and 35 × 20 CPU ≤ 1.0×, p99 ≤ 1.5×, memory ≤ 1.2×; cold sync ≤ 1.0×; 35 × 60 p99 < 50 ms');
  if (process.env.KEEP_BENCH) lines.push(`(every result, client and server log: ${work})`);
  console.log(lines.join('\n'));
} finally {
  if (!process.env.KEEP_BENCH) rmSync(work, { recursive: true, force: true });
}
