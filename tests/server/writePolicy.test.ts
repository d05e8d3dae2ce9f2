import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { READ_ONLY_REASON } from '../../shared/auth.js';
import { NARRATIVE_FIELD } from '../../shared/documentLayout.js';
import type { RoundDetail } from '../../shared/round.js';
import { NarrativeWrites } from '../../server/domain/NarrativeWrites.js';
import { SqliteStore } from '../../server/store/sqliteStore.js';
import type { SyncConnection } from '../../server/sync/connection.js';
import { DocumentPersistence } from '../../server/sync/persistence.js';
import { decodeClientMessage } from '../../server/sync/protocol.js';
import { Room } from '../../server/sync/Room.js';
import { permissionDeniedReasons, updateFrame } from '../helpers/frames.js';
import { tempDataDir } from '../helpers/server.js';

const ROUND: RoundDetail = {
  id: 'runde',
  title: 'Runde',
  deadline: '2030-01-01T12:00:00+01:00',
  state: 'open',
  frozenAt: null,
  previousRoundId: null,
  planTitle: 'Plan',
  intro: '',
  measureCount: 1,
  importWarnings: [],
};

/** A connection as the sync route makes one: its right to write is asked of the policy each time. */
function connection(writes: NarrativeWrites, sent: Uint8Array[]): SyncConnection {
  const user = { username: 'jd', name: 'JD', ministry: 'JD' as const, role: 'editor' as const };
  const mayWrite = (): boolean => writes.mayWrite(user, ROUND.id, ['JD']);
  return { id: 'c1', sessionId: 's1', user, mayWrite, writableAtOpen: mayWrite(), takeDocumentWork: () => true, send: (m) => sent.push(m), close: () => undefined };
}

/** A paragraph typed into `doc`, sent as everything `server` lacks (as a client's sync does). */
function paragraphUpdate(doc: Y.Doc, server: Y.Doc, text: string): Uint8Array {
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(text)]);
  doc.getXmlFragment(NARRATIVE_FIELD).insert(0, [paragraph]);
  return Y.encodeStateAsUpdate(doc, Y.encodeStateVector(server));
}

describe('the sync layer asks the write policy for every update, not only at the upgrade', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  /** A room on a real store, the policy knowing the round open, and JD's connection to it; `send` types a paragraph over it. */
  const openRoom = () => {
    const dataDir = tempDataDir();
    dirs.push(dataDir);
    const store = new SqliteStore(dataDir);
    const room = new Room('runde.1', new Y.Doc(), new DocumentPersistence(store, 200));
    const writes = new NarrativeWrites();
    writes.know(ROUND);
    const sent: Uint8Array[] = [];
    const jd = connection(writes, sent);
    room.addConnection(jd);
    const local = new Y.Doc();
    const send = (text: string) => room.receive(jd, decodeClientMessage(updateFrame(paragraphUpdate(local, room.doc, text))));
    return { store, room, writes, sent, jd, send };
  };

  it('a freeze takes effect on the next update of an open connection, and a reopening too', async () => {
    const { store, room, writes, sent, jd, send } = openRoom();

    await send('Før fristen.');
    expect(room.doc.getXmlFragment(NARRATIVE_FIELD).length).toBe(1);
    // The domain publishes the freeze; the socket is still open.
    writes.onEvent({ type: 'round', roundId: ROUND.id, round: { ...ROUND, state: 'frozen', frozenAt: '2030-01-01T11:00:00.000Z' } });
    await send('Etter fristen.');
    expect(room.doc.getXmlFragment(NARRATIVE_FIELD).length).toBe(1);
    expect(permissionDeniedReasons(sent)).toEqual([READ_ONLY_REASON]);
    // A load that read the round before the freeze does not undo what the event said.
    writes.know(ROUND);
    expect(writes.mayWrite(jd.user, ROUND.id, ['JD'])).toBe(false);

    writes.onEvent({ type: 'round', roundId: ROUND.id, round: ROUND });
    await send('Gjenåpnet.');
    // The refused paragraph comes along with the next one, as a client's resync sends it.
    expect(room.doc.getXmlFragment(NARRATIVE_FIELD).length).toBe(3);
    await room.flushed();
    room.destroy();
    store.close();
  });

  it('a round the policy never heard of is written by the coordinator only', () => {
    const writes = new NarrativeWrites();
    expect(writes.mayWrite({ username: 'jd', role: 'editor', ministry: 'JD' }, 'ukjent', ['JD'])).toBe(false);
    expect(writes.mayWrite({ username: 'koordinator', role: 'coordinator', ministry: null }, 'ukjent', ['JD'])).toBe(true);
  });

  it('a rights change takes effect on the next update of an open connection once storage has been read for the account', async () => {
    const { store, room, writes, sent, jd, send } = openRoom();

    await send('Som redaktør.');
    expect(room.doc.getXmlFragment(NARRATIVE_FIELD).length).toBe(1);
    // Another session of the account was checked: it is a reader now. The socket is still open.
    writes.observe({ username: 'jd', role: 'reader', ministry: null });
    await send('Som leser.');
    expect(room.doc.getXmlFragment(NARRATIVE_FIELD).length).toBe(1);
    expect(permissionDeniedReasons(sent)).toEqual([READ_ONLY_REASON]);
    // Someone else's rights are theirs alone.
    writes.observe({ username: 'ud', role: 'editor', ministry: 'JD' });
    expect(writes.mayWrite(jd.user, ROUND.id, ['JD'])).toBe(false);
    // Made JD's editor again.
    writes.observe({ username: 'jd', role: 'editor', ministry: 'JD' });
    await send('Redaktør igjen.');
    expect(room.doc.getXmlFragment(NARRATIVE_FIELD).length).toBe(3);
    await room.flushed();
    room.destroy();
    store.close();
  });
});
