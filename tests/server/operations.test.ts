import { rmSync } from 'node:fs';
import { Writable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ReadinessSchema } from '../../shared/api.js';
import { DEFAULT_ROUND } from '../../server/seed/buildRoundSeed.js';
import { createLogger, messageLog, requestLog, type RequestLogEntry } from '../../server/ops/logger.js';
import { SqliteStore } from '../../server/store/sqliteStore.js';
import { connectClient, synced, typeParagraph, type TestClient } from '../helpers/clients.js';
import { openEventStream, type EventStream } from '../helpers/events.js';
import { startTestServer, tempDataDir, TEST_PASSWORD, type TestServer } from '../helpers/server.js';
import { api, patchJson, signIn } from '../helpers/session.js';
import { waitFor } from '../helpers/waitFor.js';

const ROUND = DEFAULT_ROUND.id;

/** One sample's value in a Prometheus text exposition (the first line of that name and those labels). */
function sample(text: string, name: string, labels = ''): number | null {
  const line = text.split('\n').find((l) => l.startsWith(`${name}${labels ? `{${labels}}` : ''} `));
  return line === undefined ? null : Number(line.slice(line.lastIndexOf(' ') + 1));
}

/** A pino logger writing into an array of parsed JSON lines. */
function capturedLogger(): { lines: Record<string, unknown>[]; raw: () => string; logger: ReturnType<typeof createLogger> } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  const raw = (): string => chunks.join('');
  return {
    get lines() {
      return raw()
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => JSON.parse(l) as Record<string, unknown>);
    },
    raw,
    logger: createLogger('info', stream),
  };
}

/** The store, with its readiness answer (a read) failing on demand. */
class SickStore extends SqliteStore {
  sick = false;
  override isEmpty() {
    return this.sick ? new Promise<boolean>(() => undefined) : super.isEmpty();
  }
}

describe('metrics at /metrics', () => {
  let server: TestServer;
  const clients: TestClient[] = [];
  const streams: EventStream[] = [];

  beforeAll(async () => {
    server = await startTestServer({ deadlineCheckIntervalMs: 50 });
  });
  afterEach(() => {
    for (const client of clients.splice(0)) client.destroy();
    for (const stream of streams.splice(0)) stream.close();
  });
  afterAll(() => server.stop());

  it('are served to localhost in the Prometheus format: documents, sockets, updates, store latency, sign-in failures, event streams, deadline checks', async () => {
    const failed = await fetch(`${server.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'jd', password: 'not-the-password' }),
    });
    expect(failed.status).toBe(401);
    const jd = await signIn(server.url, 'jd');
    const client = connectClient(jd, `${ROUND}.1`);
    clients.push(client);
    await synced(client);
    typeParagraph(client, 'Et avsnitt som telles.');
    streams.push(await openEventStream(jd, ROUND));

    const read = async (): Promise<string> => {
      const response = await fetch(`${server.url}/metrics`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      return response.text();
    };
    let text = '';
    await waitFor(
      async () => {
        text = await read();
        return (sample(text, 'samskriv_document_updates_total') ?? 0) >= 1 && (sample(text, 'samskriv_deadline_checks_total', 'outcome="ok"') ?? 0) >= 2;
      },
      { what: 'an update and two deadline checks counted' },
    );
    expect(sample(text, 'samskriv_documents_loaded')).toBe(1);
    expect(sample(text, 'samskriv_sync_sockets')).toBe(1);
    expect(sample(text, 'samskriv_event_stream_clients')).toBe(1);
    expect(sample(text, 'samskriv_notification_stream_clients')).toBe(0);
    expect(sample(text, 'samskriv_sign_in_failures_total', 'method="password",reason="invalid"')).toBe(1);
    expect(sample(text, 'samskriv_sign_ins_total', 'method="password"')).toBeGreaterThanOrEqual(2);
    expect(sample(text, 'samskriv_store_seconds_count', 'operation="appendUpdate",outcome="ok"')).toBeGreaterThanOrEqual(1);
    expect(text).toMatch(/^samskriv_store_seconds_bucket\{le="0\.001",operation="listMeasures",outcome="ok"\} \d+$/m);
    expect(sample(text, 'samskriv_deadline_check_last_success_seconds')).toBeGreaterThan(Date.now() / 1000 - 60);
    expect(text).toMatch(/^samskriv_http_request_seconds_count\{method="GET",route="\/api\/rounds\/:roundId\/events",status="200"\} 1$/m);
    expect(text).toMatch(/^process_resident_memory_bytes \d+/m);

    client.destroy();
    clients.length = 0;
    await waitFor(async () => sample(await read(), 'samskriv_sync_sockets') === 0, { what: 'the socket no longer counted' });
  });

  it('are refused to anyone else: a request through a proxy on this machine is not local', async () => {
    for (const header of ['x-forwarded-for', 'forwarded', 'x-real-ip']) {
      const response = await fetch(`${server.url}/metrics`, { headers: { [header]: '203.0.113.9' } });
      expect(response.status, header).toBe(403);
    }
  });
});

describe('metrics with METRICS_TOKEN', () => {
  const token = 'a-token-for-prometheus-1234';
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ metricsToken: token });
  });
  afterAll(() => server.stop());

  it('answer only the bearer of the token, from anywhere', async () => {
    expect((await fetch(`${server.url}/metrics`)).status).toBe(403);
    expect((await fetch(`${server.url}/metrics`, { headers: { authorization: 'Bearer wrong-token-000000000000' } })).status).toBe(403);
    const response = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${token}`, 'x-forwarded-for': '203.0.113.9' } });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('samskriv_documents_loaded');
  });
});

describe('health', () => {
  let server: TestServer;
  let store: SickStore;
  const dataDir = tempDataDir();
  beforeAll(async () => {
    store = new SickStore(dataDir);
    server = await startTestServer({ dataDir, store });
  });
  afterAll(async () => {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('says the process is alive at /api/health, and whether the store answers at /api/health/ready', async () => {
    const ready = await fetch(`${server.url}/api/health/ready`);
    expect(ready.status).toBe(200);
    expect(ReadinessSchema.parse(await ready.json())).toEqual({ ok: true, store: 'ok' });

    store.sick = true;
    const started = Date.now();
    const notReady = await fetch(`${server.url}/api/health/ready`);
    expect(notReady.status).toBe(503);
    expect(ReadinessSchema.parse(await notReady.json())).toEqual({ ok: false, store: 'the store did not answer within 2000 ms' });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect((await fetch(`${server.url}/api/health`)).status, 'still alive').toBe(200);
    store.sick = false;
  });
});

describe('the log', () => {
  let server: TestServer;
  const log = capturedLogger();
  const entries: RequestLogEntry[] = [];

  beforeAll(async () => {
    server = await startTestServer({
      log: messageLog(log.logger),
      requestLog: (entry) => {
        entries.push(entry);
        requestLog(log.logger)(entry);
      },
    });
  });
  afterAll(() => server.stop());

  it('has a JSON line per request: its id (also on the answer), method, route, path, status, time and account', async () => {
    const response = await api(server, `/api/rounds/${ROUND}/measures/3?secret=do-not-log`);
    expect(response.status).toBe(200);
    const id = response.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const entry = entries.find((e) => e.requestId === id);
    expect(entry).toMatchObject({ method: 'GET', route: '/api/rounds/:roundId/measures/:number', path: `/api/rounds/${ROUND}/measures/3`, status: 200, account: 'koordinator' });
    expect(entry?.ms).toBeGreaterThanOrEqual(0);
    const line = log.lines.find((l) => l.requestId === id);
    expect(line).toMatchObject({ level: 'info', service: 'samskriv', kind: 'request', route: '/api/rounds/:roundId/measures/:number', status: 200, account: 'koordinator' });
    expect(typeof line?.time).toBe('string');

    // Someone else's X-Request-Id is not taken without a trusted proxy.
    const forged = await api(server, '/api/health', { headers: { 'x-request-id': 'forged-id' } });
    expect(forged.headers.get('x-request-id')).not.toBe('forged-id');
    expect(entries.find((e) => e.path === '/api/health' && e.requestId !== 'forged-id')?.account).toBe('koordinator');
  });

  it('never holds a password, a cookie, a query string or what people write', async () => {
    const secretPassword = 'hemmelig-feil-passord-42';
    await fetch(`${server.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'jd', password: secretPassword }),
    });
    const jd = await signIn(server.url, 'jd');
    const token = jd.cookie.split('=')[1] ?? '';
    expect((await patchJson(jd, `/api/rounds/${ROUND}/measures/1`, { status: 'Løpende' })).status).toBe(200);
    const comment = 'HEMMELIG-KOMMENTAR-om-tiltaket';
    expect((await api(jd, `/api/rounds/${ROUND}/measures/1/threads`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ body: comment }) })).status).toBe(201);
    const client = connectClient(jd, `${ROUND}.1`);
    try {
      await synced(client);
      typeParagraph(client, 'HEMMELIG-TEKST-i-fortellingen');
      await waitFor(() => entries.some((e) => e.route === '/sync/:docName' && e.status === 101), { what: 'the upgrade logged' });
      await waitFor(async () => (await api(jd, `/api/rounds/${ROUND}/measures/1`).then((r) => r.json() as Promise<{ narrative: string }>)).narrative.includes('HEMMELIG-TEKST'), {
        what: 'the text stored',
      });
    } finally {
      client.destroy();
    }
    const raw = log.raw();
    expect(raw).toContain('"route":"/api/session"');
    for (const secret of [secretPassword, TEST_PASSWORD, token, comment, 'HEMMELIG-TEKST', 'do-not-log']) {
      expect(raw.includes(secret), secret).toBe(false);
    }
    // Every line is JSON with a level and a time.
    for (const line of log.lines) expect([typeof line.level, typeof line.time]).toEqual(['string', 'string']);
  });

  it('redacts secrets handed to it by mistake, and logs failures as warnings', () => {
    const own = capturedLogger();
    own.logger.info({ password: 'p', headers: { cookie: 'c', authorization: 'Bearer t' }, idToken: 'ey', nested: { code: 'abc' } }, 'oops');
    messageLog(own.logger)('storing an update of x.1 failed: disk full');
    messageLog(own.logger)('created the embedded default');
    const [oops, failure, info] = own.lines;
    expect(oops).toMatchObject({ password: '[redacted]', headers: { cookie: '[redacted]', authorization: '[redacted]' }, idToken: '[redacted]', nested: { code: '[redacted]' } });
    expect(failure).toMatchObject({ level: 'warn', msg: 'storing an update of x.1 failed: disk full' });
    expect(info).toMatchObject({ level: 'info' });
  });
});
