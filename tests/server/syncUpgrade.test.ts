import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { measureDocName } from '../../shared/documentLayout.js';
import { DEFAULT_ROUND } from '../../server/seed/buildRoundSeed.js';
import { suiteServer } from '../helpers/suiteServer.js';

interface Answer {
  status: number;
  type: string | undefined;
  body: string;
}

/** Asks for a websocket upgrade of `path` as a browser would, and reads the answer when it is not one. */
function askUpgrade(url: string, path: string, headers: Record<string, string>): Promise<Answer | 'switched'> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}${path}`, {
      headers: {
        connection: 'Upgrade',
        upgrade: 'websocket',
        'sec-websocket-version': '13',
        'sec-websocket-key': Buffer.from('samskriv-upgrade').toString('base64'),
        ...headers,
      },
    });
    req.once('upgrade', (_response, socket) => {
      socket.destroy();
      resolve('switched');
    });
    req.once('response', (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.once('end', () => resolve({ status: response.statusCode ?? 0, type: response.headers['content-type'], body }));
    });
    req.once('error', reject);
    req.end();
  });
}

describe('sync upgrades: refused with the reason, taken only when every check passes', () => {
  const server = suiteServer();
  const doc = `/sync/${measureDocName(DEFAULT_ROUND.id, 1)}`;

  it('a refused upgrade answers like the API does: status and a JSON error naming why', async () => {
    const signedOut = await askUpgrade(server.url, doc, {});
    expect(signedOut).toMatchObject({ status: 401, type: expect.stringContaining('application/json') as unknown });
    expect(JSON.parse((signedOut as Answer).body)).toMatchObject({ error: { code: 'unauthorized' } });

    const noSuchMeasure = await askUpgrade(server.url, `/sync/${measureDocName(DEFAULT_ROUND.id, 99)}`, { cookie: server.cookie });
    expect(noSuchMeasure).toMatchObject({ status: 404 });
    expect(JSON.parse((noSuchMeasure as Answer).body)).toMatchObject({ error: { code: 'not_found' } });

    const otherSite = await askUpgrade(server.url, doc, { cookie: server.cookie, origin: 'https://evil.example' });
    expect(otherSite).toMatchObject({ status: 403 });
    expect(JSON.parse((otherSite as Answer).body)).toMatchObject({ error: { code: 'cross_site' } });
  });

  it('the same request with a session from the own origin switches protocols', async () => {
    expect(await askUpgrade(server.url, doc, { cookie: server.cookie, origin: server.url })).toBe('switched');
  });
});
