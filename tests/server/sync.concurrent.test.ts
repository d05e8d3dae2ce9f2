import type { WebSocket as WS } from 'ws';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { measureDocName } from '../../shared/documentLayout.js';
import { DEFAULT_ROUND } from '../../server/seed/buildRoundSeed.js';
import { connectClient, synced, typeParagraph, type TestClient } from '../helpers/clients.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { waitFor } from '../helpers/waitFor.js';

const DOC = measureDocName(DEFAULT_ROUND.id, 14);

describe('two clients on one narrative', () => {
  let server: TestServer;
  const clients: TestClient[] = [];
  const connect = (docName = DOC): TestClient => {
    const client = connectClient(server, docName);
    clients.push(client);
    return client;
  };

  beforeEach(async () => {
    server = await startTestServer();
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await server.stop();
  });

  it('both receive the seeded narrative from the server', async () => {
    const a = connect();
    await synced(a);
    expect(a.text()).toContain('KOM arrangerte høsten 2011');
  });

  it('converge on concurrent edits through the server', async () => {
    const a = connect();
    const b = connect();
    await Promise.all([synced(a), synced(b)]);
    typeParagraph(a, 'Skrevet av UD.');
    typeParagraph(b, 'Skrevet av JD.');
    await waitFor(() => a.text().includes('Skrevet av JD.') && b.text().includes('Skrevet av UD.'), {
      what: 'both edits on both clients',
    });
    expect(a.text()).toBe(b.text());
    // Each paragraph exactly once: nothing doubled by the relay.
    expect(a.text().split('Skrevet av UD.').length).toBe(2);
    expect(a.text().split('Skrevet av JD.').length).toBe(2);
  });

  it("removes a closed connection's awareness state at once", async () => {
    const a = connect();
    const b = connect();
    await Promise.all([synced(a), synced(b)]);
    a.provider.awareness.setLocalStateField('user', { name: 'Kari', ministry: 'UD', color: '#0062ba' });
    const aId = a.doc.clientID;
    await waitFor(() => b.provider.awareness.getStates().get(aId)?.user !== undefined, { what: "A's caret at B" });
    // Drop the TCP connection without the goodbye a well-behaved provider sends, as a crashed
    // tab would: only the server can tell B that A is gone.
    a.provider.shouldConnect = false;
    (a.provider.ws as unknown as WS).terminate();
    await waitFor(() => !b.provider.awareness.getStates().has(aId), { what: "A's state removed at B", timeoutMs: 3_000 });
  });

  it('keeps documents apart: an edit in one measure never reaches another', async () => {
    const a = connect();
    const other = connect(measureDocName(DEFAULT_ROUND.id, 15));
    await Promise.all([synced(a), synced(other)]);
    typeParagraph(a, 'Bare i tiltak 14.');
    const probe = connect();
    await waitFor(() => probe.text().includes('Bare i tiltak 14.'), { what: 'edit relayed in 14' });
    expect(other.text()).not.toContain('Bare i tiltak 14.');
  });
});
