import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { freePort } from './freePort.js';

/** Debian's redis-server (REDIS_SERVER when set); null when there is none. */
export function findRedisServer(): string | null {
  if (process.env.REDIS_SERVER) return process.env.REDIS_SERVER;
  const found = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' }).stdout.trim();
  if (found !== '') return found;
  return existsSync('/usr/bin/redis-server') ? '/usr/bin/redis-server' : null;
}

export interface TestRedis {
  readonly port: number;
  /** redis://127.0.0.1:port */
  readonly url: string;
  /** Stops the server (every connection ends; it keeps nothing: no RDB, no AOF) and removes its folder. */
  stop(): Promise<void>;
  /** Starts it again on the same port, empty, in a new folder. */
  start(): Promise<void>;
}

/** Answers once redis-server on `port` answers PING, or rejects once `child` exits. */
async function answersPing(port: number, child: ChildProcess): Promise<void> {
  let exited = false;
  child.once('exit', () => (exited = true));
  for (;;) {
    if (exited) throw new Error(`redis-server on port ${port} exited`);
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect({ port, host: '127.0.0.1' });
      socket.once('error', () => resolve(false));
      socket.once('connect', () => socket.write('PING\r\n'));
      socket.once('data', (data) => {
        socket.destroy();
        resolve(data.toString().startsWith('+PONG'));
      });
    });
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * A real Redis for one test file: Debian's redis-server on a free port on 127.0.0.1, keeping
 * nothing on disk, as a child of the test process (and of a watchdog that stops it should that
 * process be killed). Its working folder (`--dir`) is a temporary one of its own, so that
 * nothing it might write lands in the tests' working directory; stop() removes it.
 */
export async function startRedis(): Promise<TestRedis> {
  const bin = findRedisServer();
  if (bin === null) throw new Error('no redis-server: run `tsx scripts/ensure-redis.ts` (or `sudo apt-get install -y redis-server`), or set REDIS_SERVER');
  let child: ChildProcess | null = null;
  let watchdog: ChildProcess | null = null;
  let port = 0;
  let dir: string | null = null;
  const removeDir = (): void => {
    if (dir !== null) rmSync(dir, { recursive: true, force: true });
    dir = null;
  };
  const kill = (): void => {
    child?.kill('SIGKILL');
    if (watchdog?.pid !== undefined) process.kill(watchdog.pid);
  };
  const killAndRemove = (): void => {
    kill();
    removeDir();
  };
  const launch = async (): Promise<void> => {
    dir = mkdtempSync(join(tmpdir(), 'samskriv-redis-'));
    const started = spawn(bin, ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no', '--daemonize', 'no'], {
      stdio: 'ignore',
    });
    child = started;
    try {
      await answersPing(port, started);
    } catch (error) {
      const exited = new Promise((resolve) => started.once('exit', resolve));
      started.kill('SIGKILL');
      child = null;
      if (started.exitCode === null && started.signalCode === null) await exited;
      removeDir();
      throw error;
    }
    const pid = String(started.pid);
    watchdog = spawn('sh', ['-c', 'p=$1; r=$2; while kill -0 "$p" 2>/dev/null; do sleep 1; done; kill -9 "$r" 2>/dev/null', 'watchdog', String(process.pid), pid], {
      detached: true,
      stdio: 'ignore',
    });
    watchdog.unref();
  };
  // Another process may take the free port first: try another.
  for (let attempt = 1; ; attempt++) {
    port = await freePort();
    try {
      await launch();
      break;
    } catch (error) {
      if (attempt >= 3) throw error;
    }
  }
  process.once('exit', killAndRemove);
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    async stop() {
      const running = child;
      if (!running) return;
      const exited = new Promise((resolve) => running.once('exit', resolve));
      process.removeListener('exit', killAndRemove);
      kill();
      child = null;
      watchdog = null;
      await exited;
      removeDir();
    },
    async start() {
      if (child) return;
      await launch();
      process.once('exit', killAndRemove);
    },
  };
}

/** In a test file: a Redis started before its tests and stopped after them. Read it inside tests or hooks. */
export function useRedis(): { readonly server: TestRedis } {
  let server: TestRedis | null = null;
  beforeAll(async () => {
    server = await startRedis();
  });
  afterAll(async () => {
    await server?.stop();
    server = null;
  });
  return {
    get server() {
      if (!server) throw new Error('Redis is not running: read it inside a test or hook');
      return server;
    },
  };
}
