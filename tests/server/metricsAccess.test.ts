import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Metrics } from '../../server/ops/metrics.js';
import { metricsRoutes } from '../../server/routes/metrics.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

/** `/metrics` without METRICS_TOKEN answers only connections from this machine's loopback addresses. */

/** An IPv4 address of this machine that is not loopback, if it has one. */
const outwardAddress = Object.values(networkInterfaces())
  .flat()
  .find((a) => a !== undefined && a.family === 'IPv4' && !a.internal)?.address;

describe.skipIf(outwardAddress === undefined)(`metrics, with the server listening on every address (${outwardAddress ?? 'none'} besides loopback)`, () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ host: '0.0.0.0', publicUrl: 'https://rapport.example.no', allowDemoAccountsOnNetwork: true, seed: false });
  });
  afterAll(() => server?.stop());

  it('answer a connection to 127.0.0.1, and refuse one from the machine\'s network address', async () => {
    const local = await fetch(`http://127.0.0.1:${server.port}/metrics`);
    expect(local.status).toBe(200);
    expect(await local.text()).toContain('samskriv_sign_in_failures_total');

    const outward = await fetch(`http://${outwardAddress}:${server.port}/metrics`);
    expect(outward.status).toBe(403);
    expect(await outward.text()).toContain('metrics are served to localhost only');
  });
});

describe('metrics, by the address the connection comes from', () => {
  const metrics = new Metrics({ documentsLoaded: () => 0, syncSockets: () => 0, roundStreams: () => 0, notificationStreams: () => 0, pendingProviderSignIns: () => 0 });
  const app = metricsRoutes(metrics, undefined);
  /** What `/metrics` answers a connection from `remoteAddress`, as @hono/node-server hands the socket over. */
  const statusFrom = async (remoteAddress: string | undefined, headers: Record<string, string> = {}): Promise<number> =>
    (await app.request('/metrics', { headers }, { incoming: { socket: { remoteAddress } } })).status;

  it('answer loopback addresses, IPv4, IPv6 and IPv4-mapped', async () => {
    for (const address of ['127.0.0.1', '127.0.1.1', '::1', '::ffff:127.0.0.1']) expect(await statusFrom(address), address).toBe(200);
  });

  it('refuse every other address, an unknown one, and a request without a socket', async () => {
    for (const address of ['192.0.2.2', '10.0.0.1', '203.0.113.9', '::ffff:203.0.113.9', 'fd00::2', 'fe80::1', '0.0.0.0', '::', undefined]) {
      expect(await statusFrom(address), String(address)).toBe(403);
    }
    expect((await app.request('/metrics')).status, 'no connection information').toBe(403);
  });

  it('refuse a loopback connection that carries a proxy\'s forwarding header', async () => {
    expect(await statusFrom('127.0.0.1', { 'x-forwarded-for': '203.0.113.9' })).toBe(403);
  });
});
