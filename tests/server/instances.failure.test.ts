import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { measureDocName } from '../../shared/documentLayout.js';
import { DEFAULT_ROUND } from '../../server/seed/buildRoundSeed.js';
import { connectClient, synced, typeParagraph, type TestClient } from '../helpers/clients.js';
import { usePostgres } from '../helpers/postgres.js';
import { spawnServer, type ServerProcess } from '../helpers/process.js';
import { useRedis } from '../helpers/redis.js';
import { tempDataDir } from '../helpers/server.js';
import { signIn } from '../helpers/session.js';
import { startTcpProxy, type TcpProxy } from '../helpers/tcpProxy.js';
import { waitFor } from '../helpers/waitFor.js';

const DOC = measureDocName(DEFAULT_ROUND.id, 7);
const CLIENTS = 4;
const pg = usePostgres();
const redis = useRedis();

describe('several instances behind one address: one is killed under load', () => {
  const clients: TestClient[] = [];
  const processes: ServerProcess[] = [];
  const dirs: string[] = [];
  let proxy: TcpProxy | null = null;

  /** Starts instances (their own processes) on one new PostgreSQL database and the test's Redis; stopped after each test. */
  const instancesOfOneDatabase = async (): Promise<() => Promise<ServerProcess>> => {
    const url = await pg.server.createDatabase();
    return async () => {
      const dataDir = tempDataDir();
      dirs.push(dataDir);
      const started = await spawnServer(dataDir, { DATABASE_URL: url, REDIS_URL: redis.server.url });
      processes.push(started);
      return started;
    };
  };

  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await proxy?.close();
    proxy = null;
    for (const p of processes.splice(0)) p.child.kill('SIGKILL');
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  // Three server processes through tsx: slow to start on a busy machine.
  it('kill -9 of one instance: its clients reconnect through the same address to the other, every edit is kept and all converge', { timeout: 120_000 }, async () => {
    const spawn = await instancesOfOneDatabase();
    // One after the other: the first seeds the empty database.
    const a = await spawn();
    const b = await spawn();
    const live = [a, b];
    let next = 0;
    // New connections go to a live instance, in turn (what a load balancer with health checks does).
    proxy = await startTcpProxy(() => Number(new URL(live[next++ % live.length]!.url).port));
    const address = proxy.url;

    for (let i = 0; i < CLIENTS; i++) clients.push(connectClient(await signIn(address, 'koordinator'), DOC));
    await Promise.all(clients.map((client) => synced(client)));

    // Every client types an edit every 10 ms; instance A is killed after the first 40.
    const typed: string[] = [];
    let typing = true;
    const typists = clients.map(async (client, i) => {
      for (let n = 0; typing; n++) {
        const text = `Klient ${i} skriver ${n}.`;
        typeParagraph(client, text);
        typed.push(text);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    });
    await waitFor(() => typed.length >= 40, { what: 'load' });
    // An edit another client has seen was stored first: confirmed.
    const confirmed = typed.filter((text) => clients.filter((client) => client.text().includes(text)).length > 1);
    const dropped = new Set<TestClient>();
    for (const client of clients) client.provider.on('connection-close', () => dropped.add(client));
    live.splice(live.indexOf(a), 1);
    a.child.kill('SIGKILL');
    expect((await a.exited).signal).toBe('SIGKILL');
    await waitFor(() => typed.length >= 120, { what: 'load after the kill' });
    typing = false;
    await Promise.all(typists);

    await waitFor(() => clients.every((client) => client.provider.wsconnected && client.provider.synced), { timeoutMs: 20_000, what: 'every client reconnected' });
    await waitFor(() => clients.every((client) => client.text() === clients[0]!.text()), { timeoutMs: 20_000, what: 'clients converge' });
    const final = clients[0]!.text();
    // Some clients were on A (and reconnected), some on B.
    expect(dropped.size).toBeGreaterThan(0);
    expect(dropped.size).toBeLessThan(CLIENTS);
    expect(confirmed.length).toBeGreaterThan(0);
    for (const text of typed) expect(final.split(text).length - 1, text).toBe(1);

    // Stored: an instance started now loads every edit from PostgreSQL.
    const c = await spawn();
    const fresh = connectClient(await signIn(c.url, 'koordinator'), DOC);
    clients.push(fresh);
    await synced(fresh);
    expect(fresh.text()).toBe(final);

    // What the survivor stored: a client that connects now gets every edit.
    const late = connectClient(await signIn(address, 'koordinator'), DOC);
    clients.push(late);
    await synced(late);
    await waitFor(() => late.text() === final, { what: 'a late client has every edit' });
  });

  it('the carets of people on a killed instance leave the others well before presence would time out', { timeout: 120_000 }, async () => {
    const spawn = await instancesOfOneDatabase();
    const a = await spawn();
    const b = await spawn();
    const onA = connectClient(await signIn(a.url, 'jd'), DOC);
    const onB = connectClient(await signIn(b.url, 'koordinator'), DOC);
    clients.push(onA, onB);
    await Promise.all([synced(onA), synced(onB)]);
    const id = onA.doc.clientID;
    const seenOnB = (): Record<string, unknown> | undefined => onB.provider.awareness.getStates().get(id);

    // Set just before the kill: presence would time out only 30 s after this, not before.
    onA.provider.awareness.setLocalStateField('user', { name: 'Kari', color: '#336699' });
    onA.provider.awareness.setLocalStateField('mark', 'like før');
    await waitFor(() => seenOnB()?.mark === 'like før', { what: "A's client's presence on B" });
    a.child.kill('SIGKILL');
    expect((await a.exited).signal).toBe('SIGKILL');
    const killedAt = Date.now();
    // Its person went with it: the client is not coming back through another instance.
    onA.provider.disconnect();
    await waitFor(() => seenOnB() === undefined, { timeoutMs: 28_000, what: "A's client's caret gone from B once A fell silent" });
    expect(Date.now() - killedAt).toBeLessThan(30_000);
    expect(onB.provider.wsconnected).toBe(true);
  });
});
