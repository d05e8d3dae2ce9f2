import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { LIMIT_REFUSAL_PREFIX } from '../../shared/auth.js';
import { ComparisonSchema } from '../../shared/compare.js';
import { measureDocName, NARRATIVE_FIELD } from '../../shared/documentLayout.js';
import type { NarrativeVersion } from '../../shared/history.js';
import { RoundDetailSchema } from '../../shared/round.js';
import { SnapshotSummarySchema } from '../../shared/snapshot.js';
import { FIELD_CHANGES_IN_HISTORY } from '../../server/history/MeasureHistory.js';
import { DEFAULT_ROUND } from '../../server/seed/buildRoundSeed.js';
import { SqliteStore } from '../../server/store/sqliteStore.js';
import { connectClient, openRawSocket, synced, typeParagraph, type TestClient } from '../helpers/clients.js';
import { permissionDeniedReasons, updateFrame } from '../helpers/frames.js';
import { authorsOf, historyOf, versionDetail, versionsOf } from '../helpers/history.js';
import { addPeople } from '../helpers/notifications.js';
import { startTestServer, tempDataDir, type TestServer } from '../helpers/server.js';
import { api, patchJson, type Target } from '../helpers/session.js';
import { suiteServer } from '../helpers/suiteServer.js';
import { waitFor } from '../helpers/waitFor.js';

const ROUND = DEFAULT_ROUND.id;

const PEOPLE = [
  { username: 'ola', name: 'Ola Nordmann', ministry: 'JD' as const },
  { username: 'kari', name: 'Kari Nordmann', ministry: 'JD' as const },
];

/** Types a paragraph in `from` and waits until `to` has it: the server has stored it by then. */
async function typeStored(from: TestClient, to: TestClient, text: string): Promise<void> {
  typeParagraph(from, text);
  await waitFor(() => to.text().includes(text), { what: `"${text}" relayed` });
}

describe('the history of a measure', () => {
  const server = suiteServer();
  const clients: TestClient[] = [];
  let ola: Target;
  let kari: Target;
  let jd: Target;
  const connect = (target: Target, number: number): TestClient => {
    const client = connectClient(target, measureDocName(ROUND, number));
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    await addPeople(server, PEOPLE);
    ola = await server.as('ola');
    kari = await server.as('kari');
    jd = await server.as('jd');
  });
  afterAll(() => {
    for (const client of clients.splice(0)) client.destroy();
  });

  it('keeps who wrote each update: one person’s consecutive edits are one version, another’s their own; status and readiness in the same list, newest first', async () => {
    const byOla = connect(ola, 6);
    const byKari = connect(kari, 6);
    await Promise.all([synced(byOla), synced(byKari)]);
    await typeStored(byOla, byKari, 'Ola skriver først.');
    await typeStored(byKari, byOla, 'Kari skriver imellom.');
    await typeStored(byOla, byKari, 'Ola igjen.');
    expect((await patchJson(jd, `/api/rounds/${ROUND}/measures/6`, { status: 'Gjennomført' })).status).toBe(200);
    const ready = await api(jd, `/api/rounds/${ROUND}/measures/6/ready`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"ready":true}' });
    expect(ready.status).toBe(200);

    const history = await historyOf(kari, ROUND, 6);
    for (let i = 1; i < history.length; i++) expect(Date.parse(history[i - 1]!.to)).toBeGreaterThanOrEqual(Date.parse(history[i]!.to));
    const summary = history.map((entry) => [entry.kind, entry.author?.username ?? null]);
    expect(summary).toEqual(
      expect.arrayContaining([
        ['ready', 'jd'],
        ['status', 'jd'],
        ['narrative', 'ola'],
        ['narrative', 'kari'],
        ['imported', null],
      ]),
    );
    expect(history).toHaveLength(5);
    expect(history.slice(0, 2).map((entry) => entry.kind).sort()).toEqual(['ready', 'status']);
    expect(history.at(-1)).toMatchObject({ kind: 'imported', author: null, open: false, wordsRemoved: 0 });
    expect(history.at(-1)!.wordsAdded).toBeGreaterThan(50);
    const versions = history.filter((entry): entry is NarrativeVersion => 'open' in entry);
    const olas = versions.find((v) => v.author?.username === 'ola')!;
    const karis = versions.find((v) => v.author?.username === 'kari')!;
    expect(olas).toMatchObject({ author: { username: 'ola', name: 'Ola Nordmann', ministry: 'JD' }, updates: 2, wordsAdded: 5, wordsRemoved: 0, open: true });
    expect(karis).toMatchObject({ updates: 1, wordsAdded: 3, wordsRemoved: 0 });
    // Others' edits in between do not split a version: it spans them.
    expect(Date.parse(olas.from)).toBeLessThanOrEqual(Date.parse(karis.from));
    expect(Date.parse(olas.to)).toBeGreaterThanOrEqual(Date.parse(karis.to));
    expect(history.find((entry) => entry.kind === 'status')).toMatchObject({ status: { before: 'Løpende', after: 'Gjennomført' }, author: { username: 'jd', ministry: 'JD' } });
    expect(history.find((entry) => entry.kind === 'ready')).toMatchObject({ ready: { ministry: 'JD', ready: true } });
  });

  it('counts only a version’s own words when others write meanwhile, deletions too', async () => {
    const byOla = connect(ola, 10);
    const byKari = connect(kari, 10);
    await Promise.all([synced(byOla), synced(byKari)]);
    await typeStored(byOla, byKari, 'En to tre.');
    await typeStored(byKari, byOla, 'Fire fem seks sju.');
    // Ola deletes Kari's paragraph (the second-to-last) and adds one word to his own.
    const fragment = byOla.doc.getXmlFragment(NARRATIVE_FIELD);
    byOla.doc.transact(() => {
      fragment.delete(fragment.length - 1, 1);
      const own = (fragment.get(fragment.length - 1) as Y.XmlElement).get(0) as Y.XmlText;
      own.insert(own.length, ' Åtte.');
    });
    await waitFor(() => byKari.text().includes('Åtte.') && !byKari.text().includes('Fire fem'), { what: 'Ola’s change relayed' });
    const versions = await versionsOf(ola, ROUND, 10);
    expect(versions.find((v) => v.author?.username === 'ola')).toMatchObject({ wordsAdded: 4, wordsRemoved: 4 });
    expect(versions.find((v) => v.author?.username === 'kari')).toMatchObject({ wordsAdded: 4, wordsRemoved: 0 });
  });

  it('opens a version as the narrative was right after it, with the word diff against now; a field change or an unknown id is not found', async () => {
    const versions = await versionsOf(jd, ROUND, 6);
    const karis = versions.find((v) => v.author?.username === 'kari')!;
    const detail = await versionDetail(jd, ROUND, 6, karis.id);
    expect(detail.version).toEqual(karis);
    expect(detail.renderable).toBe(true);
    expect(detail.text).toContain('Ola skriver først.');
    expect(detail.text).toContain('Kari skriver imellom.');
    expect(detail.text).not.toContain('Ola igjen.');
    expect(detail.narrative).toMatchObject({ type: 'doc', content: expect.arrayContaining([{ type: 'paragraph', content: [{ type: 'text', text: 'Kari skriver imellom.' }] }]) as unknown });
    // The compare page's diff: same and removed parts give then, same and added parts give now.
    const now = (await versionDetail(jd, ROUND, 6, versions[0]!.id)).text;
    expect(detail.diff.filter((part) => part.kind !== 'added').map((part) => part.text).join('')).toBe(detail.text);
    expect(detail.diff.filter((part) => part.kind !== 'removed').map((part) => part.text).join('')).toBe(now);
    expect(detail.diff.filter((part) => part.kind === 'added').map((part) => part.text).join('')).toContain('Ola igjen');

    const fieldChange = (await historyOf(jd, ROUND, 6)).find((entry) => entry.kind === 'status')!;
    expect((await api(jd, `/api/rounds/${ROUND}/measures/6/history/${fieldChange.id}`)).status).toBe(404);
    expect((await api(jd, `/api/rounds/${ROUND}/measures/6/history/v99999999`)).status).toBe(404);
    expect((await api(jd, `/api/rounds/${ROUND}/measures/7/history/${karis.id}`)).status).toBe(404);
    expect((await api(jd, `/api/rounds/${ROUND}/measures/99/history`)).status).toBe(404);
    expect((await api(jd, `/api/rounds/nope/measures/6/authors`)).status).toBe(404);
    expect((await api({ url: server.url, cookie: '' }, `/api/rounds/${ROUND}/measures/6/history`)).status).toBe(401);
  });

  it('says who introduced each client id; an update under another account’s id is refused as over a limit and not stored', async () => {
    const [byOla, byKari] = clients;
    const authors = await authorsOf(jd, ROUND, 6);
    expect(authors.clients[String(byOla!.doc.clientID)]).toEqual({ username: 'ola', name: 'Ola Nordmann', ministry: 'JD', carriedOver: false });
    expect(authors.clients[String(byKari!.doc.clientID)]).toEqual({ username: 'kari', name: 'Kari Nordmann', ministry: 'JD', carriedOver: false });
    const imported = Object.values(authors.clients).filter((author) => author.username === null);
    expect(imported).toEqual([{ username: null, name: null, ministry: null, carriedOver: false }]);

    // The coordinator (who may write) tries to write under Ola's client id.
    const frames: Uint8Array[] = [];
    const socket = await openRawSocket(server, measureDocName(ROUND, 6), { onFrame: (frame) => frames.push(frame) });
    const forged = new Y.Doc();
    Y.applyUpdate(forged, Y.encodeStateAsUpdate(byOla!.doc));
    forged.clientID = byOla!.doc.clientID;
    const before = Y.encodeStateVector(forged);
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText('Skrevet i Olas navn.')]);
    forged.getXmlFragment(NARRATIVE_FIELD).insert(0, [paragraph]);
    socket.send(updateFrame(Y.encodeStateAsUpdate(forged, before)));
    await waitFor(() => permissionDeniedReasons(frames).some((reason) => reason.startsWith(LIMIT_REFUSAL_PREFIX)), { what: 'the refusal' });
    expect(permissionDeniedReasons(frames).find((reason) => reason.startsWith(LIMIT_REFUSAL_PREFIX))).toMatch(/another account/);
    const late = connect(jd, 6);
    await synced(late);
    expect(late.text()).not.toContain('Skrevet i Olas navn.');
    expect(socket.readyState).toBe(socket.OPEN);
    socket.close();
  });

  it('tells the compare page who changed each measure between two sides, and when', async () => {
    const taken = await api(server, `/api/rounds/${ROUND}/snapshots`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    const snapshot = SnapshotSummarySchema.parse(await taken.json());
    const byOla = connect(ola, 12);
    const byKari = connect(kari, 12);
    await Promise.all([synced(byOla), synced(byKari)]);
    await typeStored(byOla, byKari, 'Etter øyeblikksbildet.');
    const comparison = ComparisonSchema.parse(await (await api(jd, `/api/rounds/${ROUND}/compare?from=${snapshot.id}`)).json());
    const twelve = comparison.measures.find((m) => m.number === 12)!;
    expect(twelve.changed).toBe(true);
    expect(twelve.versions.map((v) => [v.kind, v.author?.username, v.roundId])).toEqual([['narrative', 'ola', ROUND]]);
    expect(Date.parse(twelve.versions[0]!.to)).toBeGreaterThanOrEqual(Date.parse(snapshot.takenAt));
    expect(comparison.measures.find((m) => m.number === 11)!.versions).toEqual([]);
  });
});

describe('who wrote what survives a restart and a new round', () => {
  const dataDir = tempDataDir();
  let server: TestServer;
  const clients: TestClient[] = [];
  afterAll(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await server.stop();
  });

  it('keeps the history and the authors across a restart, and carries the authors into a new round as carried over', async () => {
    server = await startTestServer({ dataDir });
    await addPeople(server, PEOPLE);
    const ola = await server.as('ola');
    const writer = connectClient(ola, measureDocName(ROUND, 10));
    const watcher = connectClient(server, measureDocName(ROUND, 10));
    clients.push(writer, watcher);
    await Promise.all([synced(writer), synced(watcher)]);
    await typeStored(writer, watcher, 'Skrevet før omstarten.');
    const olaId = String(writer.doc.clientID);
    writer.provider.shouldConnect = false;
    watcher.provider.shouldConnect = false;
    const historyBefore = await historyOf(server, ROUND, 10);
    await server.close();

    server = await startTestServer({ dataDir });
    expect(await historyOf(server, ROUND, 10)).toEqual(historyBefore);
    const authors = await authorsOf(server, ROUND, 10);
    expect(authors.clients[olaId]).toEqual({ username: 'ola', name: 'Ola Nordmann', ministry: 'JD', carriedOver: false });

    const created = await api(server, '/api/rounds', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Statusrapport februar 2013', deadline: new Date(Date.now() + 86_400_000).toISOString() }),
    });
    expect(created.status).toBe(201);
    const next = RoundDetailSchema.parse(await created.json());
    const carried = await authorsOf(server, next.id, 10);
    expect(carried.clients[olaId]).toEqual({ username: 'ola', name: 'Ola Nordmann', ministry: 'JD', carriedOver: true });
    expect(Object.values(carried.clients).filter((a) => a.username === null)).toEqual([{ username: null, name: null, ministry: null, carriedOver: true }]);
    expect(await versionsOf(server, next.id, 10)).toEqual([
      expect.objectContaining({ kind: 'carriedOver', author: { username: 'koordinator', name: 'Koordinator', ministry: null }, fromRoundId: ROUND, wordsRemoved: 0 }),
    ]);

    // Writing in the new round: a new client id of Ola's own, not carried over.
    const kari = await server.as('kari');
    const byKari = connectClient(kari, measureDocName(next.id, 10));
    const reader = connectClient(server, measureDocName(next.id, 10));
    clients.push(byKari, reader);
    await Promise.all([synced(byKari), synced(reader)]);
    expect(byKari.text()).toContain('Skrevet før omstarten.');
    await typeStored(byKari, reader, 'Skrevet i den nye runden.');
    expect((await authorsOf(server, next.id, 10)).clients[String(byKari.doc.clientID)]).toEqual({ username: 'kari', name: 'Kari Nordmann', ministry: 'JD', carriedOver: false });
    expect((await versionsOf(server, next.id, 10)).map((v) => [v.kind, v.author?.username])).toEqual([
      ['narrative', 'kari'],
      ['carriedOver', 'koordinator'],
    ]);
  });
});

describe('status and readiness changes in a measure’s history', () => {
  const dataDir = tempDataDir();
  let server: TestServer;
  let store: SqliteStore;

  beforeAll(async () => {
    store = new SqliteStore(dataDir);
    server = await startTestServer({ store, dataDir });
  });
  afterAll(async () => {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it(`lists the newest ${FIELD_CHANGES_IN_HISTORY} of them, however many the audit log holds`, async () => {
    const total = FIELD_CHANGES_IN_HISTORY + 25;
    for (let i = 0; i < total; i++) {
      await store.appendAudit({
        at: new Date(Date.UTC(2026, 10, 1, 0, 0, i)).toISOString(),
        actor: { kind: 'user', username: 'jd', name: 'Redaktør JD' },
        kind: 'ready.change',
        target: { roundId: ROUND, measure: 2, id: null },
        before: { ministry: 'JD', ready: i % 2 === 1 },
        after: { ministry: 'JD', ready: i % 2 === 0 },
      });
    }
    const ready = (await historyOf(server, ROUND, 2)).filter((entry) => entry.kind === 'ready');
    expect(ready).toHaveLength(FIELD_CHANGES_IN_HISTORY);
    expect(ready[0]?.to).toBe(new Date(Date.UTC(2026, 10, 1, 0, 0, total - 1)).toISOString());
    expect(ready.at(-1)?.to).toBe(new Date(Date.UTC(2026, 10, 1, 0, 0, total - FIELD_CHANGES_IN_HISTORY)).toISOString());
  });
});
