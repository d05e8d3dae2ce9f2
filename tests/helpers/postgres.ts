import { execFile, execFileSync, spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import postgres from 'postgres';
import { afterAll, beforeAll } from 'vitest';
import { freePort } from './freePort.js';

const run = promisify(execFile);

/** The role the test server is made with (trust authentication on 127.0.0.1: no password). */
const ROLE = 'samskriv';

/**
 * The folder with `initdb` and `pg_ctl`: POSTGRES_BIN when set, else Debian's PostgreSQL 15
 * (/usr/lib/postgresql/15/bin), else the newest other version Debian's packages installed;
 * null when there is none.
 */
export function findPostgresBin(): string | null {
  if (process.env.POSTGRES_BIN) return process.env.POSTGRES_BIN;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(b) - Number(a));
  const chosen = versions.includes('15') ? '15' : versions[0];
  return chosen === undefined ? null : join(root, chosen, 'bin');
}

export interface TestPostgres {
  port: number;
  /** postgres://samskriv@127.0.0.1:port/<database> */
  urlOf(database: string): string;
  /** Creates an empty database and answers its URL. */
  createDatabase(): Promise<string>;
  /** Creates an empty schema in `databaseUrl`'s database and answers a URL whose connections use it (search_path). */
  createSchema(databaseUrl: string): Promise<string>;
  /** Stops the server (ending every connection) and removes its folder. */
  stop(): Promise<void>;
}

let counter = 0;
const uniqueName = (prefix: string): string => `${prefix}_${process.pid}_${++counter}`;

/**
 * A real PostgreSQL server for one test file: initdb in a fresh temporary folder, started on a
 * free port on 127.0.0.1 (its socket in that folder), fsync off. PostgreSQL refuses to run as
 * root, so as root (CI) the folder goes to the `postgres` user the package creates and the
 * server runs as that user (runuser); otherwise as whoever runs the tests.
 */
export async function startPostgres(): Promise<TestPostgres> {
  const bin = findPostgresBin();
  if (bin === null) throw new Error('no PostgreSQL: run `tsx scripts/ensure-postgres.ts` (or `sudo apt-get install -y postgresql`), or set POSTGRES_BIN');
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'samskriv-pg-'));
  const data = join(dir, 'data');
  const command = (tool: string, args: string[]): [string, string[]] =>
    asRoot ? ['runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]] : [join(bin, tool), args];
  const pgCtl = (args: string[]) => run(...command('pg_ctl', ['-D', data, ...args]));
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
  }
  let port = 0;
  let started = false;
  // Stops the server if the test process ends without calling stop() (a crash, a timeout).
  const stopNow = (): void => {
    if (started) spawnSync(...command('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']), { stdio: 'ignore' });
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await run(...command('initdb', ['-D', data, '-A', 'trust', '-U', ROLE, '-E', 'UTF8', '--locale=C', '--no-sync']));
    // Another process may take the free port before the server does: try another.
    for (let attempt = 1; !started; attempt++) {
      port = await freePort();
      const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
      try {
        await pgCtl(['-o', options, '-l', join(dir, 'log'), '-w', '-t', '60', 'start']);
        started = true;
      } catch (error) {
        if (attempt >= 3) throw error;
      }
    }
  } catch (error) {
    stopNow();
    throw error;
  }
  process.once('exit', stopNow);
  // A test process that is killed runs no exit handler: a watchdog outside it stops the server then.
  const [ctl, ctlArgs] = command('pg_ctl', []);
  const watchdog = spawn(
    'sh',
    ['-c', 'p=$1; d=$2; shift 2; while kill -0 "$p" 2>/dev/null; do sleep 1; done; "$@" -D "$d/data" -m immediate -w stop >/dev/null 2>&1; rm -rf "$d"', 'watchdog', String(process.pid), dir, ctl, ...ctlArgs],
    { detached: true, stdio: 'ignore' },
  );
  watchdog.unref();

  const urlOf = (database: string): string => `postgres://${ROLE}@127.0.0.1:${port}/${database}`;
  const admin = postgres(urlOf('postgres'), { max: 1, onnotice: () => undefined });
  return {
    port,
    urlOf,
    async createDatabase() {
      const name = uniqueName('samskriv');
      await admin`CREATE DATABASE ${admin(name)}`;
      return urlOf(name);
    },
    async createSchema(databaseUrl) {
      const name = uniqueName('s');
      const sql = postgres(databaseUrl, { max: 1, onnotice: () => undefined });
      try {
        await sql`CREATE SCHEMA ${sql(name)}`;
      } finally {
        await sql.end();
      }
      return `${databaseUrl}?search_path=${name}`;
    },
    async stop() {
      process.removeListener('exit', stopNow);
      if (watchdog.pid !== undefined) process.kill(watchdog.pid);
      await admin.end({ timeout: 1 });
      try {
        await pgCtl(['-m', 'fast', '-w', 'stop']);
      } finally {
        started = false;
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/**
 * In a test file: a PostgreSQL server started before its tests and stopped after them, with a
 * fresh database. Read `server` and `url` inside tests or hooks.
 */
export function usePostgres(): { readonly server: TestPostgres; readonly url: string } {
  let server: TestPostgres | null = null;
  let url: string | null = null;
  beforeAll(async () => {
    server = await startPostgres();
    url = await server.createDatabase();
  });
  afterAll(async () => {
    await server?.stop();
    server = null;
  });
  return {
    get server() {
      if (!server) throw new Error('PostgreSQL is not running: read it inside a test or hook');
      return server;
    },
    get url() {
      if (!url) throw new Error('PostgreSQL is not running: read it inside a test or hook');
      return url;
    },
  };
}
