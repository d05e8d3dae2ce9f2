import { request as httpRequest, type IncomingMessage } from 'node:http';
import { beforeAll, describe, expect, it } from 'vitest';
import { MeasureDetailSchema } from '../../shared/measure.js';
import { RoundDetailSchema } from '../../shared/round.js';
import { DEFAULT_ROUND } from '../../server/seed/buildRoundSeed.js';
import { api, patchJson, type Target } from '../helpers/session.js';
import { suiteServer } from '../helpers/suiteServer.js';
import { waitFor } from '../helpers/waitFor.js';

const ROUND = DEFAULT_ROUND.id;
/** JD's measure. */
const MEASURE = 5;

/**
 * A request whose headers are sent now and whose body is sent when `finish` is called, as a
 * slow connection delivers them. Resolves the answer's status and body.
 */
function slowRequest(target: Target, method: string, path: string, body: string) {
  const url = new URL(path, target.url);
  const bytes = Buffer.from(body);
  const request = httpRequest(url, {
    method,
    headers: { 'content-type': 'application/json', 'content-length': String(bytes.length), cookie: target.cookie },
  });
  const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
    request.on('response', (response: IncomingMessage) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
    });
    request.on('error', reject);
  });
  request.flushHeaders();
  return {
    answer,
    finish(): void {
      request.end(bytes);
    },
  };
}

describe('every state change is one command: parse first, then load, check and write in one transaction', () => {
  const server = suiteServer({ deadlineCheckIntervalMs: 50 });
  let jd: Target;

  beforeAll(async () => {
    jd = await server.as('jd');
  });

  it("a status whose body arrives after the round froze is refused and stores nothing", async () => {
    const before = MeasureDetailSchema.parse(await (await api(server, `/api/rounds/${ROUND}/measures/${MEASURE}`)).json());
    const wanted = before.status === 'Løpende' ? 'Gjennomført' : 'Løpende';
    // JD's headers arrive while the round is open and JD may write measure 5 ...
    const patch = slowRequest(jd, 'PATCH', `/api/rounds/${ROUND}/measures/${MEASURE}`, JSON.stringify({ status: wanted }));
    // ... and make sure the server has them (and started on the request) before the freeze: a
    // request it answers after these headers is behind them on the same server.
    await api(server, '/api/health');
    // The coordinator moves the deadline into the past; the watch freezes the round.
    expect((await patchJson(server, `/api/rounds/${ROUND}`, { deadline: new Date(Date.now() - 60_000).toISOString() })).status).toBe(200);
    await waitFor(async () => RoundDetailSchema.parse(await (await api(server, `/api/rounds/${ROUND}`)).json()).state === 'frozen', {
      what: 'the freeze',
    });
    // Then JD's body arrives.
    patch.finish();
    const { status, body } = await patch.answer;
    expect(status).toBe(403);
    expect(JSON.parse(body)).toMatchObject({ error: { code: 'forbidden' } });
    const after = MeasureDetailSchema.parse(await (await api(server, `/api/rounds/${ROUND}/measures/${MEASURE}`)).json());
    expect(after.status).toBe(before.status);
    expect(after.updatedAt).toBe(before.updatedAt);
  });
});
