/**
 * What the benches that drive the shared load harness (`../shared/harness/`) share: an installed
 * copy of it, the built server of a checkout as a process, a session cookie for the harness's
 * clients (HARNESS_HEADERS), pinning to CPUs, and reading the harness's JSON results.
 */
import { execFileSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, readFileSync } from 'node:fs';
import { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
export { freePort } from '../../tests/helpers/freePort.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** PIN=1 (the default): the server on CPU 0, the load generator on CPU 1. */
export const PIN = process.env.PIN ?? '1';
/** The command prefix that puts a process on `cpu` when pinning (empty otherwise). */
export const pinnedTo = (cpu: number): string[] => (PIN === '1' ? ['taskset', '-c', String(cpu)] : []);

/** Where an installed copy of the harness is (HARNESS_DIR, else ../shared/harness copied to the temp folder and `npm ci`-ed once). */
export function harnessDir(): string {
  const given = process.env.HARNESS_DIR;
  if (given) return resolve(given);
  const source = resolve(ROOT, '../shared/harness');
  const copy = join(tmpdir(), 'samskriv-harness');
  if (!existsSync(join(copy, 'node_modules/@y/websocket-server'))) {
    if (!existsSync(source)) throw new Error(`no harness: set HARNESS_DIR or put it in ${source}`);
    cpSync(source, copy, { recursive: true, filter: (path) => !path.includes('node_modules') && !path.includes('/results') });
    console.error(`installing the harness in ${copy} ...`);
    execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: copy, stdio: 'inherit' });
  }
  return copy;
}

/**
 * How `npm start` runs the built server of `checkout`: the command after the build in its
 * package.json's start script (`node <flags> dist-server/main.js`, after an `exec` that lets npm's
 * signals reach it), so that a bench measures what people run, and an older checkout as it ran then.
 */
export function startCommand(checkout: string): string {
  const pkg: unknown = JSON.parse(readFileSync(join(checkout, 'package.json'), 'utf8'));
  const start = (pkg as { scripts?: { start?: unknown } }).scripts?.start;
  const command = typeof start === 'string' ? start.split('&&').at(-1)?.trim().replace(/^exec /, '') : undefined;
  if (!command?.startsWith('node ')) throw new Error(`the start script of ${checkout} does not end in a node command: ${String(start)}`);
  return command;
}

/** Builds the server of `checkout` (and the client, when it has none yet): the benches run it as `startCommand` says. */
export function buildServer(checkout: string): void {
  console.error(`building the server in ${checkout} ...`);
  execFileSync('node_modules/.bin/tsx', ['scripts/buildServer.ts'], { cwd: checkout, stdio: ['ignore', 'ignore', 'inherit'] });
  if (!existsSync(join(checkout, 'dist/index.html'))) execFileSync('npm', ['run', '-s', 'build'], { cwd: checkout, stdio: 'inherit' });
}

/** Resolves with the first group of `pattern` (or the match) once the child prints it; rejects if it exits first. */
export function waitForOutput(child: ChildProcess, pattern: RegExp, what: string): Promise<string> {
  let output = '';
  return new Promise((done, fail) => {
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = pattern.exec(output);
      if (match) done(match[1] ?? match[0]);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => fail(new Error(`${what} exited (${code}):\n${output}`)));
  });
}

/** SIGTERM, resolved once the child has exited. */
export function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    child.once('exit', () => done());
    child.kill('SIGTERM');
  });
}

/** Resolves once something accepts TCP on 127.0.0.1:`port`; rejects if `child` exits first. */
export async function waitForPort(port: number, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error('server exited during start');
    const ok = await new Promise<boolean>((done) => {
      const socket = new Socket();
      socket.once('connect', () => {
        socket.destroy();
        done(true);
      });
      socket.once('error', () => done(false));
      socket.connect(port, '127.0.0.1');
    });
    if (ok) return;
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error(`nothing listening on ${port}`);
}

/** Signs in as `username` through `POST /api/session`; answers the `samskriv_session=…` cookie. */
export async function signInCookie(url: string, password: string, username = 'koordinator'): Promise<string> {
  const response = await fetch(`${url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('samskriv_session='))?.split(';')[0];
  if (!response.ok || !cookie) throw new Error(`sign-in failed: HTTP ${response.status}`);
  return cookie;
}

/**
 * What the harness's clients need to be let in by Samskriv: the session cookie on every upgrade
 * and the `ministry` field in their presence (worker threads inherit the environment).
 */
export function harnessClientsSignedIn(cookie: string): void {
  process.env.HARNESS_HEADERS = JSON.stringify({ cookie });
  process.env.HARNESS_USER_EXTRA = JSON.stringify({ ministry: null });
}

/** The result line of the harness's load.mjs (the fields the benches read). */
export interface LoadResult {
  ok: boolean;
  error?: string;
  label?: string;
  profile?: { docs: number; clients_per_doc: number };
  latency_ms?: { p50: number; p99: number; max: number };
  deliveries?: { lost: number };
  server?: { cpu_s_window: number; cpu_pct_window: number; rss_peak_mb: number };
  throughput?: { delivered_updates_per_s: number };
  generator?: { elu_max: number; bound: string };
  machine?: { busy_pct_window: number; other_cores_window: number };
  convergence?: { ok: boolean };
}

/** The last line of a harness result file as JSON; null when there is none. */
export function readJson<T>(file: string): T | null {
  try {
    return parseLastLine<T>(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/** The last non-empty line of `text` as JSON; null when it is not. */
export function parseLastLine<T>(text: string): T | null {
  try {
    return JSON.parse(text.trim().split('\n').at(-1) ?? '') as T;
  } catch {
    return null;
  }
}

export const num = (value: number | undefined, digits = 1): string => (value === undefined ? '-' : value.toFixed(digits));
