import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { measureDocName } from '../../shared/documentLayout.js';
import { DEFAULT_ROUND } from '../../server/seed/buildRoundSeed.js';
import { DATABASE_FILE, SqliteStore } from '../../server/store/sqliteStore.js';
import { connectClient, synced, typeParagraph, type TestClient } from '../helpers/clients.js';
import { spawnServer, type ServerProcess } from '../helpers/process.js';
import { startTestServer, tempDataDir } from '../helpers/server.js';
import { signIn, type Target } from '../helpers/session.js';
import { waitFor } from '../helpers/waitFor.js';

const DOC = measureDocName(DEFAULT_ROUND.id, 7);

/** What the current state of a document loads (its compacted state and the updates after it), and how many updates its history keeps. */
function storedShape(dataDir: string, docName: string): { loaded: number; history: number } {
  const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    const count = (sql: string): number => (db.prepare(sql).get({ docName }) as { n: number }).n;
    const doc = '(SELECT id FROM documents WHERE name = @docName)';
    const through = `COALESCE((SELECT through_id FROM doc_state WHERE doc = ${doc}), 0)`;
    return {
      loaded: count(`SELECT COUNT(*) AS n FROM doc_state WHERE doc = ${doc}`) + count(`SELECT COUNT(*) AS n FROM doc_history WHERE doc = ${doc} AND id > ${through}`),
      history: count(`SELECT COUNT(*) AS n FROM doc_history WHERE doc = ${doc}`),
    };
  } finally {
    db.close();
  }
}

describe('durability', () => {
  const dirs: string[] = [];
  const clients: TestClient[] = [];
  const processes: ServerProcess[] = [];

  const dir = (): string => {
    const d = tempDataDir();
    dirs.push(d);
    return d;
  };
  const connect = (target: Target): TestClient => {
    const client = connectClient(target, DOC);
    clients.push(client);
    return client;
  };

  afterEach(() => {
    for (const client of clients.splice(0)) client.destroy();
    for (const p of processes.splice(0)) p.child.kill('SIGKILL');
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('an edit that was relayed survives SIGKILL of the server', async () => {
    const dataDir = dir();
    const first = await spawnServer(dataDir);
    processes.push(first);
    const writer = connect(await signIn(first.url, 'koordinator'));
    const reader = connect(await signIn(first.url, 'koordinator'));
    await Promise.all([synced(writer), synced(reader)]);
    typeParagraph(writer, 'Skrevet rett før krasjet.');
    // Relayed to another client means the server has stored it.
    await waitFor(() => reader.text().includes('Skrevet rett før krasjet.'), { what: 'edit relayed' });
    first.child.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');
    writer.provider.shouldConnect = false;
    writer.provider.disconnect();
    reader.provider.shouldConnect = false;
    reader.provider.disconnect();

    const second = await spawnServer(dataDir);
    processes.push(second);
    const late = connect(await signIn(second.url, 'koordinator'));
    await synced(late);
    expect(late.text()).toContain('Skrevet rett før krasjet.');
    expect(late.text().split('Skrevet rett før krasjet.').length).toBe(2);
    // The restart found data and did not seed a second time.
    expect(second.output()).not.toContain('created the embedded default');
  });

  it('SIGTERM stores pending edits, closes clients and exits 0', async () => {
    const dataDir = dir();
    const server = await spawnServer(dataDir);
    processes.push(server);
    const writer = connect(await signIn(server.url, 'koordinator'));
    await synced(writer);
    const closed = new Promise<number>((resolve) =>
      writer.provider.on('connection-close', (event: CloseEvent | null) => resolve(event?.code ?? -1)),
    );
    for (let i = 0; i < 20; i++) typeParagraph(writer, `Avsnitt ${i}.`);
    await waitFor(() => writer.provider.synced, { what: 'sent' });
    // Wait until the server has the last edit: a second client sees it.
    const probe = connect(await signIn(server.url, 'koordinator'));
    await waitFor(() => probe.text().includes('Avsnitt 19.'), { what: 'last edit at the server' });
    writer.provider.shouldConnect = false;
    probe.provider.shouldConnect = false;
    server.child.kill('SIGTERM');
    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(await closed).toBe(1001);

    const again = await spawnServer(dataDir);
    processes.push(again);
    const late = connect(await signIn(again.url, 'koordinator'));
    await synced(late);
    for (let i = 0; i < 20; i++) expect(late.text()).toContain(`Avsnitt ${i}.`);
  });

  it('compacts the update log past the threshold and loses nothing; the history keeps every update', async () => {
    const dataDir = dir();
    const server = await startTestServer({ dataDir, compactionThreshold: 10 });
    const writer = connect(await signIn(server.url, 'koordinator'));
    const reader = connect(await signIn(server.url, 'koordinator'));
    await Promise.all([synced(writer), synced(reader)]);
    for (let i = 0; i < 35; i++) {
      typeParagraph(writer, `Linje ${i}.`);
      // One update per round trip, so the server stores 35 separate updates.
      await waitFor(() => reader.text().includes(`Linje ${i}.`), { what: `line ${i}` });
    }
    const shape = storedShape(dataDir, DOC);
    expect(shape.loaded).toBeLessThanOrEqual(11);
    // The imported text and the 35 edits, each kept.
    expect(shape.history).toBe(36);
    const expected = reader.text();
    await server.close();
    const again = await startTestServer({ dataDir });
    const late = connect(await signIn(again.url, 'koordinator'));
    await synced(late);
    expect(late.text()).toBe(expected);
    await again.close();
  });

  it('compaction is one transaction: a failure part-way leaves the log as it was', async () => {
    const dataDir = dir();
    const store = new SqliteStore(dataDir);
    try {
      const doc = new Y.Doc();
      const updates: Uint8Array[] = [];
      doc.on('update', (u: Uint8Array) => updates.push(u));
      doc.getText('t').insert(0, 'a');
      doc.getText('t').insert(1, 'b');
      for (const u of updates) await store.appendUpdate('x.1', u, { kind: 'edit', author: 'koordinator', at: new Date().toISOString(), clients: [] });
      const before = await store.loadDocument('x.1');
      // A merged state the database refuses (NOT NULL).
      await expect(store.compactDocument('x.1', before.lastId, null as unknown as Uint8Array, true)).rejects.toThrow();
      const after = await store.loadDocument('x.1');
      expect(after.updates.length).toBe(2);
      expect(after.lastId).toBe(before.lastId);
    } finally {
      store.close();
    }
  });
});
