import { rmSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { NARRATIVE_FIELD } from '../../shared/documentLayout.js';
import { SqliteStore } from '../../server/store/sqliteStore.js';
import { DocumentRegistry } from '../../server/sync/DocumentRegistry.js';
import { DocumentPersistence, type StoredWrite } from '../../server/sync/persistence.js';
import { Room } from '../../server/sync/Room.js';
import type { AppendedUpdate } from '../../server/store/types.js';
import { tempDataDir } from '../helpers/server.js';

const UNLOAD_MS = 5_000;

/** Persistence whose bookkeeping fails when a document is unloaded. */
class ForgetfulPersistence extends DocumentPersistence {
  override forget(): void {
    throw new Error('the bookkeeping broke');
  }
}

/** Persistence whose every write fails (the disk is gone). */
class FailingPersistence extends DocumentPersistence {
  override storeUpdates(_docName: string, _writes: readonly StoredWrite[]): Promise<AppendedUpdate[]> {
    return Promise.reject(new Error('the disk is gone'));
  }
}

/** Collects what ends up unhandled (and would end the process outside a test) until `stop`. */
function watchUnhandled(): { problems: unknown[]; stop(): void } {
  const problems: unknown[] = [];
  const note = (problem: unknown): void => void problems.push(problem);
  process.on('unhandledRejection', note);
  process.on('uncaughtException', note);
  return {
    problems,
    stop() {
      process.off('unhandledRejection', note);
      process.off('uncaughtException', note);
    },
  };
}

/** Resolves after a turn of the real event loop: a rejection nobody handled has been reported by then. */
function afterTurn(): Promise<void> {
  return new Promise((done) => setImmediate(done));
}

/** The registry's lifecycle on the real store, with the unload delay on a clock the test moves. */
describe('document registry lifecycle', () => {
  let dataDir: string;
  let store: SqliteStore;
  let registry: DocumentRegistry;
  let logs: string[];
  const log = (message: string): void => void logs.push(message);

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    dataDir = tempDataDir();
    store = new SqliteStore(dataDir);
    logs = [];
    registry = new DocumentRegistry(new DocumentPersistence(store, 200), UNLOAD_MS, { log });
  });
  afterEach(async () => {
    vi.useRealTimers();
    await registry.closeAll();
    store.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('concurrent holds share one load; the last release unloads after the delay, not before', async () => {
    const first = registry.acquire('runde.1');
    const second = registry.acquire('runde.1');
    expect(await first.room).toBe(await second.room);
    expect(registry.stats()).toEqual({ loads: 1, loaded: 1 });
    first.release();
    second.release();
    await vi.advanceTimersByTimeAsync(UNLOAD_MS - 1);
    expect(registry.stats().loaded).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(registry.stats().loaded).toBe(0);
  });

  it('a hold within the delay keeps the document, and releasing twice releases once', async () => {
    const first = registry.acquire('runde.1');
    const room = await first.room;
    first.release();
    first.release();
    await vi.advanceTimersByTimeAsync(UNLOAD_MS / 2);
    const again = registry.acquire('runde.1');
    expect(await again.room).toBe(room);
    await vi.advanceTimersByTimeAsync(UNLOAD_MS * 2);
    expect(registry.stats()).toEqual({ loads: 1, loaded: 1 });
    again.release();
    await vi.advanceTimersByTimeAsync(UNLOAD_MS);
    expect(registry.stats().loaded).toBe(0);
  });

  it('unloads only once every update it received is stored, and the next load has them', async () => {
    const hold = registry.acquire('runde.1');
    const room = await hold.room;
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText('Lagret før lossing.')]);
    room.doc.getXmlFragment(NARRATIVE_FIELD).insert(0, [paragraph]);
    hold.release();
    await vi.advanceTimersByTimeAsync(UNLOAD_MS);
    expect(registry.stats().loaded).toBe(0);
    const next = registry.acquire('runde.1');
    const reloaded = await next.room;
    expect(reloaded).not.toBe(room);
    expect(reloaded.doc.getXmlFragment(NARRATIVE_FIELD).toJSON()).toContain('Lagret før lossing.');
    expect(registry.stats().loads).toBe(2);
    next.release();
  });

  it('an unload that fails waiting for the writes is logged with the document and ends nothing; the document stays usable', async () => {
    const unhandled = watchUnhandled();
    try {
      const hold = registry.acquire('runde.1');
      const room = await hold.room;
      vi.spyOn(room, 'flushed').mockRejectedValueOnce(new Error('the disk is gone'));
      hold.release();
      await vi.advanceTimersByTimeAsync(UNLOAD_MS);
      await afterTurn();
      expect(unhandled.problems).toEqual([]);
      expect(logs.filter((line) => line.includes('runde.1') && line.includes('the disk is gone'))).toHaveLength(1);
      // Not unloaded, so not lost: the next connection gets it, and it unloads once it can.
      const again = registry.acquire('runde.1');
      expect(await again.room).toBe(room);
      again.release();
      await vi.advanceTimersByTimeAsync(UNLOAD_MS);
      expect(registry.stats().loaded).toBe(0);
    } finally {
      unhandled.stop();
    }
  });

  it('an unload whose cleanup throws is logged with the document and ends nothing; the room is freed all the same', async () => {
    registry = new DocumentRegistry(new ForgetfulPersistence(store, 200), UNLOAD_MS, { log });
    const unhandled = watchUnhandled();
    try {
      const hold = registry.acquire('runde.2');
      const room = await hold.room;
      hold.release();
      await vi.advanceTimersByTimeAsync(UNLOAD_MS);
      await afterTurn();
      expect(unhandled.problems).toEqual([]);
      expect(logs.filter((line) => line.includes('runde.2') && line.includes('the bookkeeping broke'))).toHaveLength(1);
      expect(registry.stats().loaded).toBe(0);
      // Out of the registry, it must not live on (its presence timer would run for ever).
      expect(room.doc.isDestroyed).toBe(true);
      const again = registry.acquire('runde.2');
      expect(await again.room).not.toBe(room);
      again.release();
    } finally {
      unhandled.stop();
    }
  });

  it('shutdown closes every room, also when one of them cannot finish its writes', async () => {
    const first = await registry.acquire('runde.1').room;
    const second = await registry.acquire('runde.2').room;
    vi.spyOn(first, 'flushed').mockRejectedValueOnce(new Error('the disk is gone'));
    await registry.closeAll();
    expect(first.doc.isDestroyed).toBe(true);
    expect(second.doc.isDestroyed).toBe(true);
  });
});

describe('a room whose write failed', () => {
  it('is dropped and ends nothing, even when a listener told of it throws', async () => {
    const dataDir = tempDataDir();
    const store = new SqliteStore(dataDir);
    const logs: string[] = [];
    const unhandled = watchUnhandled();
    try {
      const room = new Room('runde.1', new Y.Doc(), new FailingPersistence(store, 200), {
        log: (message) => void logs.push(message),
        onBroken: () => {
          throw new Error('the listener broke');
        },
      });
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText('Går tapt.')]);
      room.doc.getXmlFragment(NARRATIVE_FIELD).insert(0, [paragraph]);
      await room.flushed();
      await afterTurn();
      expect(room.isBroken).toBe(true);
      expect(unhandled.problems).toEqual([]);
      expect(logs.some((line) => line.includes('runde.1') && line.includes('the listener broke'))).toBe(true);
    } finally {
      unhandled.stop();
      store.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
