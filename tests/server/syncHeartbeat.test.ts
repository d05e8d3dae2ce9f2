import * as Y from 'yjs';
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { measureDocName, NARRATIVE_FIELD } from '../../shared/documentLayout.js';
import { MESSAGE_HEARTBEAT } from '../../shared/syncMessages.js';
import { DEFAULT_ROUND } from '../../server/seed/buildRoundSeed.js';
import type { SyncConnection } from '../../server/sync/connection.js';
import { DocumentPersistence } from '../../server/sync/persistence.js';
import { decodeClientMessage } from '../../server/sync/protocol.js';
import { Room } from '../../server/sync/Room.js';
import { closeCode, connectClient, openRawSocket, synced, typeParagraph, type TestClient } from '../helpers/clients.js';
import { updateFrame } from '../helpers/frames.js';
import { GatedStore } from '../helpers/gatedStore.js';
import { tempDataDir } from '../helpers/server.js';
import { suiteServer } from '../helpers/suiteServer.js';
import { waitFor } from '../helpers/waitFor.js';

/**
 * The client's heartbeat (shared/syncMessages.ts): one byte, answered with the same byte once
 * what the connection sent before it is stored; never a sync step 2 with the whole delete set.
 */
const HEARTBEAT = Uint8Array.of(MESSAGE_HEARTBEAT);
const isHeartbeat = (frame: Uint8Array): boolean => frame.length === 1 && frame[0] === MESSAGE_HEARTBEAT;

describe('the heartbeat', () => {
  const server = suiteServer();
  const dirs: string[] = [];
  const clients: TestClient[] = [];
  afterEach(() => {
    for (const client of clients.splice(0)) client.destroy();
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('is answered with its one byte, and the socket goes on syncing', async () => {
    const docName = measureDocName(DEFAULT_ROUND.id, 3);
    const frames: Uint8Array[] = [];
    const socket = await openRawSocket(server, docName, { onFrame: (frame) => frames.push(frame) });
    try {
      const before = frames.length;
      socket.send(HEARTBEAT);
      await waitFor(() => frames.slice(before).some(isHeartbeat), { what: 'the heartbeat answered' });
      // Nothing else was sent for it: no sync step 2.
      expect(frames.slice(before).filter((frame) => !isHeartbeat(frame))).toEqual([]);
      // The connection is as good as before: a writer's text reaches it.
      const writer = connectClient(server, docName);
      clients.push(writer);
      await synced(writer);
      const seen = frames.length;
      typeParagraph(writer, 'Etter hjerteslaget.');
      await waitFor(() => frames.length > seen, { what: 'the update relayed to the raw socket' });
      expect(socket.readyState).toBe(socket.OPEN);
    } finally {
      socket.close();
      await closeCode(socket);
    }
  });

  it('is answered only once the update sent before it is stored', async () => {
    const dataDir = tempDataDir();
    dirs.push(dataDir);
    const store = new GatedStore(dataDir);
    try {
      const room = new Room('runde.1', new Y.Doc(), new DocumentPersistence(store, 1_000));
      const sent: Uint8Array[] = [];
      const connection: SyncConnection = {
        id: 'jd',
        sessionId: 'session-jd',
        user: { username: 'jd', name: 'JD', ministry: 'JD', role: 'editor' },
        mayWrite: () => true,
        writableAtOpen: true,
        takeDocumentWork: () => true,
        send: (message) => sent.push(message),
        close: () => undefined,
      };
      room.addConnection(connection);
      const writer = new Y.Doc();
      let update: Uint8Array | null = null;
      writer.on('update', (u: Uint8Array) => (update = u));
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText('Lagres først.')]);
      writer.getXmlFragment(NARRATIVE_FIELD).insert(0, [paragraph]);

      store.holdAppends();
      await room.receive(connection, decodeClientMessage(updateFrame(update!)));
      const answered = room.receive(connection, decodeClientMessage(HEARTBEAT));
      await waitFor(() => store.appendCalls > 0, { what: 'the update being stored' });
      // The write is held at the store: the heartbeat waits for it.
      expect(sent.some(isHeartbeat)).toBe(false);
      store.releaseAppends();
      await answered;
      expect(sent.filter(isHeartbeat)).toHaveLength(1);
      await room.flushed();
    } finally {
      store.close();
    }
  });
});
