import Database from 'better-sqlite3';
import * as decoding from 'lib0/decoding';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { NARRATIVE_FIELD, measureDocName } from '../../shared/documentLayout.js';
import { narrativeText } from '../../shared/narrative.js';
import { DEFAULT_ROUND } from '../../server/seed/buildRoundSeed.js';
import { DATABASE_FILE } from '../../server/store/sqliteStore.js';
import type { Store } from '../../server/store/types.js';
import type { SyncConnection } from '../../server/sync/connection.js';
import { DocumentPersistence } from '../../server/sync/persistence.js';
import { decodeClientMessage } from '../../server/sync/protocol.js';
import { Room } from '../../server/sync/Room.js';
import { connectClient, synced, typeParagraph, type TestClient } from '../helpers/clients.js';
import { updateFrame } from '../helpers/frames.js';
import { GatedStore } from '../helpers/gatedStore.js';
import { spawnServer, type ServerProcess } from '../helpers/process.js';
import { tempDataDir } from '../helpers/server.js';
import { signIn } from '../helpers/session.js';
import { waitFor } from '../helpers/waitFor.js';

const ROOM = 'runde.1';
const MESSAGE_SYNC = 0;

/** The real store, counting transactions (a group commit is one) and their appends. */
class CountingStore extends GatedStore {
  transactions = 0;
  override transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T> {
    this.transactions++;
    return super.transaction(fn);
  }
}

type User = SyncConnection['user'];
const JD: User = { username: 'jd', name: 'JD', ministry: 'JD', role: 'editor' };
const UD: User = { username: 'ud', name: 'UD', ministry: 'UD', role: 'editor' };

/** The text an update inserts (each here inserts one paragraph), read from its structs alone. */
function insertedText(update: Uint8Array): string {
  return Y.decodeUpdate(update)
    .structs.map((struct) => (struct instanceof Y.Item && struct.content instanceof Y.ContentString ? struct.content.str : ''))
    .join('');
}

/** A connection that records the sync updates it is sent (the text each inserts, in order). */
function connection(id: string, user: User, received: string[]): SyncConnection {
  return {
    id,
    sessionId: `session-${id}`,
    user,
    mayWrite: () => true,
    writableAtOpen: true,
    takeDocumentWork: () => true,
    send(message) {
      const decoder = decoding.createDecoder(message);
      if (decoding.readVarUint(decoder) !== MESSAGE_SYNC || decoding.readVarUint(decoder) !== 2) return;
      received.push(insertedText(decoding.readVarUint8Array(decoder)));
    },
    close: () => undefined,
  };
}

/** A client's own document: each paragraph it types is one update, sent as a frame. */
class Writer {
  readonly doc = new Y.Doc();
  private readonly updates: Uint8Array[] = [];
  constructor() {
    this.doc.on('update', (update: Uint8Array) => this.updates.push(update));
  }
  /** Appends a paragraph after `server`'s content and returns the frame that carries it. */
  type(server: Y.Doc, text: string): ReturnType<typeof decodeClientMessage> {
    Y.applyUpdate(this.doc, Y.encodeStateAsUpdate(server, Y.encodeStateVector(this.doc)));
    this.updates.length = 0;
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText(text)]);
    const fragment = this.doc.getXmlFragment(NARRATIVE_FIELD);
    fragment.insert(fragment.length, [paragraph]);
    return decodeClientMessage(updateFrame(this.updates[0]!));
  }
}

/**
 * The rows of a document's history, oldest first, read through a connection of its own (so only
 * what is committed): each row's author and the text it appended (every update here appends).
 */
function committedHistory(dataDir: string, docName: string): { author: string | null; text: string }[] {
  const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
  const doc = new Y.Doc();
  try {
    const rows = db
      .prepare('SELECT h.author, h.data FROM doc_history h JOIN documents d ON d.id = h.doc WHERE d.name = ? ORDER BY h.id')
      .all(docName) as { author: string | null; data: Buffer }[];
    let before = '';
    return rows.map((row) => {
      Y.applyUpdate(doc, new Uint8Array(row.data));
      const after = narrativeText(doc.getXmlFragment(NARRATIVE_FIELD));
      const text = after.slice(before.length).replace(/^\n\n/, '');
      before = after;
      return { author: row.author, text };
    });
  } finally {
    doc.destroy();
    db.close();
  }
}

describe('group commit: the updates of one turn are stored in one transaction, then relayed in order', () => {
  const dirs: string[] = [];
  const processes: ServerProcess[] = [];
  const clients: TestClient[] = [];
  afterEach(() => {
    for (const client of clients.splice(0)) client.destroy();
    for (const p of processes.splice(0)) p.child.kill('SIGKILL');
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('one transaction for a turn of two writers; nothing relayed or visible before its commit; each update with its own author, in order', async () => {
    const dataDir = tempDataDir();
    dirs.push(dataDir);
    const store = new CountingStore(dataDir);
    const room = new Room(ROOM, new Y.Doc(), new DocumentPersistence(store, 1_000));
    const seen = { jd: [] as string[], ud: [] as string[], reader: [] as string[] };
    const jd = connection('jd', JD, seen.jd);
    const ud = connection('ud', UD, seen.ud);
    const reader = connection('reader', { ...UD, username: 'reader' }, seen.reader);
    for (const c of [jd, ud, reader]) room.addConnection(c);
    const writers = { jd: new Writer(), ud: new Writer() };

    store.holdAppends();
    const texts: string[] = [];
    const received: Promise<void>[] = [];
    for (let i = 0; i < 30; i++) {
      const [who, conn] = i % 3 === 2 ? (['ud', ud] as const) : (['jd', jd] as const);
      const text = `${who} ${i}.`;
      texts.push(text);
      received.push(Promise.resolve(room.receive(conn, writers[who].type(room.doc, text))));
    }
    await Promise.all(received);
    // Applied at once (the document has them all) ...
    expect(narrativeText(room.doc.getXmlFragment(NARRATIVE_FIELD))).toBe(texts.join('\n\n'));
    // ... but while the batch's transaction waits, nothing is relayed and nothing is committed.
    await waitFor(() => store.appendCalls > 0, { what: 'the batch being stored' });
    await new Promise((done) => setTimeout(done, 50));
    expect(seen.reader).toEqual([]);
    expect(committedHistory(dataDir, ROOM)).toEqual([]);

    store.releaseAppends();
    await room.flushed();
    expect(store.transactions).toBe(1);
    expect(store.appendCalls).toBe(30);
    // Stored in the order applied, each update under its sender's name ...
    expect(committedHistory(dataDir, ROOM)).toEqual(texts.map((text) => ({ author: text.split(' ')[0], text })));
    // ... relayed in that order, to everyone but its sender.
    expect(seen.reader).toEqual(texts);
    expect(seen.jd).toEqual(texts.filter((text) => text.startsWith('ud')));
    expect(seen.ud).toEqual(texts.filter((text) => text.startsWith('jd')));
    // Authorship and versions are per update, as when stored one by one.
    const claims = await store.documentClients(ROOM);
    expect(new Map(claims.map((claim) => [claim.clientId, claim.author]))).toEqual(
      new Map([
        [writers.jd.doc.clientID, 'jd'],
        [writers.ud.doc.clientID, 'ud'],
      ]),
    );
    const versions = await store.listVersions(ROOM);
    expect(versions.map((v) => [v.author, v.updates])).toEqual([
      ['jd', 20],
      ['ud', 10],
    ]);

    // The next turn is the next commit (a lone update's own, without a wrapping transaction).
    await room.receive(jd, writers.jd.type(room.doc, 'jd etterpå.'));
    await room.flushed();
    expect([store.transactions, store.appendCalls]).toEqual([1, 31]);
    expect(seen.reader.at(-1)).toBe('jd etterpå.');
    room.destroy();
    store.close();
  });

  it('compacts from the loaded document when it holds exactly what is stored: every compacted state is the history through its update', async () => {
    const dataDir = tempDataDir();
    dirs.push(dataDir);
    const store = new CountingStore(dataDir);
    const persistence = new DocumentPersistence(store, 5);
    const compact = vi.spyOn(persistence, 'compact');
    const room = new Room(ROOM, new Y.Doc(), persistence);
    const jd = connection('jd', JD, []);
    room.addConnection(jd);
    const writer = new Writer();
    for (let turn = 0; turn < 12; turn++) {
      // Turns of one to four updates.
      for (let i = 0; i <= turn % 4; i++) void room.receive(jd, writer.type(room.doc, `${turn}.${i}.`));
      await room.flushed();
    }
    expect(compact.mock.calls.length).toBeGreaterThan(3);
    expect(compact.mock.calls.every(([, live]) => live !== undefined)).toBe(true);

    const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
    try {
      const history = db.prepare('SELECT h.id, h.data FROM doc_history h ORDER BY h.id').all() as { id: number; data: Buffer }[];
      const states = db.prepare('SELECT through_id, state FROM doc_state UNION ALL SELECT through_id, state FROM doc_checkpoints').all() as { through_id: number; state: Buffer }[];
      expect(states.length).toBeGreaterThan(1);
      for (const { through_id: throughId, state } of states) {
        const rebuilt = new Y.Doc();
        for (const row of history.filter((r) => r.id <= throughId)) Y.applyUpdate(rebuilt, new Uint8Array(row.data));
        const compacted = new Y.Doc();
        Y.applyUpdate(compacted, new Uint8Array(state));
        expect(Y.encodeStateVector(compacted)).toEqual(Y.encodeStateVector(rebuilt));
        expect(narrativeText(compacted.getXmlFragment(NARRATIVE_FIELD))).toBe(narrativeText(rebuilt.getXmlFragment(NARRATIVE_FIELD)));
        rebuilt.destroy();
        compacted.destroy();
      }
    } finally {
      db.close();
    }
    // And the document loads as the room holds it.
    const loaded = await persistence.load(ROOM);
    expect(narrativeText(loaded.doc.getXmlFragment(NARRATIVE_FIELD))).toBe(narrativeText(room.doc.getXmlFragment(NARRATIVE_FIELD)));
    loaded.doc.destroy();
    room.destroy();
    store.close();
  });

  it('a failed batch stores none of its updates, relays none, and drops the room', async () => {
    const dataDir = tempDataDir();
    dirs.push(dataDir);
    class FailingStore extends GatedStore {
      override async appendUpdate(...args: Parameters<GatedStore['appendUpdate']>): ReturnType<GatedStore['appendUpdate']> {
        if (this.appendCalls === 3) throw new Error('disk full');
        return super.appendUpdate(...args);
      }
    }
    const store = new FailingStore(dataDir);
    let broken: unknown = null;
    const room = new Room(ROOM, new Y.Doc(), new DocumentPersistence(store, 1_000), { onBroken: (_room, error) => (broken = error) });
    const seen: string[] = [];
    const jd = connection('jd', JD, []);
    room.addConnection(jd);
    room.addConnection(connection('reader', UD, seen));
    const writer = new Writer();
    for (let i = 0; i < 6; i++) void room.receive(jd, writer.type(room.doc, `jd ${i}.`));
    await room.flushed();
    expect(String(broken)).toContain('disk full');
    expect(room.isBroken).toBe(true);
    expect(seen).toEqual([]);
    expect(committedHistory(dataDir, ROOM)).toEqual([]);
    store.close();
  });

  it('every edit of a burst that was relayed survives SIGKILL, in the order sent', async () => {
    const dataDir = tempDataDir();
    dirs.push(dataDir);
    const docName = measureDocName(DEFAULT_ROUND.id, 12);
    const first = await spawnServer(dataDir);
    processes.push(first);
    const writer = connectClient(await signIn(first.url, 'koordinator'), docName);
    const reader = connectClient(await signIn(first.url, 'ud'), docName);
    clients.push(writer, reader);
    await Promise.all([synced(writer), synced(reader)]);
    const before = reader.text();
    // 200 updates sent back to back: they reach the server together and are stored in few commits.
    const burst = Array.from({ length: 200 }, (_, i) => `Rask ${i}.`);
    for (const text of burst) typeParagraph(writer, text);
    await waitFor(() => reader.text().endsWith('Rask 199.'), { what: 'the burst relayed', timeoutMs: 20_000 });
    const relayed = reader.text();
    first.child.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');
    for (const client of [writer, reader]) {
      client.provider.shouldConnect = false;
      client.provider.disconnect();
    }

    const history = committedHistory(dataDir, docName).filter((row) => row.author === 'koordinator');
    expect(history.map((row) => row.text)).toEqual(burst);
    const second = await spawnServer(dataDir);
    processes.push(second);
    const late = connectClient(await signIn(second.url, 'koordinator'), docName);
    clients.push(late);
    await synced(late);
    expect(late.text()).toBe(relayed);
    expect(late.text()).toBe([before, ...burst].filter((part) => part !== '').join('\n\n'));
  });
});
