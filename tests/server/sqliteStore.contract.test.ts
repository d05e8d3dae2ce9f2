import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { SqliteStore } from '../../server/store/sqliteStore.js';
import type { Store, UserRecord } from '../../server/store/types.js';
import { storeContractSuite } from './storeContract.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'samskriv-store-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

storeContractSuite('SqliteStore', () => new SqliteStore(tempDir()));

describe('SqliteStore beyond the contract', () => {
  let store: SqliteStore | null = null;
  afterEach(() => {
    store?.close();
    store = null;
    vi.restoreAllMocks();
  });

  it('runs a subclass’s overrides for calls through tx too', async () => {
    class CountingStore extends SqliteStore {
      lookups = 0;
      override async getUser(username: string): Promise<UserRecord | null> {
        this.lookups += 1;
        return super.getUser(username);
      }
    }
    const counting = new CountingStore(tempDir());
    store = counting;
    await counting.createUsers([{ username: 'ada', name: 'Ada', ministry: null, role: 'reader', passwordHash: 'h', demo: false }], 'now');
    const found = await counting.transaction(async (tx: Store) => tx.getUser('ada'));
    expect(found?.username).toBe('ada');
    await counting.getUser('ada');
    expect(counting.lookups).toBe(2);
  });

  it('prepares no statement after construction', async () => {
    const prepare = vi.spyOn(Database.prototype, 'prepare');
    store = new SqliteStore(tempDir());
    const prepared = prepare.mock.calls.length;
    const s = store;
    await s.createUsers([{ username: 'ada', name: 'Ada', ministry: null, role: 'reader', passwordHash: 'h', demo: false }], 'now');
    await s.transaction(async (tx) => {
      await tx.getUser('ada');
      await tx.appendUpdate('d.1', new Uint8Array([1]), { kind: 'edit', author: 'ada', at: '2026-11-28T09:00:00.000Z', clients: [1] });
      await tx.compactDocument('d.1', (await tx.loadDocument('d.1')).lastId, new Uint8Array([2]), true);
    });
    const [version] = await s.listVersions('d.1');
    await s.getVersion('d.1', version!.id);
    await s.setVersionStats(version!.id, 1, 0, version!.lastId);
    await s.readHistory('d.1', 2, 2);
    await s.documentClients('d.1');
    await s.measureAudit('r1', 1, ['status.change'], 10);
    await s.listUsers();
    await s.setPassword('ada', 'h2', 'now');
    await s.listThreads('r1');
    await s.listThreads('r1', 1);
    await s.commentVolume('r1', 1);
    await s.dueRounds('2030-01-01T00:00:00Z');
    await s.deleteComment('nope');
    await s.markRead('ada', ['a', 'b'], 'now');
    await s.markRead('ada', null, 'now');
    await s.pendingMail(['a']);
    await s.pendingMail();
    await s.recordMail(['a'], 'attemptFailed', 2);
    await s.recordMail(['a'], 'sent', 2);
    await s.listNotifications('ada');
    expect(prepare.mock.calls.length).toBe(prepared);
  });

  it('keeps the history append-only in the database itself: a history row or a checkpoint is never changed or removed', async () => {
    const dir = tempDir();
    store = new SqliteStore(dir);
    const { id } = await store.appendUpdate('a.1', new Uint8Array([1]), { kind: 'edit', author: 'ada', at: '2026-11-28T09:00:00.000Z', clients: [] });
    await store.compactDocument('a.1', id, new Uint8Array([1]), true);
    store.close();
    store = null;
    const db = new Database(join(dir, 'samskriv.sqlite'));
    try {
      expect(() => db.prepare('UPDATE doc_history SET data = x\'00\'').run()).toThrow(/append-only/);
      expect(() => db.prepare('DELETE FROM doc_history').run()).toThrow(/append-only/);
      expect(() => db.prepare('UPDATE doc_checkpoints SET state = x\'00\'').run()).toThrow(/append-only/);
      expect(() => db.prepare('DELETE FROM doc_checkpoints').run()).toThrow(/append-only/);
    } finally {
      db.close();
    }
  });

  it('refuses to close through a tx', async () => {
    store = new SqliteStore(tempDir());
    await expect(store.transaction(async (tx) => tx.close())).rejects.toThrow(/not a transaction/);
    expect(await store.countUsers()).toBe(0);
  });
});
