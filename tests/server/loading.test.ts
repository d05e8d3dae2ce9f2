import { afterEach, describe, expect, it } from 'vitest';
import { CLOSE_CODES } from '../../shared/closeCodes.js';
import { measureDocName } from '../../shared/documentLayout.js';
import { DEFAULT_ROUND } from '../../server/seed/buildRoundSeed.js';
import { connectClient, synced, typeParagraph, type TestClient } from '../helpers/clients.js';
import { GatedStore } from '../helpers/gatedStore.js';
import { startTestServer, tempDataDir, type TestServer } from '../helpers/server.js';
import { waitFor } from '../helpers/waitFor.js';

const DOC = measureDocName(DEFAULT_ROUND.id, 2);

describe('document lifecycle', () => {
  let server: TestServer | null = null;
  const clients: TestClient[] = [];

  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await server?.stop();
    server = null;
  });

  it('concurrent first connections share one load and are never served an empty document', async () => {
    const store = new GatedStore(tempDataDir());
    server = await startTestServer({ store });
    store.holdLoads();
    for (let i = 0; i < 5; i++) clients.push(connectClient(server, DOC));
    await waitFor(() => store.loadCalls === 1 && clients.every((c) => c.provider.wsconnected), {
      what: 'all five connected while one load is in flight',
    });
    // While loading, nobody may believe it has the document.
    expect(clients.some((c) => c.provider.synced)).toBe(false);
    expect(clients.every((c) => c.text() === '')).toBe(true);
    store.releaseLoads();
    await Promise.all(clients.map(synced));
    for (const client of clients) expect(client.text()).toContain('UD har prioritert å følge pengesporet');
    expect(store.loadCalls).toBe(1);
    expect(server.stats().loads).toBe(1);
  });

  it('a failed load closes its connections, writes nothing, and the next connection loads again', async () => {
    const store = new GatedStore(tempDataDir());
    server = await startTestServer({ store });
    const before = await store.loadDocument(DOC);
    store.holdLoads();
    const client = connectClient(server, DOC);
    clients.push(client);
    const closed = new Promise<number>((resolve) =>
      client.provider.on('connection-close', (event: CloseEvent | null) => resolve(event?.code ?? -1)),
    );
    await waitFor(() => store.loadCalls === 1, { what: 'load started' });
    store.failLoads(new Error('disk unavailable'));
    expect(await closed).toBe(CLOSE_CODES.INTERNAL_ERROR);
    expect(client.provider.synced).toBe(false);
    client.destroy();
    clients.pop();

    store.holdLoads();
    store.releaseLoads();
    const after = await store.loadDocument(DOC);
    expect(after.updates.map((u) => Buffer.from(u).toString('base64'))).toEqual(
      before.updates.map((u) => Buffer.from(u).toString('base64')),
    );
    const retry = connectClient(server, DOC);
    clients.push(retry);
    await synced(retry);
    expect(retry.text()).toContain('UD har prioritert å følge pengesporet');
  });

  it('unloads a document once it has no connections and everything is stored, and loads it again', async () => {
    server = await startTestServer({ unloadDelayMs: 0 });
    const a = connectClient(server, DOC);
    await synced(a);
    typeParagraph(a, 'Lagret før utlasting.');
    expect(server.stats().loaded).toBe(1);
    a.destroy();
    const s = server;
    await waitFor(() => s.stats().loaded === 0, { what: 'document unloaded' });
    const b = connectClient(server, DOC);
    clients.push(b);
    await synced(b);
    expect(b.text()).toContain('Lagret før utlasting.');
    expect(server.stats().loads).toBe(2);
  });

  it('keeps a document loaded while a connection remains', async () => {
    server = await startTestServer({ unloadDelayMs: 0 });
    const a = connectClient(server, DOC);
    const b = connectClient(server, DOC);
    clients.push(b);
    await Promise.all([synced(a), synced(b)]);
    a.destroy();
    typeParagraph(b, 'Fortsatt lastet.');
    const probe = connectClient(server, DOC);
    clients.push(probe);
    await waitFor(() => probe.text().includes('Fortsatt lastet.'), { what: 'edit relayed' });
    expect(server.stats().loads).toBe(1);
  });
});
