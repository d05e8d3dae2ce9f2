import { describe, expect, it } from 'vitest';
import { MeasureDetailSchema } from '../../shared/measure.js';
import { measureDocName } from '../../shared/documentLayout.js';
import { DEFAULT_ROUND } from '../../server/seed/buildRoundSeed.js';
import { connectClient, synced, typeParagraph } from '../helpers/clients.js';
import { serverProcesses } from '../helpers/process.js';
import { api, signIn, TEST_PASSWORD } from '../helpers/session.js';
import { waitFor } from '../helpers/waitFor.js';

const ROUND = DEFAULT_ROUND.id;

/**
 * The log as `npm start` writes it: server/main.ts wires pino to standard output (the other
 * tests hand the server a logger of their own), so this one reads the real process's output.
 */
describe('the log of the server process', () => {
  const processes = serverProcesses();

  it('is JSON lines on standard output, one per request with its id, route, status, time and account; never a password, the session cookie, a query string or what was typed', async () => {
    const running = await processes.start();
    // Standard output from here on (spawnServer's output() mixes in standard error).
    let stdout = '';
    running.child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const lines = (): Record<string, unknown>[] =>
      stdout
        .split('\n')
        .slice(0, -1)
        .map((line) => JSON.parse(line) as Record<string, unknown>);

    const wrongPassword = 'hemmelig-feil-passord-77';
    const refused = await fetch(`${running.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'jd', password: wrongPassword }),
    });
    expect(refused.status).toBe(401);
    const jd = await signIn(running.url, 'jd');
    const sessionToken = jd.cookie.slice(jd.cookie.indexOf('=') + 1);
    expect(sessionToken.length).toBeGreaterThan(16);

    const queryValue = 'spoerring-som-ikke-logges';
    const response = await api(jd, `/api/rounds/${ROUND}/measures/1?q=${queryValue}`);
    expect(response.status).toBe(200);
    const requestId = response.headers.get('x-request-id');
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);

    const typed = 'HEMMELIG-TEKST-fra-prosessen';
    const client = connectClient(jd, measureDocName(ROUND, 1));
    processes.keep(client);
    await synced(client);
    typeParagraph(client, typed);
    await waitFor(async () => MeasureDetailSchema.parse(await (await api(jd, `/api/rounds/${ROUND}/measures/1`)).json()).narrative.includes(typed), {
      what: 'the typed text stored',
    });
    await waitFor(() => lines().some((l) => l.route === '/sync/:docName' && l.status === 101), { what: 'the socket upgrade logged' });

    const line = lines().find((l) => l.requestId === requestId);
    expect(line, `a line with request id ${requestId} in:\n${stdout}`).toMatchObject({
      level: 'info',
      service: 'samskriv',
      kind: 'request',
      method: 'GET',
      route: '/api/rounds/:roundId/measures/:number',
      path: `/api/rounds/${ROUND}/measures/1`,
      status: 200,
      account: 'jd',
    });
    expect(typeof line?.ms).toBe('number');
    expect(line?.ms).toBeGreaterThanOrEqual(0);
    expect(typeof line?.time).toBe('string');
    expect(lines().find((l) => l.route === '/api/session' && l.status === 401)).toMatchObject({ method: 'POST', account: null });
    expect(lines().find((l) => l.route === '/sync/:docName' && l.status === 101)).toMatchObject({ account: 'jd' });
    for (const each of lines()) expect([typeof each.level, typeof each.time]).toEqual(['string', 'string']);

    client.destroy();
    running.child.kill('SIGTERM');
    expect(await running.exited).toEqual({ code: 0, signal: null });
    // Everything the process wrote, standard error too, from its start to its exit.
    const all = running.output();
    expect(all).toContain('"route":"/api/session"');
    for (const secret of [wrongPassword, TEST_PASSWORD, sessionToken, queryValue, typed]) {
      expect(all.includes(secret), `the log holds ${secret}`).toBe(false);
    }
  });
});
