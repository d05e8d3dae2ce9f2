import * as decoding from 'lib0/decoding';
import { afterEach, describe, expect, it } from 'vitest';
import type { WebSocket as WS } from 'ws';
import { measureDocName } from '../../shared/documentLayout.js';
import { DEFAULT_ROUND } from '../../server/seed/buildRoundSeed.js';
import { connectClient, openRawSocket, synced, typeParagraph, type TestClient } from '../helpers/clients.js';
import { GatedStore } from '../helpers/gatedStore.js';
import { startTestServer, tempDataDir, type TestServer } from '../helpers/server.js';
import { waitFor } from '../helpers/waitFor.js';

const DOC = measureDocName(DEFAULT_ROUND.id, 9);
const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;
const MESSAGE_QUERY_AWARENESS = 3;
const SYNC_UPDATE = 2;

/** Records the kind of every frame a raw socket receives, e.g. `sync:2` or `awareness`. */
function recordFrames(socket: WS): string[] {
  const frames: string[] = [];
  socket.on('message', (data: Buffer) => {
    const decoder = decoding.createDecoder(new Uint8Array(data));
    const type = decoding.readVarUint(decoder);
    frames.push(type === MESSAGE_SYNC ? `sync:${decoding.readVarUint(decoder)}` : type === MESSAGE_AWARENESS ? 'awareness' : `type:${type}`);
  });
  return frames;
}

describe('an update is stored before it is relayed', () => {
  let server: TestServer | null = null;
  const clients: TestClient[] = [];
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await server?.stop();
    server = null;
  });

  it('other clients get nothing while the write is pending, and the update once it is committed', async () => {
    const store = new GatedStore(tempDataDir());
    server = await startTestServer({ store });
    const writer = connectClient(server, DOC);
    clients.push(writer);
    await synced(writer);
    const watcher = await openRawSocket(server, DOC);
    const frames = recordFrames(watcher);
    // A reply to a query means the watcher has joined the room.
    watcher.send(new Uint8Array([MESSAGE_QUERY_AWARENESS]));
    await waitFor(() => frames.includes('awareness'), { what: 'watcher in the room' });

    store.holdAppends();
    const appendsBefore = store.appendCalls;
    typeParagraph(writer, 'Venter på disken.');
    await waitFor(() => store.appendCalls > appendsBefore, { what: 'the server received the update' });
    // A round trip on the watcher's own socket: anything relayed before this reply would
    // have arrived before it.
    const awarenessReplies = frames.filter((f) => f === 'awareness').length;
    watcher.send(new Uint8Array([MESSAGE_QUERY_AWARENESS]));
    await waitFor(() => frames.filter((f) => f === 'awareness').length > awarenessReplies, { what: 'awareness reply' });
    expect(frames).not.toContain(`sync:${SYNC_UPDATE}`);

    store.releaseAppends();
    await waitFor(() => frames.includes(`sync:${SYNC_UPDATE}`), { what: 'update relayed after the write' });
    watcher.close();
  });
});
