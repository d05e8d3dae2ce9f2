import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { MeasureSummarySchema } from '../../shared/measureSummary.js';
import { ThreadSchema } from '../../shared/comments.js';
import { DEFAULT_ROUND } from '../../server/seed/buildRoundSeed.js';
import { api, type Target } from '../helpers/session.js';
import { suiteServer } from '../helpers/suiteServer.js';

const ROUND = DEFAULT_ROUND.id;
/** JD's alone in the seed report; the coordinator may write it. */
const MEASURE = 5;
const MEASURE_PATH = `/api/rounds/${ROUND}/measures/${MEASURE}`;
const THREADS = `${MEASURE_PATH}/threads`;

/** A body as raw bytes: fetch then sends no Content-Type at all (a string would get text/plain). */
const bytes = (value: unknown): Uint8Array<ArrayBuffer> => new TextEncoder().encode(JSON.stringify(value));

/** A request with no Content-Type header, with or without a body. */
function untyped(target: Target, method: string, path: string, body?: unknown): Promise<Response> {
  return api(target, path, { method, ...(body === undefined ? {} : { body: bytes(body) }) });
}

function json(target: Target, method: string, path: string, body: unknown): Promise<Response> {
  return api(target, path, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

async function expect415(response: Response): Promise<void> {
  expect(response.status).toBe(415);
  expect(await response.json()).toMatchObject({ error: { code: 'unsupported_media_type' } });
}

describe('request bodies must say they are JSON', () => {
  const server = suiteServer();

  async function status(): Promise<string> {
    return MeasureSummarySchema.parse(await (await api(server, MEASURE_PATH)).json()).status;
  }

  it('a body without a Content-Type is refused with 415 and changes nothing', async () => {
    const before = await status();
    const other = before === 'Løpende' ? 'Gjennomført' : 'Løpende';
    const requestBody = new Request('http://x/', { method: 'PATCH', body: bytes({ status: other }) });
    expect(requestBody.headers.get('content-type')).toBeNull();

    await expect415(await untyped(server, 'PATCH', MEASURE_PATH, { status: other }));
    expect(await status()).toBe(before);

    const threadsBefore = z.array(ThreadSchema).parse(await (await api(server, THREADS)).json()).length;
    await expect415(await untyped(server, 'POST', THREADS, { body: 'Uten innholdstype.' }));
    await expect415(await untyped(server, 'POST', '/api/rounds', { title: 'Uten innholdstype', deadline: '2030-01-01T12:00' }));
    await expect415(await untyped(server, 'POST', '/api/session', { username: 'jd', password: 'whatever-it-is' }));
    expect(z.array(ThreadSchema).parse(await (await api(server, THREADS)).json())).toHaveLength(threadsBefore);
  });

  it('a route that needs a JSON body refuses a request without one with 415, not a 400 or a success', async () => {
    await expect415(await untyped(server, 'PATCH', MEASURE_PATH));
    await expect415(await untyped(server, 'POST', THREADS));
    await expect415(await untyped(server, 'PATCH', `/api/rounds/${ROUND}`));
    await expect415(await untyped(server, 'PUT', `${MEASURE_PATH}/ready`));
    // With a body of JSON, the same routes work.
    expect((await json(server, 'PATCH', MEASURE_PATH, { status: 'Løpende' })).status).toBe(200);
  });

  it('bodyless actions need no Content-Type: resolve, reopen, delete, a snapshot without a note', async () => {
    const started = ThreadSchema.parse(await (await json(server, 'POST', THREADS, { body: 'Løses uten innholdstype.' })).json());
    expect((await untyped(server, 'POST', `/api/threads/${started.id}/resolve`)).status).toBe(200);
    expect((await untyped(server, 'POST', `/api/threads/${started.id}/reopen`)).status).toBe(200);
    const comment = started.comments[0];
    if (!comment) throw new Error('the new thread has its comment');
    expect((await untyped(server, 'DELETE', `/api/comments/${comment.id}`)).status).toBe(204);
    expect((await untyped(server, 'POST', `/api/rounds/${ROUND}/snapshots`)).status).toBe(201);
  });
});
