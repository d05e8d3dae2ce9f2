import * as decoding from 'lib0/decoding';
import { afterEach, describe, expect, it } from 'vitest';
import type { WebSocket as WS } from 'ws';
import { measureDocName } from '../../shared/documentLayout.js';
import { DEFAULT_ROUND } from '../../server/seed/buildRoundSeed.js';
import { PostgresStore } from '../../server/store/postgres/postgresStore.js';
import type { AppendedUpdate, UpdateOrigin } from '../../server/store/types.js';
import { connectClient, recordingSocket, synced, typeParagraph, type TestClient } from '../helpers/clients.js';
import { awarenessFrame } from '../helpers/frames.js';
import { usePostgres } from '../helpers/postgres.js';
import { useRedis } from '../helpers/redis.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import type { Target } from '../helpers/session.js';
import { waitFor } from '../helpers/waitFor.js';

const DOC = measureDocName(DEFAULT_ROUND.id, 9);
const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;
const SYNC_UPDATE = 2;
const pg = usePostgres();
const redis = useRedis();

/** The real PostgreSQL store, with appended updates held at a gate the test opens. */
class GatedPostgresStore extends PostgresStore {
  appendCalls = 0;
  private gate: Promise<void> = Promise.resolve();
  private open: () => void = () => undefined;

  /** From now on, appended updates wait until `releaseAppends()` before they are written. */
  holdAppends(): void {
    this.gate = new Promise<void>((resolve) => (this.open = resolve));
  }
  releaseAppends(): void {
    this.open();
  }

  // Batches go through `tx.appendUpdate` (a proxy of this store): held here as well.
  override async appendUpdate(docName: string, update: Uint8Array, origin: UpdateOrigin): Promise<AppendedUpdate> {
    this.appendCalls++;
    await this.gate;
    return super.appendUpdate(docName, update, origin);
  }
}

/** A raw socket on the document that records its frames, and sets a presence of its own to time round trips with. */
interface Watcher {
  socket: WS;
  frames: Uint8Array[];
  clientId: number;
  clock: number;
}

/** Whether `frame` is a sync update (what relaying an edit sends). */
const isUpdate = (frame: Uint8Array): boolean => {
  const decoder = decoding.createDecoder(frame);
  return decoding.readVarUint(decoder) === MESSAGE_SYNC && decoding.readVarUint(decoder) === SYNC_UPDATE;
};

/** The client ids and clocks an awareness frame carries (none for any other frame). */
function presenceIn(frame: Uint8Array): { clientId: number; clock: number }[] {
  const decoder = decoding.createDecoder(frame);
  if (decoding.readVarUint(decoder) !== MESSAGE_AWARENESS) return [];
  const entries = decoding.createDecoder(decoding.readVarUint8Array(decoder));
  const found: { clientId: number; clock: number }[] = [];
  for (let left = decoding.readVarUint(entries); left > 0; left--) {
    found.push({ clientId: decoding.readVarUint(entries), clock: decoding.readVarUint(entries) });
    decoding.readVarString(entries);
  }
  return found;
}

const hasPresence = (watcher: Watcher, clientId: number, clock: number): boolean =>
  watcher.frames.some((frame) => presenceIn(frame).some((entry) => entry.clientId === clientId && entry.clock === clock));

describe('several instances: an update is stored in PostgreSQL before any instance relays it', () => {
  const servers: TestServer[] = [];
  const clients: TestClient[] = [];
  const sockets: WS[] = [];
  const gated: GatedPostgresStore[] = [];
  afterEach(async () => {
    // A failed test may leave a write held: the server stops only once its writes are stored.
    for (const store of gated.splice(0)) store.releaseAppends();
    for (const client of clients.splice(0)) client.destroy();
    for (const socket of sockets.splice(0)) socket.close();
    for (const server of servers.splice(0)) await server.stop();
  });

  const watch = async (target: Target, clientId: number): Promise<Watcher> => {
    const { socket, frames } = await recordingSocket(target, DOC);
    sockets.push(socket);
    return { socket, frames, clientId, clock: 0 };
  };
  /**
   * Sets the watcher's presence anew and waits for its own instance to relay it back: everything
   * that instance sent this socket before is in by then, and the presence is on its way to the
   * other instances, published after whatever this instance published before.
   */
  const roundTrip = async (watcher: Watcher): Promise<number> => {
    const clock = ++watcher.clock;
    watcher.socket.send(awarenessFrame([{ clientId: watcher.clientId, clock, state: { user: { name: 'Vakt' } } }]));
    await waitFor(() => hasPresence(watcher, watcher.clientId, clock), { what: `presence ${watcher.clientId}@${clock} relayed back` });
    return clock;
  };

  it("while A's write is held, no client on A or B gets the update; once it is committed, both do", async () => {
    const url = await pg.server.createDatabase();
    // B prepares the database; A stores through a store whose writes the test holds.
    const b = await startTestServer({ databaseUrl: url, redisUrl: redis.server.url });
    servers.push(b);
    const store = await GatedPostgresStore.open(url);
    gated.push(store);
    const a = await startTestServer({ databaseUrl: url, redisUrl: redis.server.url, store });
    servers.push(a);

    const writer = connectClient(a, DOC);
    const reader = connectClient(await b.as('koordinator'), DOC);
    clients.push(writer, reader);
    await Promise.all([synced(writer), synced(reader)]);
    const onA = await watch(await a.as('koordinator'), 7001);
    const onB = await watch(await b.as('koordinator'), 7002);
    // Both watchers are in their rooms, and presence set on A reaches B through Redis.
    await roundTrip(onB);
    const joined = await roundTrip(onA);
    await waitFor(() => hasPresence(onB, onA.clientId, joined), { what: "A's watcher's presence on B" });
    expect([...onA.frames, ...onB.frames].filter(isUpdate)).toHaveLength(0);

    store.holdAppends();
    const appendsBefore = store.appendCalls;
    typeParagraph(writer, 'Holdt tilbake på A.');
    await waitFor(() => store.appendCalls > appendsBefore, { what: 'A is storing the update' });
    // A marker published by A after anything it published while handling the update: once B has
    // relayed it, and answered a round trip of B's own socket after that (B applies another
    // instance's update a few microtasks after it arrives), B has relayed whatever came before it.
    const marker = await roundTrip(onA);
    await waitFor(() => hasPresence(onB, onA.clientId, marker), { what: 'the marker on B' });
    await roundTrip(onB);
    expect(onA.frames.filter(isUpdate), 'relayed on A before it was stored').toHaveLength(0);
    expect(onB.frames.filter(isUpdate), 'relayed on B before A stored it').toHaveLength(0);
    expect(reader.text()).not.toContain('Holdt tilbake på A.');

    store.releaseAppends();
    await waitFor(() => onA.frames.some(isUpdate) && onB.frames.some(isUpdate), { what: 'the update relayed on both once stored' });
    await waitFor(() => reader.text().includes('Holdt tilbake på A.'), { what: 'the edit on B' });
  });
});
