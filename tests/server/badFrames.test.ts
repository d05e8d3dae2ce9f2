import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { CLOSE_CODES } from '../../shared/closeCodes.js';
import { measureDocName } from '../../shared/documentLayout.js';
import { MAX_MESSAGE_BYTES } from '../../shared/limits.js';
import { DEFAULT_ROUND } from '../../server/seed/buildRoundSeed.js';
import { closeCode, connectClient, openRawSocket, synced, typeParagraph, type TestClient } from '../helpers/clients.js';
import { updateFrame } from '../helpers/frames.js';
import { EMPTY_STRUCT_CLIENT, emptyStructUpdate } from '../helpers/poison.js';
import { api } from '../helpers/session.js';
import { suiteServer } from '../helpers/suiteServer.js';
import { waitFor } from '../helpers/waitFor.js';

const DOC = measureDocName(DEFAULT_ROUND.id, 5);

/** A sync "update" message whose update bytes are not a Yjs update. */
function corruptUpdateMessage(): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0); // sync
  encoding.writeVarUint(encoder, 2); // update
  encoding.writeVarUint8Array(encoder, new Uint8Array([5, 200, 1, 7, 7, 7]));
  return encoding.toUint8Array(encoder);
}

/** A client's first struct, a GC of length 0: Yjs integrates it, and the state it then encodes cannot be applied. */
const EMPTY_STRUCT = updateFrame(emptyStructUpdate());

/** An update (version 1) with no structs and a deletion of length 0: no structs; one client, one range, clock 0, length 0. */
const EMPTY_DELETION = updateFrame(
  encoding.encode((update) => {
    for (const n of [0, 1, 888_888, 1, 0, 0]) encoding.writeVarUint(update, n);
  }),
);

/**
 * An update (version 1) listing client 777,777's structs in two groups, each from clock 0: Yjs
 * applies only the last group of a client, while decoding lists both, so what is judged would not
 * be what lands.
 */
function twoGroupsOfOneClient(): Uint8Array {
  const group = (text: string): Uint8Array => {
    const doc = new Y.Doc();
    doc.clientID = 777_777;
    doc.getXmlFragment('narrative').insert(0, [new Y.XmlText(text)]);
    const update = Y.encodeStateAsUpdate(doc);
    // One client's group: without the count of clients before it (1) and the empty delete set after it.
    if (update[0] !== 1 || update[update.length - 1] !== 0) throw new Error('not one client and no deletions');
    return update.slice(1, update.length - 1);
  };
  return updateFrame(new Uint8Array([2, ...group('Først.'), ...group('Så.'), 0]));
}

/** An awareness message carrying one state, as a client would send it. */
function awarenessMessage(state: unknown): Uint8Array {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, 1); // one client
  encoding.writeVarUint(inner, 424242); // client id
  encoding.writeVarUint(inner, 1); // clock
  encoding.writeVarString(inner, JSON.stringify(state));
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 1); // awareness
  encoding.writeVarUint8Array(encoder, encoding.toUint8Array(inner));
  return encoding.toUint8Array(encoder);
}

describe('bad frames close only their own connection', () => {
  const server = suiteServer();
  let bystander: TestClient;
  let writer: TestClient;

  beforeAll(async () => {
    bystander = connectClient(server, DOC);
    writer = connectClient(server, DOC);
    await Promise.all([synced(bystander), synced(writer)]);
  });
  afterAll(() => {
    bystander.destroy();
    writer.destroy();
  });

  /** After each bad frame, edits still flow between the well-behaved clients of that document. */
  async function othersStillWork(marker: string): Promise<void> {
    typeParagraph(writer, marker);
    await waitFor(() => bystander.text().includes(marker), { what: `"${marker}" relayed` });
    expect(bystander.provider.wsconnected).toBe(true);
  }

  it.each([
    ['random bytes', new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f])],
    ['an unknown message type', new Uint8Array([9, 0])],
    ['a truncated sync message', new Uint8Array([0, 0, 50, 1, 2])],
    ['a corrupt Yjs update', corruptUpdateMessage()],
    ['a truncated awareness message', new Uint8Array([1, 6, 1, 1, 1, 9, 0x7b])],
    ['an update with a struct of no length', EMPTY_STRUCT],
    ['an update with a deletion of no length', EMPTY_DELETION],
    ['an update with two groups of structs of one client', twoGroupsOfOneClient()],
  ])('%s: close %i', async (label, frame) => {
    const socket = await openRawSocket(server, DOC);
    const code = closeCode(socket);
    socket.send(frame);
    expect(await code).toBe(CLOSE_CODES.MALFORMED_MESSAGE);
    await othersStillWork(`etter ${label}`);
  });

  it('after updates of no length, a fresh client loads the document and its state applies to a new one', async () => {
    const fresh = connectClient(server, DOC);
    try {
      await synced(fresh);
      const state = Y.encodeStateAsUpdate(fresh.doc);
      expect(Y.decodeUpdate(state).structs.every((struct) => struct.length > 0)).toBe(true);
      expect(() => Y.applyUpdate(new Y.Doc(), state)).not.toThrow();
      expect(fresh.doc.store.clients.has(EMPTY_STRUCT_CLIENT), 'the empty struct was not taken').toBe(false);
    } finally {
      fresh.destroy();
    }
  });

  it("a well-formed awareness state is relayed with the session's user, not the one it claims", async () => {
    const socket = await openRawSocket(server, DOC);
    socket.send(awarenessMessage({ user: { name: 'Kari', ministry: 'UD', color: '#0062ba' }, cursor: null }));
    await waitFor(() => bystander.provider.awareness.getStates().has(424242), { what: 'awareness relayed' });
    expect(bystander.provider.awareness.getStates().get(424242)?.user).toEqual({
      name: 'Koordinator',
      ministry: null,
      username: 'koordinator',
      color: '#0062ba',
    });
    socket.close();
    await waitFor(() => !bystander.provider.awareness.getStates().has(424242), { what: 'awareness removed on close' });
  });

  it('a text frame is refused', async () => {
    const socket = await openRawSocket(server, DOC);
    const code = closeCode(socket);
    socket.send('hei');
    expect(await code).toBe(CLOSE_CODES.UNSUPPORTED_DATA);
    await othersStillWork('etter tekstramme');
  });

  it('an oversized frame is refused without being applied', async () => {
    const socket = await openRawSocket(server, DOC);
    const code = closeCode(socket);
    socket.send(new Uint8Array(MAX_MESSAGE_BYTES + 1));
    expect(await code).toBe(CLOSE_CODES.MESSAGE_TOO_BIG);
    await othersStillWork('etter for stor ramme');
  });

  it('an unknown document is refused before the upgrade', async () => {
    await expect(openRawSocket(server, measureDocName(DEFAULT_ROUND.id, 99))).rejects.toThrow(/404/);
    await expect(openRawSocket(server, 'no-such-round.1')).rejects.toThrow(/404/);
    await expect(openRawSocket(server, '..%2Fetc')).rejects.toThrow(/404/);
  });

  it('a plain GET on the sync path gets 426 in the API error shape', async () => {
    const response = await api(server, `/sync/${DOC}`);
    expect(response.status).toBe(426);
    expect(await response.json()).toMatchObject({ error: { code: 'upgrade_required' } });
  });
});
