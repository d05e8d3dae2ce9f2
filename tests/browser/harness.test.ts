import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { WebSocket as WS } from 'ws';
import { finishPeople, launchBrowser, newPerson, screenshot, waitForSignedIn, type Person } from '../helpers/browser.js';
import { startTcpProxy, type TcpProxy } from '../helpers/tcpProxy.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

/** The harness itself: Chromium serves the built client, and the TCP proxy really cuts. */
describe('browser harness', { timeout: 60_000 }, () => {
  let server: TestServer;
  let browser: Browser;
  let proxy: TcpProxy;
  const people: Person[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    proxy = await startTcpProxy(server.port);
  });
  afterEach(async ({ task }) => finishPeople(people, task));
  afterAll(async () => {
    await proxy?.close();
    await browser?.close();
    await server?.stop();
  });

  it('opens the built client in Chromium, signed in through the API, with the colour given', async () => {
    const person = await newPerson(browser, server.url, 'ud', { color: '#0062ba' });
    people.push(person);
    expect(person.user).toMatchObject({ username: 'ud', ministry: 'UD', role: 'editor' });
    await person.page.goto('/');
    await person.page.locator('h1').first().waitFor();
    expect(await person.page.title()).toContain('Samskriv');
    // The page's own requests carry the session the API request got (one cookie jar).
    await waitForSignedIn(person.page, 'ud');
    expect(await person.page.evaluate(() => localStorage.getItem('samskriv.color'))).toBe('#0062ba');
    await screenshot(person.page, 'harness - overview');
  });

  it('the proxy forwards, and cut() drops open connections and refuses new ones until restore()', async () => {
    const health = async (): Promise<number> => (await fetch(`${proxy.url}/api/health`)).status;
    expect(await health()).toBe(200);

    // The sync path wants a session: the coordinator's cookie.
    const headers = { cookie: server.cookie };
    const socket = new WS(`${proxy.url.replace('http', 'ws')}/sync/statusrapport-2012-02.1`, { headers });
    await new Promise<void>((resolve, reject) => socket.once('open', () => resolve()).once('error', reject));
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    socket.on('error', () => undefined);
    expect(proxy.openConnections).toBeGreaterThanOrEqual(1);

    proxy.cut();
    await closed;
    expect(proxy.openConnections).toBe(0);
    await expect(health()).rejects.toThrow();
    const refused = new WS(`${proxy.url.replace('http', 'ws')}/sync/statusrapport-2012-02.1`, { headers });
    const outcome = await new Promise<string>((resolve) => {
      refused.once('open', () => resolve('open'));
      refused.once('error', () => resolve('error'));
    });
    expect(outcome, 'a new websocket while cut').toBe('error');

    proxy.restore();
    expect(await health()).toBe(200);
  });
});
