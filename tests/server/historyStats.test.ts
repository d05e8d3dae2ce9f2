import { rmSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { NARRATIVE_FIELD } from '../../shared/documentLayout.js';
import { MeasureHistory, STATS_MAX_WAIT_MS, STATS_QUIET_MS } from '../../server/history/MeasureHistory.js';
import { SqliteStore } from '../../server/store/sqliteStore.js';
import type { VersionRecord } from '../../server/store/types.js';
import { Narratives } from '../../server/sync/narratives.js';
import type { SyncConnection } from '../../server/sync/connection.js';
import { DocumentPersistence } from '../../server/sync/persistence.js';
import { decodeClientMessage } from '../../server/sync/protocol.js';
import { Room } from '../../server/sync/Room.js';
import { syncStep1Frame } from '../helpers/frames.js';
import { tempDataDir } from '../helpers/server.js';

const DOC = 'runde.1';

/**
 * Word counts of closed versions, on the real store, with the clock the test moves: they wait
 * for their document to be quiet, so that replaying its history does not compete with the
 * people writing in it.
 */
describe('word counts of closed versions', () => {
  let dataDir: string;
  let store: SqliteStore;
  let persistence: DocumentPersistence;
  let history: MeasureHistory;
  let writer: Y.Doc;
  let updates: Uint8Array[] = [];

  /** Stores what `change` does to the writer's narrative as an update of `kind` by `author`. */
  const write = async (author: string, change: (text: Y.XmlText) => void, kind: 'edit' | 'restore' = 'edit'): Promise<void> => {
    updates = [];
    const fragment = writer.getXmlFragment(NARRATIVE_FIELD);
    writer.transact(() => {
      if (fragment.length === 0) fragment.insert(0, [new Y.XmlElement('paragraph')]);
      const paragraph = fragment.get(0) as Y.XmlElement;
      if (paragraph.length === 0) paragraph.insert(0, [new Y.XmlText()]);
      change(paragraph.get(0) as Y.XmlText);
    });
    for (const update of updates) {
      await persistence.storeUpdate(DOC, update, { kind, author, clients: [writer.clientID], ...(kind === 'restore' ? { restoredFrom: 1 } : {}) });
    }
  };
  const append = (words: string) => (text: Y.XmlText) => text.insert(text.length, words);
  const counted = async (): Promise<VersionRecord[]> => (await store.listVersions(DOC)).filter((version) => version.stats !== null);

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    dataDir = tempDataDir();
    store = new SqliteStore(dataDir);
    persistence = new DocumentPersistence(store, 10_000, { onVersionsClosed: (docName, versions) => history.onVersionsClosed(docName, versions) });
    const narratives = new Narratives(persistence, () => Promise.resolve(), () => undefined);
    history = new MeasureHistory(store, narratives, () => new Date(), () => undefined, (docName) => persistence.activity(docName));
    writer = new Y.Doc();
    writer.on('update', (update: Uint8Array) => updates.push(update));
  });
  afterEach(async () => {
    await history.close();
    vi.useRealTimers();
    writer.destroy();
    store.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('are counted once the document has had no update for a while, not while someone keeps writing', async () => {
    await write('ola', append('Ola skriver tre ord'));
    // A restore never grows: it closes Ola's version and itself.
    await write('ola', append(' og gjenoppretter'), 'restore');
    const closed = (await store.listVersions(DOC)).map((version) => version.id);
    expect(closed).toHaveLength(2);

    // Kari writes every half of the quiet time, for three quiet times: nothing is counted.
    for (let i = 0; i < 6; i++) {
      await vi.advanceTimersByTimeAsync(STATS_QUIET_MS / 2);
      await write('kari', append(` kari${i}`));
    }
    expect(await counted()).toEqual([]);

    // Then the document is quiet: both closed versions get their counts (Kari's is still open).
    await vi.advanceTimersByTimeAsync(STATS_QUIET_MS * 2);
    await history.close();
    const stats = await counted();
    expect(stats.map((version) => version.id)).toEqual(closed);
    expect(stats[0]?.stats).toMatchObject({ wordsAdded: 4, wordsRemoved: 0 });
  });

  it('someone opening a loaded document (a sync step 1 to its room) counts as activity', async () => {
    const room = new Room(DOC, new Y.Doc(), persistence);
    const connection: SyncConnection = {
      id: 'c1',
      sessionId: 's1',
      user: { username: 'ola', name: 'Ola', ministry: 'JD', role: 'editor' },
      mayWrite: () => true,
      writableAtOpen: true,
      takeDocumentWork: () => true,
      send: () => undefined,
      close: () => undefined,
    };
    room.addConnection(connection);
    const before = persistence.activity(DOC);
    await room.receive(connection, decodeClientMessage(syncStep1Frame(Y.encodeStateVector(new Y.Doc()))));
    expect(persistence.activity(DOC)).not.toBe(before);
    room.destroy();
  });

  it('wait while people keep opening the document, too', async () => {
    await write('ola', append('Ola skriver'));
    await write('ola', append(' og gjenoppretter'), 'restore');
    // Someone opens it every half of the quiet time, for three quiet times: nothing is counted.
    for (let i = 0; i < 6; i++) {
      await vi.advanceTimersByTimeAsync(STATS_QUIET_MS / 2);
      persistence.noteSync(DOC);
    }
    expect(await counted()).toEqual([]);
    await vi.advanceTimersByTimeAsync(STATS_QUIET_MS * 2);
    await history.close();
    expect((await counted()).map((version) => version.kind)).toEqual(['narrative', 'restore']);
  });

  it('are counted after the longest wait even if the document never falls quiet', async () => {
    await write('ola', append('Ola skriver'));
    await write('ola', append(' og gjenoppretter'), 'restore');
    const steps = Math.ceil(STATS_MAX_WAIT_MS / (STATS_QUIET_MS / 2)) + 4;
    for (let i = 0; i < steps; i++) {
      await vi.advanceTimersByTimeAsync(STATS_QUIET_MS / 2);
      await write('kari', append(` kari${i}`));
    }
    await history.close();
    expect((await counted()).map((version) => version.kind)).toEqual(['narrative', 'restore']);
  });
});
