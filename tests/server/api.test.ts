import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import * as Y from 'yjs';
import { ApiErrorSchema } from '../../shared/api.js';
import { StateVectorResponseSchema } from '../../shared/stateVector.js';
import { measureDocName } from '../../shared/documentLayout.js';
import { MeasureDetailSchema } from '../../shared/measure.js';
import { MeasureSummarySchema } from '../../shared/measureSummary.js';
import { RoundDetailSchema, RoundSchema } from '../../shared/round.js';
import { DEFAULT_ROUND } from '../../server/seed/buildRoundSeed.js';
import { connectClient, synced, typeParagraph } from '../helpers/clients.js';
import { openEventStream } from '../helpers/events.js';
import { api } from '../helpers/session.js';
import { suiteServer } from '../helpers/suiteServer.js';
import { waitFor } from '../helpers/waitFor.js';

const ROUND = DEFAULT_ROUND.id;

describe('HTTP API', () => {
  const server = suiteServer();
  const get = (path: string, init?: RequestInit) => api(server, path, init);
  const patch = (number: number | string, body: string) =>
    get(`/api/rounds/${ROUND}/measures/${number}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body,
    });
  const errorOf = async (response: Response) => ApiErrorSchema.parse(await response.json()).error;

  it('GET /api/health', async () => {
    const response = await get('/api/health');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
  });

  it('GET /api/rounds lists the embedded round', async () => {
    const rounds = z.array(RoundSchema).parse(await (await get('/api/rounds')).json());
    expect(rounds).toHaveLength(1);
    expect(rounds[0]).toMatchObject({ id: ROUND, title: 'Statusrapport februar 2012', state: 'open' });
    const detail = RoundDetailSchema.parse(await (await get(`/api/rounds/${ROUND}`)).json());
    expect(detail.measureCount).toBe(35);
    expect(detail.importWarnings.some((w) => w.code === 'status_mismatch' && w.measure === 10)).toBe(true);
  });

  it('GET /api/rounds/:roundId/measures lists 35 measures with their rooms', async () => {
    const measures = z.array(MeasureSummarySchema).parse(await (await get(`/api/rounds/${ROUND}/measures`)).json());
    expect(measures.map((m) => m.number)).toEqual(Array.from({ length: 35 }, (_, i) => i + 1));
    expect(measures[0]).toMatchObject({ ministries: ['UD', 'JD', 'BLD'], docName: measureDocName(ROUND, 1) });
    // 34 and 35 have no section in the report, so nothing to narrate yet.
    expect(measures.filter((m) => m.narrativeEmpty).map((m) => m.number)).toEqual([34, 35]);
  });

  it('GET one measure: plan text and narrative as text', async () => {
    const measure = MeasureDetailSchema.parse(await (await get(`/api/rounds/${ROUND}/measures/2`)).json());
    expect(measure.title).toMatch(/^Bidra til internasjonal innsats/);
    expect(measure.planText).toMatch(/FN-studie/);
    expect(measure.narrative).toMatch(/^UD har prioritert å følge pengesporet/);
  });

  it('the narrative text follows live edits', async () => {
    const client = connectClient(server, measureDocName(ROUND, 3));
    await synced(client);
    typeParagraph(client, 'Ny setning fra UD.');
    await waitFor(async () => {
      const measure = MeasureDetailSchema.parse(await (await get(`/api/rounds/${ROUND}/measures/3`)).json());
      return measure.narrative.endsWith('Ny setning fra UD.');
    }, { what: 'narrative text via the API' });
    client.destroy();
  });

  it('PATCH changes a status, answers the measure, and every open overview sees it live', async () => {
    const stream = await openEventStream(server, ROUND);
    await waitFor(() => stream.events[0]?.type === 'snapshot', { what: 'snapshot' });
    const response = await patch(4, JSON.stringify({ status: 'Gjennomført' }));
    expect(response.status).toBe(200);
    expect(MeasureSummarySchema.parse(await response.json())).toMatchObject({ number: 4, status: 'Gjennomført' });
    const event = await waitFor(() => stream.events.find((e) => e.type === 'measure' && e.measure.number === 4), {
      what: 'live event',
    });
    expect(event).toMatchObject({ type: 'measure', measure: { number: 4, status: 'Gjennomført' } });
    stream.close();
    const stored = MeasureDetailSchema.parse(await (await get(`/api/rounds/${ROUND}/measures/4`)).json());
    expect(stored.status).toBe('Gjennomført');
  });

  it('a new event stream starts with a snapshot that has the latest fields', async () => {
    await patch(6, JSON.stringify({ status: 'Ikke igangsatt' }));
    const stream = await openEventStream(server, ROUND);
    const snapshot = await waitFor(() => stream.events.find((e) => e.type === 'snapshot'), { what: 'snapshot' });
    stream.close();
    if (snapshot.type !== 'snapshot') throw new Error('not a snapshot');
    expect(snapshot.measures.find((m) => m.number === 6)?.status).toBe('Ikke igangsatt');
  });

  it.each([
    ['an unknown status', JSON.stringify({ status: 'Nesten ferdig' }), 'status'],
    ['a status of the wrong type', JSON.stringify({ status: 3 }), 'status'],
    ['an unknown field', JSON.stringify({ status: 'Løpende', owner: 'UD' }), 'owner'],
  ])('PATCH with %s is a 400 naming the field and changes nothing', async (_label, body, field) => {
    const before = MeasureDetailSchema.parse(await (await get(`/api/rounds/${ROUND}/measures/8`)).json());
    const response = await patch(8, body);
    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect(error).toMatchObject({ code: 'invalid_field', field });
    expect(error.message).toContain(field);
    const after = MeasureDetailSchema.parse(await (await get(`/api/rounds/${ROUND}/measures/8`)).json());
    expect(after).toEqual(before);
  });

  it('PATCH with no field, or not JSON, is a 400', async () => {
    const empty = await patch(8, '{}');
    expect(empty.status).toBe(400);
    expect((await errorOf(empty)).code).toBe('invalid_field');
    const broken = await patch(8, '{"status":');
    expect(broken.status).toBe(400);
    expect((await errorOf(broken)).code).toBe('invalid_json');
  });

  it('an oversized PATCH body is a 413', async () => {
    const response = await patch(8, JSON.stringify({ status: 'x'.repeat(100_000) }));
    expect(response.status).toBe(413);
    expect((await errorOf(response)).code).toBe('payload_too_large');
  });

  it.each([
    ['GET', `/api/rounds/no-such-round`],
    ['GET', `/api/rounds/no-such-round/measures`],
    ['GET', `/api/rounds/${ROUND}/measures/36`],
    ['GET', `/api/rounds/${ROUND}/measures/abc`],
    ['PATCH', `/api/rounds/${ROUND}/measures/99`],
    ['GET', `/api/rounds/no-such-round/events`],
    ['GET', '/api/nothing-here'],
  ])('%s %s is a 404 in the error shape', async (method, path) => {
    const response = await get(path, {
      method,
      ...(method === 'PATCH' ? { body: '{"status":"Løpende"}', headers: { 'content-type': 'application/json' } } : {}),
    });
    expect(response.status).toBe(404);
    expect((await errorOf(response)).code).toBe('not_found');
  });

  it('GET the stored state vector of a document covers a relayed edit', async () => {
    const docName = measureDocName(ROUND, 12);
    const client = connectClient(server, docName);
    await synced(client);
    typeParagraph(client, 'Bekreftet av serveren.');
    const own = client.doc.clientID;
    const stored = await waitFor(async () => {
      const body = StateVectorResponseSchema.parse(await (await get(`/api/documents/${docName}/state-vector`)).json());
      const clocks = Y.decodeStateVector(Buffer.from(body.stateVector, 'base64'));
      return (clocks.get(own) ?? 0) >= (Y.decodeStateVector(Y.encodeStateVector(client.doc)).get(own) ?? 1) && clocks;
    }, { what: "the client's clock in the stored state vector" });
    expect(stored.size).toBeGreaterThanOrEqual(2);
    client.destroy();
    const missing = await get(`/api/documents/${measureDocName(ROUND, 77)}/state-vector`);
    expect(missing.status).toBe(404);
  });

  it('serves the built client on / and on client routes', async () => {
    const root = await get('/');
    expect(root.status).toBe(200);
    const html = await root.text();
    expect(html).toContain('<div id="root">');
    const deep = await get('/runder/x/tiltak/3');
    expect(await deep.text()).toBe(html);
  });
});
