import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import postgres from 'postgres';
import { afterEach, describe, expect, it } from 'vitest';
import { measureDocName } from '../../shared/documentLayout.js';
import { DEFAULT_ROUND } from '../../server/seed/buildRoundSeed.js';
import { DATABASE_FILE } from '../../server/store/sqliteStore.js';
import { connectClient, synced, typeParagraph, type TestClient } from '../helpers/clients.js';
import { usePostgres } from '../helpers/postgres.js';
import { spawnServer, userCli, type ServerProcess } from '../helpers/process.js';
import { startTestServer, tempDataDir, type TestServer } from '../helpers/server.js';
import { signIn, type Target } from '../helpers/session.js';
import { waitFor } from '../helpers/waitFor.js';

const DOC = measureDocName(DEFAULT_ROUND.id, 7);
const pg = usePostgres();

/** How many updates of `docName` PostgreSQL holds. */
async function storedUpdates(url: string, docName: string): Promise<number> {
  const sql = postgres(url, { max: 1 });
  try {
    const [row] = await sql<{ n: string }[]>`SELECT COUNT(*) AS n FROM doc_history h JOIN documents d ON d.id = h.doc WHERE d.name = ${docName}`;
    return Number(row?.n ?? 0);
  } finally {
    await sql.end();
  }
}

describe('the server on PostgreSQL (DATABASE_URL)', () => {
  const clients: TestClient[] = [];
  const servers: TestServer[] = [];
  const processes: ServerProcess[] = [];
  const dirs: string[] = [];

  const connect = (target: Target): TestClient => {
    const client = connectClient(target, DOC);
    clients.push(client);
    return client;
  };
  const dir = (): string => {
    const d = tempDataDir();
    dirs.push(d);
    return d;
  };

  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    for (const server of servers.splice(0)) await server.stop();
    for (const p of processes.splice(0)) p.child.kill('SIGKILL');
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('stores what a y-websocket client writes, and has it after a restart on the same database', async () => {
    const url = pg.url;
    const dataDir = dir();
    const first = await startTestServer({ databaseUrl: url, dataDir });
    servers.push(first);
    expect(first.logs().join('\n')).toContain('created the embedded default');
    const writer = connect(first);
    const reader = connect(await first.as('koordinator'));
    await Promise.all([synced(writer), synced(reader)]);
    typeParagraph(writer, 'Skrevet i PostgreSQL.');
    // Relayed to another client means the server has stored it.
    await waitFor(() => reader.text().includes('Skrevet i PostgreSQL.'), { what: 'edit relayed' });
    expect(await storedUpdates(url, DOC)).toBeGreaterThan(1);
    for (const client of clients.splice(0)) client.destroy();
    await servers.pop()!.stop();

    const second = await startTestServer({ databaseUrl: url, dataDir: dir() });
    servers.push(second);
    const late = connect(second);
    await synced(late);
    expect(late.text().split('Skrevet i PostgreSQL.').length).toBe(2);
    // The restart found the round and did not seed a second time; SQLite was never opened.
    expect(second.logs().join('\n')).not.toContain('created the embedded default');
    expect(existsSync(join(dataDir, DATABASE_FILE))).toBe(false);
  });

  it('`DATABASE_URL=… npm start` runs on PostgreSQL: an edit that was relayed survives SIGKILL, and the account CLI sees the same accounts', async () => {
    const url = await pg.server.createDatabase();
    const dataDir = dir();
    const first = await spawnServer(dataDir, { DATABASE_URL: url });
    processes.push(first);
    const writer = connect(await signIn(first.url, 'koordinator'));
    const reader = connect(await signIn(first.url, 'koordinator'));
    await Promise.all([synced(writer), synced(reader)]);
    typeParagraph(writer, 'Skrevet rett før krasjet.');
    await waitFor(() => reader.text().includes('Skrevet rett før krasjet.'), { what: 'edit relayed' });
    first.child.kill('SIGKILL');
    await first.exited;
    for (const client of clients.splice(0)) client.destroy();

    const second = await spawnServer(dataDir, { DATABASE_URL: url });
    processes.push(second);
    const late = connect(await signIn(second.url, 'koordinator'));
    await synced(late);
    expect(late.text().split('Skrevet rett før krasjet.').length).toBe(2);
    expect(second.output()).not.toContain('created the embedded default');
    expect(existsSync(join(dataDir, DATABASE_FILE))).toBe(false);

    const listed = await userCli(dataDir, ['list'], '', { DATABASE_URL: url });
    expect(listed.code).toBe(0);
    expect(listed.output).toContain('koordinator');
  });

  it('two instances started together on one empty database seed it once: one round, the demo accounts once, both serving', async () => {
    const url = await pg.server.createDatabase();
    const started = await Promise.all([startTestServer({ databaseUrl: url, dataDir: dir() }), startTestServer({ databaseUrl: url, dataDir: dir() })]);
    servers.push(...started);
    const seeded = started.filter((server) => server.logs().some((line) => line.includes('created the embedded default')));
    expect(seeded).toHaveLength(1);
    expect(started.filter((server) => server.logs().some((line) => line.includes('created demo accounts')))).toHaveLength(1);
    const sql = postgres(url, { max: 1 });
    try {
      const [rounds] = await sql<{ n: string }[]>`SELECT COUNT(*) AS n FROM rounds`;
      const [users] = await sql<{ n: string }[]>`SELECT COUNT(*) AS n FROM users WHERE username = 'jd'`;
      expect([Number(rounds?.n), Number(users?.n)]).toEqual([1, 1]);
    } finally {
      await sql.end();
    }
    // Both answer as the same service: the coordinator signed in on each.
    for (const server of started) expect(server.cookie).not.toBe('');
  });
});
