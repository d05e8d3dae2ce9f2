import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import * as Y from 'yjs';
import { READ_ONLY_REASON } from '../../shared/auth.js';
import { CLOSE_CODES } from '../../shared/closeCodes.js';
import { measureDocName } from '../../shared/documentLayout.js';
import { MeasureSummarySchema, type MeasureSummary } from '../../shared/measureSummary.js';
import { narrativeFragment, narrativeText } from '../../shared/narrative.js';
import { RoundDetailSchema, type RoundDetail } from '../../shared/round.js';
import { SnapshotSummarySchema, type SnapshotSummary } from '../../shared/snapshot.js';
import { SnapshotSchema, type Snapshot } from '../../shared/snapshotContent.js';
import { DEFAULT_ROUND } from '../../server/seed/buildRoundSeed.js';
import { DATABASE_FILE } from '../../server/store/sqliteStore.js';
import { connectClient, openRawSocket, synced, typeParagraph, type TestClient } from '../helpers/clients.js';
import { startTestServer, tempDataDir, type TestServer } from '../helpers/server.js';
import { api, patchJson, type Target } from '../helpers/session.js';
import { waitFor } from '../helpers/waitFor.js';

const ROUND = DEFAULT_ROUND.id;
/** Measure 5 is JD's alone. */
const JD_MEASURE = 5;

function send(target: Target, method: string, path: string, body?: unknown): Promise<Response> {
  return api(target, path, {
    method,
    ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
}

async function roundOf(target: Target, roundId: string = ROUND): Promise<RoundDetail> {
  return RoundDetailSchema.parse(await (await api(target, `/api/rounds/${roundId}`)).json());
}

async function measuresOf(target: Target, roundId: string = ROUND): Promise<MeasureSummary[]> {
  return z.array(MeasureSummarySchema).parse(await (await api(target, `/api/rounds/${roundId}/measures`)).json());
}

async function snapshotsOf(target: Target, roundId: string = ROUND): Promise<SnapshotSummary[]> {
  return z.array(SnapshotSummarySchema).parse(await (await api(target, `/api/rounds/${roundId}/snapshots`)).json());
}

async function snapshot(target: Target, id: string): Promise<Snapshot> {
  const response = await api(target, `/api/snapshots/${id}`);
  expect(response.status).toBe(200);
  return SnapshotSchema.parse(await response.json());
}

/** The text of a snapshot's measure, read back from its Yjs state. */
function yjsText(snap: Snapshot, number: number): string {
  const state = snap.content.measures.find((m) => m.number === number)?.yjsState ?? '';
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Buffer.from(state, 'base64'));
  return narrativeText(narrativeFragment(doc));
}

describe('rounds, deadlines and snapshots', () => {
  let server: TestServer | null = null;
  const clients: TestClient[] = [];
  const dirs: string[] = [];
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await server?.stop();
    server = null;
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  const connect = (target: Target, doc = measureDocName(ROUND, JD_MEASURE)): TestClient => {
    const client = connectClient(target, doc);
    clients.push(client);
    return client;
  };

  it('a deadline passing while the server runs freezes the round with a snapshot; editors become read-only', async () => {
    server = await startTestServer({ deadlineCheckIntervalMs: 100 });
    const jd = await server.as('jd');
    const writer = connect(jd);
    await synced(writer);
    typeParagraph(writer, 'Skrevet før fristen.');
    const closed = new Promise<number>((resolve) =>
      writer.provider.on('connection-close', (event: CloseEvent | null) => resolve(event?.code ?? -1)),
    );
    const deadline = new Date(Date.now() + 800).toISOString();
    expect((await send(server, 'PATCH', `/api/rounds/${ROUND}`, { deadline })).status).toBe(200);

    await waitFor(async () => (await roundOf(jd)).state === 'frozen', { what: 'round frozen' });
    expect(await closed).toBe(CLOSE_CODES.PERMISSIONS_CHANGED);
    const snaps = await snapshotsOf(jd);
    expect(snaps.map((s) => [s.reason, s.takenBy])).toEqual([['deadline', null]]);
    expect(Date.parse(snaps[0]?.takenAt ?? '')).toBeGreaterThanOrEqual(Date.parse(deadline));
    expect(yjsText(await snapshot(jd, snaps[0]?.id ?? ''), JD_MEASURE)).toContain('Skrevet før fristen.');

    // Editors may no longer write: fields, readiness, narrative.
    writer.provider.shouldConnect = false;
    const patch = await patchJson(jd, `/api/rounds/${ROUND}/measures/${JD_MEASURE}`, { status: 'Gjennomført' });
    expect(patch.status).toBe(403);
    expect((await send(jd, 'PUT', `/api/rounds/${ROUND}/measures/${JD_MEASURE}/ready`, { ready: true })).status).toBe(403);
    const frames: Uint8Array[] = [];
    const socket = await openRawSocket(jd, measureDocName(ROUND, JD_MEASURE), { onFrame: (f) => frames.push(f) });
    await waitFor(() => frames.some((f) => f[0] === 2 && Buffer.from(f).includes(Buffer.from(READ_ONLY_REASON))), {
      what: 'read-only notice',
    });
    socket.terminate();
    // The coordinator still can.
    const byCoordinator = await patchJson(server, `/api/rounds/${ROUND}/measures/${JD_MEASURE}`, { status: 'Gjennomført' });
    expect(byCoordinator.status).toBe(200);
  });

  it('the coordinator reopens a frozen round; the handled deadline does not freeze it again', async () => {
    server = await startTestServer({ deadlineCheckIntervalMs: 100 });
    const jd = await server.as('jd');
    await send(server, 'PATCH', `/api/rounds/${ROUND}`, { deadline: new Date(Date.now() + 200).toISOString() });
    await waitFor(async () => (await roundOf(jd)).state === 'frozen', { what: 'round frozen' });
    expect((await send(jd, 'POST', `/api/rounds/${ROUND}/reopen`)).status).toBe(403);
    const reopened = RoundDetailSchema.parse(await (await send(server, 'POST', `/api/rounds/${ROUND}/reopen`)).json());
    expect(reopened.state).toBe('open');
    expect((await patchJson(jd, `/api/rounds/${ROUND}/measures/${JD_MEASURE}`, { status: 'Løpende' })).status).toBe(200);

    // A later round with a deadline just past: once it is frozen, the watch has run again.
    const created = await send(server, 'POST', '/api/rounds', {
      title: 'Markør',
      deadline: new Date(Date.now() + 100).toISOString(),
    });
    const marker = RoundDetailSchema.parse(await created.json());
    await waitFor(async () => (await roundOf(jd, marker.id)).state === 'frozen', { what: 'marker round frozen' });
    expect((await roundOf(jd)).state).toBe('open');
    expect((await snapshotsOf(jd)).length).toBe(1);
  });

  it('a deadline that passed while the server was down is handled at start, from the state at start', async () => {
    const dataDir = tempDataDir();
    dirs.push(dataDir);
    const first = await startTestServer({ dataDir });
    const writer = connectClient(first, measureDocName(ROUND, JD_MEASURE));
    await synced(writer);
    typeParagraph(writer, 'Det siste før nedetiden.');
    const reader = connect(first);
    await waitFor(() => reader.text().includes('Det siste før nedetiden.'), { what: 'edit stored' });
    writer.destroy();
    const deadline = new Date(Date.now() + 300).toISOString();
    expect((await send(first, 'PATCH', `/api/rounds/${ROUND}`, { deadline })).status).toBe(200);
    await first.close();
    await waitFor(() => Date.now() > Date.parse(deadline), { what: 'the deadline to pass while down' });

    server = await startTestServer({ dataDir });
    // Handled before the server answered anyone.
    const round = await roundOf(server);
    expect(round.state).toBe('frozen');
    const [snap] = await snapshotsOf(server);
    expect(snap).toMatchObject({ reason: 'deadline_at_start', takenBy: null });
    expect(yjsText(await snapshot(server, snap?.id ?? ''), JD_MEASURE)).toContain('Det siste før nedetiden.');
  });

  it('a snapshot never changes: later edits leave its content and hash as they were', async () => {
    server = await startTestServer();
    const jd = await server.as('jd');
    expect((await send(jd, 'POST', `/api/rounds/${ROUND}/snapshots`, { note: 'jeg er ikke koordinator' })).status).toBe(403);
    const taken = await send(server, 'POST', `/api/rounds/${ROUND}/snapshots`, { note: 'Før møtet' });
    expect(taken.status).toBe(201);
    const summary = SnapshotSummarySchema.parse(await taken.json());
    expect(summary).toMatchObject({ reason: 'manual', note: 'Før møtet', takenBy: { username: 'koordinator' } });
    const before = await snapshot(jd, summary.id);
    expect(createHash('sha256').update(JSON.stringify(before.content)).digest('hex')).toBe(summary.sha256);
    expect(before.content.measures).toHaveLength(35);
    const measure = before.content.measures.find((m) => m.number === JD_MEASURE);
    expect(measure?.narrative.type).toBe('doc');
    expect(measure?.narrative.content?.[0]?.type).toBe('paragraph');

    const writer = connect(jd);
    await synced(writer);
    typeParagraph(writer, 'Etter øyeblikksbildet.');
    await patchJson(jd, `/api/rounds/${ROUND}/measures/${JD_MEASURE}`, { status: 'Ikke igangsatt' });
    await waitFor(async () => (await measuresOf(jd)).find((m) => m.number === JD_MEASURE)?.narrativeEmpty === false, {
      what: 'edit stored',
    });
    const second = SnapshotSummarySchema.parse(await (await send(server, 'POST', `/api/rounds/${ROUND}/snapshots`)).json());
    await waitFor(async () => yjsText(await snapshot(jd, second.id), JD_MEASURE).includes('Etter øyeblikksbildet.'), {
      what: 'second snapshot has the edit',
    });

    const after = await snapshot(jd, summary.id);
    expect(after).toEqual(before);
    expect(yjsText(after, JD_MEASURE)).not.toContain('Etter øyeblikksbildet.');
    expect(second.sha256).not.toBe(summary.sha256);
    // Not even the database lets it change.
    const db = new Database(join(server.dataDir, DATABASE_FILE));
    try {
      expect(() => db.prepare('UPDATE snapshots SET content = ? WHERE id = ?').run('{}', summary.id)).toThrow(/immutable/);
      expect(() => db.prepare('DELETE FROM snapshots WHERE id = ?').run(summary.id)).toThrow(/immutable/);
    } finally {
      db.close();
    }
  });

  it('a new round carries over fields and narratives, marked not yet updated until edited', async () => {
    server = await startTestServer();
    const jd = await server.as('jd');
    await patchJson(server, `/api/rounds/${ROUND}/measures/${JD_MEASURE}`, { status: 'Løpende' });
    const forbidden = await send(jd, 'POST', '/api/rounds', { title: 'Statusrapport 2013', deadline: '2026-12-20T12:00' });
    expect(forbidden.status).toBe(403);
    const invalid = await send(server, 'POST', '/api/rounds', { title: 'Statusrapport 2013', deadline: '20. desember' });
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({ error: { field: 'deadline' } });
    const past = await send(server, 'POST', '/api/rounds', { title: 'Statusrapport 2013', deadline: '2012-02-29T12:00' });
    expect(past.status).toBe(400);
    expect(await past.json()).toMatchObject({ error: { field: 'deadline' } });

    const created = await send(server, 'POST', '/api/rounds', {
      title: 'Statusrapport februar 2013',
      deadline: '2026-12-20T12:00',
      intro: 'Ny runde.',
    });
    expect(created.status).toBe(201);
    const round = RoundDetailSchema.parse(await created.json());
    expect(round).toMatchObject({
      id: 'statusrapport-februar-2013',
      deadline: '2026-12-20T12:00:00+01:00',
      state: 'open',
      previousRoundId: ROUND,
      measureCount: 35,
    });
    const [before, after] = await Promise.all([measuresOf(jd), measuresOf(jd, round.id)]);
    expect(after.map((m) => [m.number, m.status, m.narrativeEmpty])).toEqual(before.map((m) => [m.number, m.status, m.narrativeEmpty]));
    expect(after.every((m) => m.carriedOver)).toBe(true);
    expect(before.every((m) => !m.carriedOver)).toBe(true);

    const oldText = connect(jd);
    const newText = connect(jd, measureDocName(round.id, JD_MEASURE));
    await Promise.all([synced(oldText), synced(newText)]);
    expect(newText.text()).toBe(oldText.text());
    typeParagraph(newText, 'Oppdatert i 2013.');
    await waitFor(async () => (await measuresOf(jd, round.id)).find((m) => m.number === JD_MEASURE)?.carriedOver === false, {
      what: 'measure marked updated',
    });
    expect((await measuresOf(jd, round.id)).filter((m) => m.carriedOver)).toHaveLength(34);
    expect(oldText.text()).not.toContain('Oppdatert i 2013.');
    const patched = await patchJson(jd, `/api/rounds/${round.id}/measures/6`, { status: 'Gjennomført' });
    expect(MeasureSummarySchema.parse(await patched.json()).carriedOver).toBe(false);
  });

  it('each responsible ministry marks its own part ready and may take it back', async () => {
    server = await startTestServer();
    const [jd, hod, bld] = await Promise.all([server.as('jd'), server.as('hod'), server.as('bld')]);
    const ready = (t: Target, n: number, body: unknown) => send(t, 'PUT', `/api/rounds/${ROUND}/measures/${n}/ready`, body);

    const marked = await ready(jd, 25, { ready: true });
    expect(MeasureSummarySchema.parse(await marked.json()).ready).toEqual(['JD']);
    // In the measure's own order of ministries (BLD, JD).
    expect(MeasureSummarySchema.parse(await (await ready(bld, 25, { ready: true })).json()).ready).toEqual(['BLD', 'JD']);
    // Nobody marks another ministry's part, or a measure their ministry is not responsible for.
    expect((await ready(bld, 25, { ready: false, ministry: 'JD' })).status).toBe(403);
    const notResponsible = await ready(hod, 25, { ready: true });
    expect(notResponsible.status).toBe(400);
    expect(await notResponsible.json()).toMatchObject({ error: { field: 'ministry' } });
    expect((await ready(server, 25, { ready: true })).status).toBe(400);

    const takenBack = await ready(jd, 25, { ready: false });
    expect(MeasureSummarySchema.parse(await takenBack.json()).ready).toEqual(['BLD']);
    const byCoordinator = await ready(server, 25, { ready: true, ministry: 'JD' });
    expect(MeasureSummarySchema.parse(await byCoordinator.json()).ready).toEqual(['BLD', 'JD']);
    expect((await ready(jd, 25, { ready: 'ja' })).status).toBe(400);
  });
});

describe('a new round and the rounds still open', () => {
  let server: TestServer;
  afterEach(async () => {
    await server?.stop();
  });

  it('the coordinator may freeze the open round when starting the next, with a snapshot that says why', async () => {
    server = await startTestServer();
    const created = await send(server, 'POST', '/api/rounds', { title: 'Statusrapport 2013', deadline: '2030-02-28T12:00', openRounds: 'freeze' });
    expect(created.status).toBe(201);
    const old = await roundOf(server, ROUND);
    expect(old.state).toBe('frozen');
    const [snap] = await snapshotsOf(server, ROUND);
    expect(snap).toMatchObject({ reason: 'new_round', takenBy: { username: 'koordinator' } });
    expect((await roundOf(server, 'statusrapport-2013')).state).toBe('open');
  });

  it('or keep it open until its own deadline, as without a word', async () => {
    server = await startTestServer();
    expect((await send(server, 'POST', '/api/rounds', { title: 'Statusrapport 2013', deadline: '2030-02-28T12:00', openRounds: 'keep' })).status).toBe(201);
    expect((await roundOf(server, ROUND)).state).toBe('open');
    expect(await snapshotsOf(server, ROUND)).toEqual([]);
    const invalid = await send(server, 'POST', '/api/rounds', { title: 'Statusrapport 2014', deadline: '2031-02-28T12:00', openRounds: 'later' });
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({ error: { field: 'openRounds' } });
  });
});
