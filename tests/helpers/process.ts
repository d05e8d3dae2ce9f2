import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';

import { tempDataDir, TEST_PASSWORD_COST } from './server.js';
import { TEST_PASSWORD } from './session.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Everything the process printed so far. */
  output(): string;
  /** Resolves with the exit code (null when killed by a signal) and the signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Node's arguments for the server from source (through tsx), or as `npm start` runs it, built (`npm run build:server`). */
export const SERVER_FROM_SOURCE = ['--import', 'tsx', 'server/main.ts'];
export const BUILT_SERVER = ['dist-server/main.js'];

/**
 * Runs the server as its own process on port 0: `server/main.ts` through tsx, unless `entry` says
 * otherwise (Node's arguments, or `{ shell }`: a command run by `sh -c`, as npm runs a script).
 */
export async function spawnServer(
  dataDir: string,
  env: Record<string, string> = {},
  entry: readonly string[] | { shell: string } = SERVER_FROM_SOURCE,
): Promise<ServerProcess> {
  const [file, args] = 'shell' in entry ? ['/bin/sh', ['-c', entry.shell]] : [process.execPath, [...entry]];
  const child = spawn(file, args, {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DEMO_PASSWORD: TEST_PASSWORD,
      PASSWORD_HASH_LOG_N: String(TEST_PASSWORD_COST.logN),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (): void => {
      const match = /listening on (http:\/\/[^\s]+)/.exec(output);
      if (match?.[1]) {
        child.stdout.off('data', onData);
        resolve(match[1]);
      }
    };
    child.stdout.on('data', onData);
    void exited.then(({ code }) => reject(new Error(`server exited (${code}) before listening:\n${output}`)));
  });
  return { url, child, output: () => output, exited };
}

/**
 * For a `describe` whose tests run the server as its own process: `start` spawns it on a fresh
 * temporary DATA_DIR, `keep` takes the clients connected to it; after each test the clients are
 * destroyed, the process killed and the folder removed.
 */
export function serverProcesses(): {
  start(env?: Record<string, string>, entry?: readonly string[] | { shell: string }): Promise<ServerProcess>;
  keep(...clients: { destroy(): void }[]): void;
} {
  const dirs: string[] = [];
  const clients: { destroy(): void }[] = [];
  const servers: ServerProcess[] = [];
  afterEach(() => {
    for (const client of clients.splice(0)) client.destroy();
    for (const server of servers.splice(0)) server.child.kill('SIGKILL');
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  return {
    async start(env = {}, entry = SERVER_FROM_SOURCE) {
      const dataDir = tempDataDir();
      dirs.push(dataDir);
      const server = await spawnServer(dataDir, env, entry);
      servers.push(server);
      return server;
    },
    keep(...kept) {
      clients.push(...kept);
    },
  };
}

/** Runs the account CLI (`npm run user -- ...`) against a DATA_DIR, with `input` on stdin (and more environment, e.g. OIDC_ISSUER). */
export function userCli(dataDir: string, args: string[], input = '', env: Record<string, string> = {}): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/users/cli.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, PASSWORD_HASH_LOG_N: String(TEST_PASSWORD_COST.logN), ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stdin.end(input);
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, output })));
}
