import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket as WS } from 'ws';
import { measureDocName } from '../../shared/documentLayout.js';
import { DEFAULT_ROUND } from '../../server/seed/buildRoundSeed.js';
import { connectClient, synced, type TestClient } from '../helpers/clients.js';
import { suiteServer } from '../helpers/suiteServer.js';
import { waitFor } from '../helpers/waitFor.js';

const HEARTBEAT_MS = 100;

describe('heartbeat: a socket that stops answering pings is closed', () => {
  const server = suiteServer({ heartbeatIntervalMs: HEARTBEAT_MS, unloadDelayMs: 20 });
  let honest: TestClient;

  beforeAll(async () => {
    honest = connectClient(server, measureDocName(DEFAULT_ROUND.id, 1));
    await synced(honest);
  });
  afterAll(() => {
    honest.destroy();
  });

  it('closes a half-open socket within two intervals and unloads its document; answering sockets stay', async () => {
    const docName = measureDocName(DEFAULT_ROUND.id, 2);
    // A client that never answers a ping, as a vanished laptop behind a NAT does.
    const pings: number[] = [];
    const silent = new WS(`${server.url.replace(/^http/, 'ws')}/sync/${docName}`, { headers: { cookie: server.cookie }, autoPong: false });
    silent.on('ping', () => pings.push(Date.now()));
    const closed = new Promise<number>((resolve) => silent.once('close', (code) => resolve(code)));
    await new Promise<void>((resolve, reject) => {
      silent.once('open', () => resolve());
      silent.once('error', reject);
    });
    await waitFor(() => server.stats().loaded === 2, { what: 'both documents loaded' });
    const code = await closed;
    // Terminated, not closed politely: a half-open socket would never finish a closing handshake.
    expect(code).toBe(1006);
    expect(pings.length).toBeGreaterThanOrEqual(2);
    await waitFor(() => server.stats().loaded === 1, { what: "the silent socket's document unloaded" });
    expect(honest.provider.wsconnected).toBe(true);
    expect(server.logs().some((line) => line.includes('no answer to two pings'))).toBe(true);
  });
});
