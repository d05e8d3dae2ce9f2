import { readdirSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { WebSocket as WS } from 'ws';
import { measureDocName } from '../../shared/documentLayout.js';
import { startServer } from '../../server/app.js';
import { DEFAULT_ROUND } from '../../server/seed/buildRoundSeed.js';
import { spawnServer } from '../helpers/process.js';
import { startTestServer, tempDataDir, TEST_PASSWORD, TEST_PASSWORD_COST, type TestServer } from '../helpers/server.js';

const ROUND = DEFAULT_ROUND.id;
/** JD's alone in the seed report; the coordinator may write it. */
const MEASURE = 5;
const DOC = measureDocName(ROUND, MEASURE);
const EVIL = 'http://evil.example';

/**
 * A request with exactly these headers: fetch replaces a Host header with the URL's, and the
 * point here is a Host header that names another site.
 */
function rawRequest(
  url: string,
  path: string,
  { method = 'GET', headers = {}, body }: { method?: string; headers?: Record<string, string>; body?: string },
): Promise<{ status: number; body: string; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}${path}`, { method, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** A status PATCH of measure 5 as the coordinator, from `origin`, with `host` as the Host header. */
function patchStatus(server: TestServer, { origin, host }: { origin: string; host?: string }) {
  return rawRequest(server.url, `/api/rounds/${ROUND}/measures/${MEASURE}`, {
    method: 'PATCH',
    headers: {
      cookie: server.cookie,
      'content-type': 'application/json',
      origin,
      ...(host === undefined ? {} : { host }),
    },
    body: JSON.stringify({ status: 'Løpende' }),
  });
}

/** Opens the sync websocket with these headers; resolves `open` or the refusing HTTP status. */
function upgrade(server: TestServer, headers: Record<string, string>): Promise<'open' | number> {
  return new Promise((resolve, reject) => {
    const socket = new WS(`${server.url.replace(/^http/, 'ws')}/sync/${DOC}`, { headers: { cookie: server.cookie, ...headers } });
    socket.once('open', () => {
      socket.terminate();
      resolve('open');
    });
    socket.once('unexpected-response', (_request, response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    socket.once('error', reject);
  });
}

describe('which origins the server trusts: its configured own, never the Host header', () => {
  let server: TestServer | null = null;
  const dirs: string[] = [];
  afterEach(async () => {
    await server?.stop();
    server = null;
  });
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('a Host header naming another site does not make that site our own (PATCH and websocket)', async () => {
    server = await startTestServer();
    const patch = await patchStatus(server, { origin: EVIL, host: 'evil.example' });
    expect(patch.status).toBe(403);
    expect(JSON.parse(patch.body)).toMatchObject({ error: { code: 'cross_site' } });
    expect(await upgrade(server, { host: 'evil.example', origin: EVIL })).toBe(403);
    // The same with the port, as a browser on a rebound DNS name would send it.
    const port = `evil.example:${server.port}`;
    expect((await patchStatus(server, { origin: `http://${port}`, host: port })).status).toBe(403);
    expect(await upgrade(server, { host: port, origin: `http://${port}` })).toBe(403);
  });

  it('accepts the listen address and, on loopback, localhost and [::1] on the same port', async () => {
    server = await startTestServer();
    const own = [server.url, `http://localhost:${server.port}`, `http://[::1]:${server.port}`];
    for (const origin of own) {
      expect((await patchStatus(server, { origin })).status, origin).toBe(200);
      expect(await upgrade(server, { origin }), origin).toBe('open');
    }
    // Whatever Host the request names: the origin decides.
    expect((await patchStatus(server, { origin: server.url, host: 'evil.example' })).status).toBe(200);
    // Another port of this machine is another origin.
    const otherPort = `http://127.0.0.1:${server.port === 65535 ? 65534 : server.port + 1}`;
    expect((await patchStatus(server, { origin: otherPort })).status).toBe(403);
    expect(await upgrade(server, { origin: otherPort })).toBe(403);
  });

  it('PUBLIC_URL is the server’s own origin (behind a proxy); https makes the cookie Secure', async () => {
    server = await startTestServer({ publicUrl: 'https://rapport.example.no/', trustProxy: true });
    const origin = 'https://rapport.example.no';
    expect((await patchStatus(server, { origin, host: 'rapport.example.no' })).status).toBe(200);
    expect(await upgrade(server, { origin, host: 'rapport.example.no' })).toBe('open');
    // Forwarded headers name nothing: the configured origin does.
    const forwarded = await rawRequest(server.url, `/api/rounds/${ROUND}/measures/${MEASURE}`, {
      method: 'PATCH',
      headers: {
        cookie: server.cookie,
        'content-type': 'application/json',
        origin: 'https://evil.example',
        'x-forwarded-host': 'evil.example',
        'x-forwarded-proto': 'https',
      },
      body: JSON.stringify({ status: 'Løpende' }),
    });
    expect(forwarded.status).toBe(403);
    const signIn = await rawRequest(server.url, '/api/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin },
      body: JSON.stringify({ username: 'jd', password: TEST_PASSWORD }),
    });
    expect(signIn.status).toBe(200);
    expect(String(signIn.headers['set-cookie'])).toMatch(/; Secure/);
  });

  it('ALLOWED_ORIGINS are accepted as written, a trailing slash or not; plain http keeps the cookie without Secure', async () => {
    server = await startTestServer({ allowedOrigins: ['https://intranett.example.no/'] });
    expect((await patchStatus(server, { origin: 'https://intranett.example.no' })).status).toBe(200);
    const signIn = await rawRequest(server.url, '/api/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url },
      body: JSON.stringify({ username: 'jd', password: TEST_PASSWORD }),
    });
    expect(signIn.status).toBe(200);
    expect(String(signIn.headers['set-cookie'])).not.toMatch(/Secure/);
  });

  it('refuses to start on a wildcard HOST or behind a proxy without PUBLIC_URL, before creating anything', async () => {
    const dataDir = tempDataDir();
    dirs.push(dataDir);
    const start = (options: { host: string; trustProxy?: boolean }) =>
      startServer({ port: 0, dataDir, demoPassword: TEST_PASSWORD, passwordCost: TEST_PASSWORD_COST, log: () => {}, ...options });
    await expect(start({ host: '0.0.0.0' })).rejects.toThrow(/refusing to listen on 0\.0\.0\.0 without PUBLIC_URL/);
    await expect(start({ host: '::' })).rejects.toThrow(/refusing to listen on :: without PUBLIC_URL/);
    await expect(start({ host: '127.0.0.1', trustProxy: true })).rejects.toThrow(/TRUST_PROXY=1 without PUBLIC_URL/);
    expect(readdirSync(dataDir)).toEqual([]);

    // From the environment, as `npm start` runs: a message, not a stack trace.
    await expect(spawnServer(dataDir, { HOST: '0.0.0.0' })).rejects.toThrow(
      /Samskriv did not start: refusing to listen on 0\.0\.0\.0 without PUBLIC_URL/,
    );
    await expect(spawnServer(dataDir, { TRUST_PROXY: '1' })).rejects.toThrow(/TRUST_PROXY=1 without PUBLIC_URL/);
    await expect(spawnServer(dataDir, { PUBLIC_URL: 'rapport.example.no' })).rejects.toThrow(
      /invalid environment: PUBLIC_URL: an http:\/\/ or https:\/\/ URL/,
    );
  });
});
