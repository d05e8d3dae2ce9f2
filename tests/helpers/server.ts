import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer, type ServerOptions } from '../../server/app.js';
import { signIn, TEST_PASSWORD, type Target } from './session.js';

/** Cheap scrypt for tests: the same code path, a fraction of the production cost. */
export const TEST_PASSWORD_COST = { logN: 10, r: 8, p: 1 };

export { TEST_PASSWORD };

export interface TestServer extends RunningServer, Target {
  dataDir: string;
  /** The coordinator's session cookie (`url` and `cookie` make the server a Target). */
  readonly cookie: string;
  /** What the server logged so far. */
  logs(): readonly string[];
  /** Signs in as another demo account. */
  as(username: string): Promise<Target>;
  /** Closes the server and removes its data directory. */
  stop(): Promise<void>;
}

/** A fresh temporary DATA_DIR. */
export function tempDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'samskriv-test-'));
}

/**
 * The real server on 127.0.0.1, port 0, with a temporary DATA_DIR (or the one given), demo
 * accounts with TEST_PASSWORD, and the coordinator signed in.
 */
export async function startTestServer(options: Partial<ServerOptions> = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? tempDataDir();
  const logs: string[] = [];
  const server = await startServer({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    log: (message) => logs.push(message),
    demoPassword: TEST_PASSWORD,
    passwordCost: TEST_PASSWORD_COST,
    ...options,
  });
  const coordinator = options.seed === false ? { cookie: '' } : await signIn(server.url, 'koordinator');
  return Object.assign(Object.create(null) as object, {
    port: server.port,
    url: server.url,
    cookie: coordinator.cookie,
    logs: () => logs,
    as: (username: string) => signIn(server.url, username),
    dataDir,
    stats: server.stats,
    close: server.close,
    async stop() {
      await server.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  });
}
