import { PresenceUserSchema } from '../../shared/awareness.js';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { WebSocket as WS } from 'ws';
import * as Y from 'yjs';
import { READ_ONLY_REASON } from '../../shared/auth.js';
import { CLOSE_CODES } from '../../shared/closeCodes.js';
import { measureDocName, NARRATIVE_FIELD } from '../../shared/documentLayout.js';
import { MeasureSummarySchema } from '../../shared/measureSummary.js';
import { DEFAULT_ROUND } from '../../server/seed/buildRoundSeed.js';
import { closeCode, connectClient, openRawSocket, synced, typeParagraph, type TestClient } from '../helpers/clients.js';
import { storedUpdates } from '../helpers/db.js';
import { openEventStream } from '../helpers/events.js';
import { api, patchJson, type Target } from '../helpers/session.js';
import { suiteServer } from '../helpers/suiteServer.js';
import { waitFor } from '../helpers/waitFor.js';

const ROUND = DEFAULT_ROUND.id;
/** Measure 5 is JD's alone; measure 11 is HOD's alone (the seed report's table). */
const JD_MEASURE = 5;
const HOD_MEASURE = 11;
const JD_DOC = measureDocName(ROUND, JD_MEASURE);
const NOBODY: (url: string) => Target = (url) => ({ url, cookie: '' });

/** The reason of a y-protocols auth "permission denied" frame, or null for any other frame. */
function permissionDenied(frame: Uint8Array): string | null {
  const decoder = decoding.createDecoder(frame);
  if (decoding.readVarUint(decoder) !== 2 || decoding.readVarUint(decoder) !== 0) return null;
  return decoding.readVarString(decoder);
}

/** A sync "update" frame adding a paragraph, made by a document of its own. */
function paragraphUpdateFrame(text: string): Uint8Array {
  const doc = new Y.Doc();
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(text)]);
  doc.getXmlFragment(NARRATIVE_FIELD).insert(0, [paragraph]);
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, 2);
  encoding.writeVarUint8Array(encoder, Y.encodeStateAsUpdate(doc));
  return encoding.toUint8Array(encoder);
}

async function statusOf(target: Target, number: number): Promise<string> {
  const response = await api(target, `/api/rounds/${ROUND}/measures/${number}`);
  return MeasureSummarySchema.parse(await response.json()).status;
}

describe('permissions, enforced by the server', () => {
  const server = suiteServer();
  let jd: Target;
  let hod: Target;
  const clients: TestClient[] = [];
  const sockets: WS[] = [];
  const connect = (target: Target, doc = JD_DOC): TestClient => {
    const client = connectClient(target, doc);
    clients.push(client);
    return client;
  };
  /** A raw socket and every frame it receives. */
  const raw = async (target: Target, doc = JD_DOC, origin?: string): Promise<{ socket: WS; frames: Uint8Array[] }> => {
    const frames: Uint8Array[] = [];
    const socket = await openRawSocket(target, doc, { ...(origin === undefined ? {} : { origin }), onFrame: (f) => frames.push(f) });
    sockets.push(socket);
    return { socket, frames };
  };

  beforeAll(async () => {
    [jd, hod] = await Promise.all([server.as('jd'), server.as('hod')]);
  });
  afterEach(() => {
    for (const client of clients.splice(0)) client.destroy();
    for (const socket of sockets.splice(0)) socket.terminate();
  });

  it('signed out, every API endpoint is a 401 and the websocket upgrade is refused before any load', async () => {
    const nobody = NOBODY(server.url);
    const paths = [
      '/api/rounds',
      `/api/rounds/${ROUND}`,
      `/api/rounds/${ROUND}/measures`,
      `/api/rounds/${ROUND}/measures/${JD_MEASURE}`,
      `/api/rounds/${ROUND}/events`,
      `/api/documents/${JD_DOC}/state-vector`,
      '/api/rounds/no-such-round',
      '/api/no-such-endpoint',
    ];
    for (const path of paths) {
      const response = await api(nobody, path);
      expect({ path, status: response.status }).toEqual({ path, status: 401 });
      expect(await response.json()).toMatchObject({ error: { code: 'unauthorized' } });
    }
    const patch = await patchJson(nobody, `/api/rounds/${ROUND}/measures/${JD_MEASURE}`, { status: 'Gjennomført' });
    expect(patch.status).toBe(401);

    const loadsBefore = server.stats().loads;
    await expect(openRawSocket(nobody, JD_DOC)).rejects.toThrow(/401/);
    await expect(openRawSocket({ url: server.url, cookie: 'samskriv_session=forged' }, JD_DOC)).rejects.toThrow(/401/);
    expect(server.stats().loads).toBe(loadsBefore);
    // Nobody can probe which documents exist either.
    await expect(openRawSocket(nobody, measureDocName(ROUND, 99))).rejects.toThrow(/401/);
  });

  it("an HOD editor cannot change a JD measure's narrative: dropped, told, not stored, not relayed", async () => {
    const watcher = connect(jd);
    await synced(watcher);
    const before = storedUpdates(server.dataDir, JD_DOC);
    const textBefore = watcher.text();

    const { socket, frames } = await raw(hod);
    await waitFor(() => frames.some((f) => permissionDenied(f) === READ_ONLY_REASON), { what: 'read-only notice on connect' });
    socket.send(paragraphUpdateFrame('HOD skriver i JDs tiltak.'));
    await waitFor(() => frames.filter((f) => permissionDenied(f) !== null).length >= 2, { what: 'the update refused' });

    // A fresh sync is answered only once every received update is stored: a barrier.
    const late = connect(jd);
    await synced(late);
    expect(storedUpdates(server.dataDir, JD_DOC)).toEqual(before);
    expect(late.text()).toBe(textBefore);
    expect(watcher.text()).toBe(textBefore);
    expect(socket.readyState).toBe(socket.OPEN);
  });

  it('a read-only connection still shares its presence', async () => {
    const reader = connect(hod);
    const writer = connect(jd);
    await Promise.all([synced(reader), synced(writer)]);
    reader.provider.awareness.setLocalStateField('user', { name: 'Påstått navn', ministry: 'JD', color: '#a6195c' });
    await waitFor(() => PresenceUserSchema.safeParse(writer.provider.awareness.getStates().get(reader.doc.clientID)?.user).data?.username === 'hod', {
      what: "HOD's presence at JD",
    });
    expect(writer.provider.awareness.getStates().get(reader.doc.clientID)?.user).toEqual({
      name: 'Redaktør HOD',
      ministry: 'HOD',
      username: 'hod',
      color: '#a6195c',
    });
  });

  it("an HOD editor cannot change a JD measure's status: 403, nothing changes, nobody is told", async () => {
    const before = await statusOf(jd, JD_MEASURE);
    const stream = await openEventStream(jd, ROUND);
    await waitFor(() => stream.events.length > 0, { what: 'snapshot' });
    const response = await patchJson(hod, `/api/rounds/${ROUND}/measures/${JD_MEASURE}`, {
      status: before === 'Gjennomført' ? 'Under gjennomføring' : 'Gjennomført',
    });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: { code: 'forbidden' } });
    expect(await statusOf(jd, JD_MEASURE)).toBe(before);
    // HOD may write its own measure; that event arrives, and it is the only one.
    const own = await patchJson(hod, `/api/rounds/${ROUND}/measures/${HOD_MEASURE}`, { status: 'Under gjennomføring' });
    expect(own.status).toBe(200);
    await waitFor(() => stream.events.length >= 2, { what: 'the HOD event' });
    expect(stream.events.slice(1).map((e) => (e.type === 'measure' ? e.measure.number : null))).toEqual([HOD_MEASURE]);
    stream.close();
  });

  it("a JD editor can write a JD measure's narrative and status", async () => {
    const writer = connect(jd);
    const watcher = connect(hod);
    await Promise.all([synced(writer), synced(watcher)]);
    const before = storedUpdates(server.dataDir, JD_DOC).length;
    typeParagraph(writer, 'JD oppdaterer sitt tiltak.');
    await waitFor(() => watcher.text().includes('JD oppdaterer sitt tiltak.'), { what: 'JD edit relayed' });
    expect(storedUpdates(server.dataDir, JD_DOC).length).toBeGreaterThan(before);

    const response = await patchJson(jd, `/api/rounds/${ROUND}/measures/${JD_MEASURE}`, { status: 'Gjennomført' });
    expect(response.status).toBe(200);
    expect(await statusOf(hod, JD_MEASURE)).toBe('Gjennomført');
  });

  it('the coordinator can write any measure, narrative and status', async () => {
    const hodDoc = measureDocName(ROUND, HOD_MEASURE);
    const writer = connect(server, hodDoc);
    const watcher = connect(hod, hodDoc);
    await Promise.all([synced(writer), synced(watcher)]);
    typeParagraph(writer, 'Koordinatoren retter en skrivefeil.');
    await waitFor(() => watcher.text().includes('Koordinatoren retter en skrivefeil.'), { what: 'coordinator edit relayed' });
    const response = await patchJson(server, `/api/rounds/${ROUND}/measures/${JD_MEASURE}`, { status: 'Ikke igangsatt' });
    expect(response.status).toBe(200);
    expect(await statusOf(jd, JD_MEASURE)).toBe('Ikke igangsatt');
  });

  it('a foreign Origin is refused on the websocket and on a mutating request; our own is accepted', async () => {
    await expect(openRawSocket(jd, JD_DOC, { origin: 'https://evil.example' })).rejects.toThrow(/403/);
    const { socket: own } = await raw(jd, JD_DOC, server.url);
    expect(own.readyState).toBe(own.OPEN);

    const before = await statusOf(jd, JD_MEASURE);
    const path = `/api/rounds/${ROUND}/measures/${JD_MEASURE}`;
    const body = JSON.stringify({ status: before === 'Løpende' ? 'Under gjennomføring' : 'Løpende' });
    const foreign = await api(jd, path, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
      body,
    });
    expect(foreign.status).toBe(403);
    expect(await foreign.json()).toMatchObject({ error: { code: 'cross_site' } });
    const crossSite = await api(jd, path, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' },
      body,
    });
    expect(crossSite.status).toBe(403);
    // A form post (no preflight) cannot carry JSON.
    const form = await api(jd, path, { method: 'PATCH', headers: { 'content-type': 'text/plain' }, body });
    expect(form.status).toBe(415);
    expect(await statusOf(jd, JD_MEASURE)).toBe(before);

    const same = await api(jd, path, { method: 'PATCH', headers: { 'content-type': 'application/json', origin: server.url }, body });
    expect(same.status).toBe(200);
  });

  it('signing out closes the open socket and event stream, and the cookie is worth nothing after', async () => {
    const session = await server.as('jd');
    const client = connect(session);
    await synced(client);
    const closed = new Promise<number>((resolve) =>
      client.provider.on('connection-close', (event: CloseEvent | null) => resolve(event?.code ?? -1)),
    );
    const stream = await openEventStream(session, ROUND);
    await waitFor(() => stream.events.length > 0, { what: 'snapshot' });

    const signOut = await api(session, '/api/session', { method: 'DELETE' });
    expect(signOut.status).toBe(204);
    expect(signOut.headers.get('set-cookie')).toMatch(/samskriv_session=;/);
    expect(await closed).toBe(CLOSE_CODES.SESSION_ENDED);
    await stream.ended;
    client.provider.shouldConnect = false;

    expect((await api(session, '/api/session')).status).toBe(401);
    await expect(openRawSocket(session, JD_DOC)).rejects.toThrow(/401/);
    // Other sessions of other people are untouched.
    expect((await api(jd, '/api/session')).status).toBe(200);
  });
});

describe('sessions that end by themselves', () => {
  const server = suiteServer({ sessionTtlMs: 1_500, sessionWatchIntervalMs: 200 });

  it('an expired session closes its socket and is refused after', async () => {
    const jd = await server.as('jd');
    const socket = await openRawSocket(jd, JD_DOC);
    expect(await closeCode(socket)).toBe(CLOSE_CODES.SESSION_ENDED);
    expect((await api(jd, '/api/session')).status).toBe(401);
    expect((await api(jd, '/api/rounds')).status).toBe(401);
  });
});
