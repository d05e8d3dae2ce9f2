import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { WebSocket as WS } from 'ws';
import { measureDocName } from '../../shared/documentLayout.js';
import { MAX_AWARENESS_CLIENTS_PER_CONNECTION, MAX_AWARENESS_STATE_BYTES } from '../../shared/limits.js';
import { DEFAULT_ROUND } from '../../server/seed/buildRoundSeed.js';
import { connectClient, openRawSocket, synced, typeParagraph, type TestClient } from '../helpers/clients.js';
import { PresenceUserSchema } from '../../shared/awareness.js';
import { awarenessFrame } from '../helpers/frames.js';
import type { Target } from '../helpers/session.js';
import { suiteServer } from '../helpers/suiteServer.js';
import { waitFor } from '../helpers/waitFor.js';

/** Measure 5 is JD's: jd writes it, hod (another ministry's editor) only reads it. */
const DOC = measureDocName(DEFAULT_ROUND.id, 5);

/** A presence state as y-prosemirror writes its cursor: two relative positions. */
const CURSOR = { anchor: { type: null, tname: 'narrative', item: null, assoc: 0 }, head: { tname: 'narrative', assoc: 0 } };

describe('presence (awareness) is bounded, owned and never a reason to close a connection', () => {
  const server = suiteServer();
  let jd: Target;
  let hod: Target;
  let bystander: TestClient;
  let writer: TestClient;
  const sockets: WS[] = [];

  beforeAll(async () => {
    jd = await server.as('jd');
    hod = await server.as('hod');
    bystander = connectClient(server, DOC);
    writer = connectClient(jd, DOC);
    await Promise.all([synced(bystander), synced(writer)]);
  });
  afterAll(() => {
    for (const socket of sockets) socket.terminate();
    bystander.destroy();
    writer.destroy();
  });

  async function raw(target: Target): Promise<WS> {
    const socket = await openRawSocket(target, DOC);
    sockets.push(socket);
    return socket;
  }

  const states = () => bystander.provider.awareness.getStates();

  it("a stock client's presence without a ministry and with a short colour is kept and stamped", async () => {
    const socket = await raw(jd);
    socket.send(awarenessFrame([{ clientId: 7001, clock: 1, state: { user: { name: 'Anonym', color: '#000' } } }]));
    await waitFor(() => states().has(7001), { what: 'presence relayed' });
    expect(states().get(7001)?.user).toEqual({ name: 'Redaktør JD', ministry: 'JD', username: 'jd', color: '#000000' });
    expect(socket.readyState).toBe(WS.OPEN);
  });

  it('drops malformed entries, oversized states and bad cursors, keeps the rest of the message and the connection', async () => {
    const socket = await raw(jd);
    socket.send(
      awarenessFrame([
        { clientId: 7101, clock: 1, json: '{{ not json' },
        { clientId: 7102, clock: 1, state: { user: { name: 'Stor' }, padding: 'x'.repeat(MAX_AWARENESS_STATE_BYTES) } },
        { clientId: 7103, clock: 1, state: ['not', 'an', 'object'] },
        { clientId: 7104, clock: 1, state: { user: { name: 'Kari', color: 'rød' }, cursor: {} } },
      ]),
    );
    await waitFor(() => states().has(7104), { what: 'the well-formed entry relayed' });
    expect(states().has(7101)).toBe(false);
    expect(states().has(7102)).toBe(false);
    expect(states().has(7103)).toBe(false);
    // The cursor `{}` would make a caret renderer throw: it is gone, the rest stays.
    expect(states().get(7104)).toEqual({ user: { name: 'Redaktør JD', ministry: 'JD', username: 'jd', color: '#4a4a4a' } });
    socket.send(awarenessFrame([{ clientId: 7104, clock: 2, state: { cursor: CURSOR } }]));
    await waitFor(() => states().get(7104)?.cursor !== undefined, { what: 'a well-formed cursor relayed' });
    expect(states().get(7104)?.cursor).toEqual(CURSOR);
    expect(socket.readyState).toBe(WS.OPEN);
  });

  it('hello and goodbye for one id in one message reach others as the goodbye alone: never an id added without a state', async () => {
    const socket = await raw(jd);
    const addedWithoutState: number[] = [];
    const awareness = bystander.provider.awareness;
    const watch = ({ added, updated }: { added: number[]; updated: number[] }): void => {
      for (const id of [...added, ...updated]) if (awareness.getStates().get(id) === undefined) addedWithoutState.push(id);
    };
    awareness.on('change', watch);
    try {
      socket.send(
        awarenessFrame([
          { clientId: 7301, clock: 1, state: { user: { name: 'JD' } } },
          { clientId: 7301, clock: 2, state: null },
          { clientId: 7302, clock: 1, state: { user: { name: 'JD' } } },
        ]),
      );
      // The id after them in the same message arrives: the message has been relayed by then.
      await waitFor(() => states().has(7302), { what: 'the message relayed' });
      expect(states().has(7301)).toBe(false);
      expect(addedWithoutState).toEqual([]);
    } finally {
      awareness.off('change', watch);
    }
  });

  it('a read-only flood of client ids is held to a handful per connection, and edits still flow', async () => {
    const socket = await raw(hod);
    const before = states().size;
    for (let message = 0; message < 20; message++) {
      const entries = Array.from({ length: 15_000 }, (_, i) => ({ clientId: 100_000 + message * 15_000 + i, clock: 1, state: { user: { name: 'x' } } }));
      socket.send(awarenessFrame(entries));
    }
    // A round trip through the server after the flood: the writer's edit arrives behind it.
    typeParagraph(writer, 'Skrevet under flommen.');
    await waitFor(() => bystander.text().includes('Skrevet under flommen.'), { what: 'edit relayed after the flood' });
    await waitFor(() => states().size >= before + 1, { what: 'some of the flood relayed' });
    expect(states().size - before).toBeLessThanOrEqual(MAX_AWARENESS_CLIENTS_PER_CONNECTION);
    expect(socket.readyState).toBe(WS.OPEN);
  });

  /** jd's presence for `clientId`, as the bystander sees it (undefined: none, or someone else's). */
  const jdHolds = (clientId: number) => PresenceUserSchema.safeParse(states().get(clientId)?.user).data?.username === 'jd';

  /**
   * Sends `entries` from `socket`, then a fresh id of the socket's own, and waits until the
   * bystander sees that fresh id: what the first message did has reached it by then (one socket's
   * messages are handled, and relayed, in order).
   */
  async function sendAndRoundTrip(socket: WS, entries: Parameters<typeof awarenessFrame>[0], freshId: number): Promise<void> {
    socket.send(awarenessFrame(entries));
    socket.send(awarenessFrame([{ clientId: freshId, clock: 1, state: { user: { name: 'Markør' } } }]));
    await waitFor(() => states().has(freshId), { what: 'the round trip' });
  }

  it('a client id belongs to the session that used it first: another session cannot take it while its socket is open', async () => {
    const owner = await raw(jd);
    owner.send(awarenessFrame([{ clientId: 7401, clock: 1, state: { user: { name: 'JD' } } }]));
    await waitFor(() => jdHolds(7401), { what: "jd's presence" });

    // A newer clock would win in y-protocols; only the room's ownership keeps hod out.
    const intruder = await raw(hod);
    await sendAndRoundTrip(intruder, [{ clientId: 7401, clock: 9, state: { user: { name: 'HOD' } } }], 7402);
    expect(jdHolds(7401)).toBe(true);
    expect(states().get(7401)?.user).toMatchObject({ name: 'Redaktør JD' });
    expect(intruder.readyState).toBe(WS.OPEN);
    owner.close();
    intruder.close();
    await waitFor(() => !states().has(7401) && !states().has(7402), { what: 'both gone at close' });
  });

  it("a client id stays the session's after its socket closed; that session may use it again", async () => {
    const first = await raw(jd);
    first.send(awarenessFrame([{ clientId: 7201, clock: 1, state: { user: { name: 'JD' } } }]));
    await waitFor(() => states().has(7201), { what: "jd's presence" });
    first.close();
    await waitFor(() => !states().has(7201), { what: "jd's presence removed at close" });

    // Another session takes the id over: not accepted, even with a newer clock.
    const intruder = await raw(hod);
    await sendAndRoundTrip(intruder, [{ clientId: 7201, clock: 9, state: { user: { name: 'HOD' } } }], 7202);
    expect(states().has(7201)).toBe(false);
    // jd's own session may use it again (a reload), and that is what everyone sees.
    const again = await raw(jd);
    again.send(awarenessFrame([{ clientId: 7201, clock: 10, state: { user: { name: 'JD igjen' } } }]));
    await waitFor(() => jdHolds(7201), { what: "jd's presence back" });
    again.close();
    await waitFor(() => !states().has(7201), { what: 'no ghost left behind' });
    expect(intruder.readyState).toBe(WS.OPEN);
  });

  it('two tabs of one person: the echo of one tab by the other does not keep it listed after it closed', async () => {
    const tabA = connectClient(jd, DOC);
    const tabB = connectClient(jd, DOC);
    await Promise.all([synced(tabA), synced(tabB)]);
    tabA.provider.awareness.setLocalStateField('user', { name: 'A', color: '#0062ba' });
    const aId = tabA.doc.clientID;
    // B receives A's state and, as the stock client does, broadcasts it back.
    await waitFor(() => tabB.provider.awareness.getStates().has(aId) && states().has(aId), { what: "A's presence everywhere" });
    tabA.provider.shouldConnect = false;
    (tabA.provider.ws as unknown as WS).terminate();
    await waitFor(() => !states().has(aId), { what: "A's presence removed", timeoutMs: 3_000 });
    tabA.destroy();
    tabB.destroy();
  });

  it('stock clients with the presence of the y-websocket and Tiptap examples all sync and stay connected', async () => {
    // Each stock provider listens for this process's exit (to say goodbye): thirty at once are expected here.
    const listeners = process.getMaxListeners();
    process.setMaxListeners(listeners + 30);
    onTestFinished(() => void process.setMaxListeners(listeners));
    const clients = Array.from({ length: 30 }, (_, i) => {
      const client = connectClient(jd, DOC);
      client.provider.awareness.setLocalStateField('user', { name: `Klient ${i}`, color: i % 2 === 0 ? '#000' : '#30bced' });
      return client;
    });
    try {
      await waitFor(() => clients.every((client) => client.provider.synced), { what: 'every client synced' });
      typeParagraph(writer, 'Til alle tretti.');
      await waitFor(() => clients.every((client) => client.text().includes('Til alle tretti.')), { what: 'edit reached all thirty' });
      expect(clients.every((client) => client.provider.wsconnected)).toBe(true);
    } finally {
      for (const client of clients) client.destroy();
    }
  });
});
