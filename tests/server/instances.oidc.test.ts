import { existsSync } from 'node:fs';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { SessionResponseSchema } from '../../shared/auth.js';
import { startIdentityProvider, type TestIdentityProvider } from '../helpers/identityProvider.js';
import { usePostgres } from '../helpers/postgres.js';
import { RedirectDance, signInAtProvider } from '../helpers/redirectDance.js';
import { startRedis, useRedis } from '../helpers/redis.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { api } from '../helpers/session.js';
import { startTcpProxy, type TcpProxy } from '../helpers/tcpProxy.js';

const pg = usePostgres();
const redis = useRedis();

/**
 * A browser whose every request opens a connection of its own (`Connection: close`), so that a
 * balancer choosing an instance per connection, in turn, sends each request to the next one.
 */
class NewConnectionEachRequest extends RedirectDance {
  override request(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set('connection', 'close');
    return super.request(url, { ...init, headers });
  }
}

describe('sign-in through the identity provider with two instances behind one address, round-robin, no sticky sessions', () => {
  let idp: TestIdentityProvider | null = null;
  let proxy: TcpProxy | null = null;
  const servers: TestServer[] = [];

  afterEach(async () => {
    await proxy?.close();
    proxy = null;
    for (const server of servers.splice(0)) await server.stop();
    await idp?.close();
    idp = null;
  });

  it('finishes on instance B a sign-in started on instance A, and only in the browser that started it', { timeout: 60_000 }, async () => {
    const provider = await startIdentityProvider({ kari: { name: 'Kari Nordmann', email: 'kari.nordmann@jd.dep.no', email_verified: true, groups: ['samskriv-jd'] } });
    idp = provider;
    // Which instance each new connection went to, in order (the balancer: each to the next).
    const routed: TestServer[] = [];
    let next = 0;
    const balancer = await startTcpProxy(() => {
      const server = servers[next++ % servers.length]!;
      routed.push(server);
      return server.port;
    });
    proxy = balancer;
    const address = balancer.url;
    const databaseUrl = await pg.server.createDatabase();
    const options = { databaseUrl, redisUrl: redis.server.url, oidc: provider.options({ redirectUrl: `${address}/api/auth/oidc/callback` }) };
    // One after the other: the first prepares the empty database.
    const a = await startTestServer(options);
    servers.push(a);
    const b = await startTestServer(options);
    servers.push(b);
    provider.register(address);

    const kari = new NewConnectionEachRequest();
    const callback = await signInAtProvider(kari, address, 'kari', '/runder');
    expect(routed, 'the sign-in started on A').toEqual([a]);

    // Login CSRF across instances: another browser starts its own sign-in (on B) and brings
    // Kari's callback (to A): refused, and Kari's sign-in is still there.
    const other = new NewConnectionEachRequest();
    expect((await other.request(`${address}/api/auth/oidc/login`)).status).toBe(302);
    const carried = await other.request(callback);
    expect(carried.status).toBe(400);
    expect(carried.headers.getSetCookie().some((c) => c.startsWith('samskriv_session='))).toBe(false);
    expect(routed.slice(1), 'the other browser on B, then A').toEqual([b, a]);

    const finished = await kari.request(callback);
    expect(routed.at(-1), 'the callback reached B').toBe(b);
    expect(finished.status, await finished.clone().text()).toBe(302);
    expect(finished.headers.get('location')).toBe('/runder');
    expect(kari.cookie(address, 'samskriv_oidc'), 'the flow cookie is cleared').toBeUndefined();

    // The session is in the database: both instances know it.
    const session = { url: address, cookie: kari.sessionCookie(address) };
    for (const expected of [a, b]) {
      const answer = await api(session, '/api/session', { headers: { connection: 'close' } });
      expect(routed.at(-1)).toBe(expected);
      expect(SessionResponseSchema.parse(await answer.json()).user).toMatchObject({ username: 'kari.nordmann', ministry: 'JD', role: 'editor' });
    }

    // Used once, whichever instance is asked again.
    expect((await kari.request(callback)).status).toBe(400);
  });
});

describe('the tests’ Redis', () => {
  it('works in a temporary folder of its own (--dir), removed when it stops; a restart gets a new one', async () => {
    const server = await startRedis();
    const folderOf = async (): Promise<string> => {
      const client = new Redis(server.url, { lazyConnect: true, maxRetriesPerRequest: 0 });
      try {
        await client.connect();
        const [, dir] = (await client.config('GET', 'dir')) as [string, string];
        return dir;
      } finally {
        client.disconnect();
      }
    };
    try {
      const first = await folderOf();
      expect(first).not.toBe(process.cwd());
      expect(first).toMatch(/samskriv-redis-/);
      expect(existsSync(first)).toBe(true);
      await server.stop();
      expect(existsSync(first), 'removed on stop').toBe(false);
      await server.start();
      const second = await folderOf();
      expect(second).not.toBe(first);
      expect(existsSync(second)).toBe(true);
      await server.stop();
      expect(existsSync(second)).toBe(false);
    } finally {
      await server.stop();
    }
  });
});
