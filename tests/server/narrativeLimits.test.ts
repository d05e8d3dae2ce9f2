import { beforeAll, describe, expect, it } from 'vitest';
import { WebSocket as WS } from 'ws';
import * as Y from 'yjs';
import { LIMIT_REFUSAL_PREFIX } from '../../shared/auth.js';
import { CLOSE_CODES } from '../../shared/closeCodes.js';
import { measureDocName, NARRATIVE_FIELD } from '../../shared/documentLayout.js';
import { MAX_DOCUMENT_BYTES, MAX_NARRATIVE_DEPTH, MAX_NARRATIVE_NODES } from '../../shared/limits.js';
import { DEFAULT_ROUND } from '../../server/seed/buildRoundSeed.js';
import { closeCode, connectClient, fetchDoc, openRawSocket, recordingSocket, synced, typeParagraph, type TestClient } from '../helpers/clients.js';
import { permissionDeniedReasons, updateFrame } from '../helpers/frames.js';
import { narrativeDepth } from '../helpers/nesting.js';
import type { Target } from '../helpers/session.js';
import { suiteServer } from '../helpers/suiteServer.js';
import { waitFor } from '../helpers/waitFor.js';

const ROUND = DEFAULT_ROUND.id;

describe('limits on the shape and size of a narrative, enforced before an update is applied', () => {
  const server = suiteServer();
  let jd: Target;

  beforeAll(async () => {
    jd = await server.as('jd');
  });

  it('a tower built one level per update stops at the depth limit; the next level is refused as over a limit', async () => {
    const docName = measureDocName(ROUND, 5);
    const { socket, frames } = await recordingSocket(jd, docName);
    const local = new Y.Doc();
    let parent: Y.XmlFragment | Y.XmlElement = local.getXmlFragment(NARRATIVE_FIELD);
    let last: Uint8Array = new Uint8Array();
    local.on('update', (update: Uint8Array) => (last = update));
    for (let level = 1; level <= MAX_NARRATIVE_DEPTH + 1; level++) {
      const element: Y.XmlElement = new Y.XmlElement('blockquote');
      parent.insert(0, [element]);
      parent = element;
      socket.send(updateFrame(last));
    }
    await waitFor(() => permissionDeniedReasons(frames).length > 0, { what: 'the refusal' });
    expect(permissionDeniedReasons(frames)).toEqual([expect.stringMatching(new RegExp(`^${LIMIT_REFUSAL_PREFIX}.*${MAX_NARRATIVE_DEPTH}`))]);
    expect(socket.readyState).toBe(WS.OPEN);
    // Everything up to the limit is stored, and nothing of the level beyond it.
    const stored = await fetchDoc(server, docName);
    expect(narrativeDepth(stored)).toBe(MAX_NARRATIVE_DEPTH);
    socket.close();
  });

  it('a deep tower sent in one update is refused whole, and the server carries on', async () => {
    const docName = measureDocName(ROUND, 6);
    const { socket, frames } = await recordingSocket(jd, docName);
    const local = new Y.Doc();
    local.transact(() => {
      let parent: Y.XmlFragment | Y.XmlElement = local.getXmlFragment(NARRATIVE_FIELD);
      for (let level = 0; level < 7_500; level++) {
        const element: Y.XmlElement = new Y.XmlElement('blockquote');
        parent.insert(0, [element]);
        parent = element;
      }
    });
    socket.send(updateFrame(Y.encodeStateAsUpdate(local)));
    await waitFor(() => permissionDeniedReasons(frames).some((reason) => reason.startsWith(LIMIT_REFUSAL_PREFIX)), { what: 'the refusal' });
    const stored = await fetchDoc(server, docName);
    expect(Y.decodeStateVector(Y.encodeStateVector(stored)).has(local.clientID)).toBe(false);
    // The measure's plain text (read by the timer that once crashed the server) is as before.
    expect((await (await fetch(`${server.url}/api/health`)).json()) as unknown).toEqual({ ok: true });
    socket.close();
  });

  it('more nodes than a document may hold are refused, counted across updates', async () => {
    const docName = measureDocName(ROUND, 7);
    const { socket, frames } = await recordingSocket(jd, docName);
    const local = new Y.Doc();
    const fragment = local.getXmlFragment(NARRATIVE_FIELD);
    const updates: Uint8Array[] = [];
    local.on('update', (update: Uint8Array) => updates.push(update));
    const half = Math.ceil(MAX_NARRATIVE_NODES / 2) + 1;
    // Two updates of just over half the limit each: the first fits, the second does not.
    for (let round = 0; round < 2; round++) {
      fragment.insert(fragment.length, Array.from({ length: half }, () => new Y.XmlElement('paragraph')));
    }
    socket.send(updateFrame(updates[0]!));
    socket.send(updateFrame(updates[1]!));
    await waitFor(() => permissionDeniedReasons(frames).length > 0, { what: 'the refusal' });
    expect(permissionDeniedReasons(frames)).toEqual([expect.stringContaining(`${MAX_NARRATIVE_NODES} nodes`)]);
    const stored = await fetchDoc(server, docName);
    expect(stored.getXmlFragment(NARRATIVE_FIELD).length).toBeLessThan(MAX_NARRATIVE_NODES);
    expect(stored.getXmlFragment(NARRATIVE_FIELD).toArray().filter((node) => node instanceof Y.XmlElement && node.length === 0)).toHaveLength(half);
    socket.close();
  });

  it('a document may not grow past its size limit, in updates that each fit in a frame', async () => {
    const docName = measureDocName(ROUND, 8);
    const { socket, frames } = await recordingSocket(server, docName);
    const local = new Y.Doc();
    const text = new Y.XmlText();
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [text]);
    local.getXmlFragment(NARRATIVE_FIELD).insert(0, [paragraph]);
    socket.send(updateFrame(Y.encodeStateAsUpdate(local)));
    const chunk = 'x'.repeat(900_000);
    let sent = 0;
    while (permissionDeniedReasons(frames).length === 0 && sent < 4) {
      const before = Y.encodeStateVector(local);
      text.insert(text.length, chunk);
      socket.send(updateFrame(Y.encodeStateAsUpdate(local, before)));
      sent++;
      // A round trip: the server answers a sync step 1 only once every update before it is stored.
      await fetchDoc(server, docName);
    }
    expect(permissionDeniedReasons(frames)).toEqual([expect.stringContaining(`larger than ${MAX_DOCUMENT_BYTES} bytes`)]);
    const stored = await fetchDoc(server, docName);
    expect(Y.encodeStateAsUpdate(stored).byteLength).toBeLessThanOrEqual(MAX_DOCUMENT_BYTES);
    expect(sent).toBe(3);
    socket.close();
  });
});

describe('updates with missing dependencies are refused, never kept or served', () => {
  const server = suiteServer();
  let jd: Target;

  beforeAll(async () => {
    jd = await server.as('jd');
  });

  /** An update that builds on a change the server never received. */
  function gapUpdate(): { doc: Y.Doc; update: Uint8Array } {
    const doc = new Y.Doc();
    const fragment = doc.getXmlFragment(NARRATIVE_FIELD);
    fragment.insert(0, [new Y.XmlElement('paragraph')]);
    const before = Y.encodeStateVector(doc);
    const text = new Y.XmlText('bygger på noe serveren aldri fikk '.repeat(1_000));
    (fragment.get(0) as Y.XmlElement).insert(0, [text]);
    return { doc, update: Y.encodeStateAsUpdate(doc, before) };
  }

  it('closes the connection with 4009, so that a client resyncs, and stores and serves nothing of it', async () => {
    const docName = measureDocName(ROUND, 5);
    const { doc, update } = gapUpdate();
    const socket = await openRawSocket(jd, docName);
    const code = closeCode(socket);
    socket.send(updateFrame(update));
    expect(await code).toBe(CLOSE_CODES.OUT_OF_SYNC);
    const fresh = connectClient(server, docName);
    await synced(fresh);
    expect(Y.decodeStateVector(Y.encodeStateVector(fresh.doc)).has(doc.clientID)).toBe(false);
    // What a fresh client downloads has no pending structs in it either.
    expect(fresh.doc.store.pendingStructs).toBeNull();
    fresh.destroy();
  });

  it('a deletion of something the server never had is refused the same way', async () => {
    const docName = measureDocName(ROUND, 5);
    const remote = new Y.Doc();
    const fragment = remote.getXmlFragment(NARRATIVE_FIELD);
    fragment.insert(0, [new Y.XmlElement('paragraph'), new Y.XmlElement('paragraph')]);
    const before = Y.encodeStateVector(remote);
    fragment.delete(0, 1);
    const deletion = Y.encodeStateAsUpdate(remote, before);
    const socket = await openRawSocket(jd, docName);
    const code = closeCode(socket);
    socket.send(updateFrame(deletion));
    expect(await code).toBe(CLOSE_CODES.OUT_OF_SYNC);
  });

  it('the stock client reconnects after it and syncs everything it has', async () => {
    const docName = measureDocName(ROUND, 5);
    const writer: TestClient = connectClient(jd, docName);
    await synced(writer);
    const { update } = gapUpdate();
    const closed = new Promise<number | undefined>((resolve) => writer.provider.once('connection-close', (event) => resolve(event?.code)));
    // As if this client had lost a message: its next update refers to what the server lacks.
    (writer.provider.ws as unknown as WS).send(updateFrame(update));
    expect(await closed).toBe(CLOSE_CODES.OUT_OF_SYNC);
    await waitFor(() => writer.provider.wsconnected && writer.provider.synced, { what: 'the reconnect' });
    typeParagraph(writer, 'Etter ny synkronisering.');
    const reader = connectClient(server, docName);
    await waitFor(() => reader.text().includes('Etter ny synkronisering.'), { what: 'the edit after the resync' });
    writer.destroy();
    reader.destroy();
  });
});
