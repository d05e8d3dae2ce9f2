import { describe, expect, it } from 'vitest';
import { WebSocket as WS } from 'ws';
import { screenshot, waitForSignedIn } from '../helpers/browser.js';
import { browserSuite } from '../helpers/browserSuite.js';

/** The harness itself: Chromium serves the built client, and the TCP proxy really cuts. */
describe('browser harness', { timeout: 60_000 }, () => {
  const { server, proxy, person } = browserSuite({ proxy: true });

  it('opens the built client in Chromium, signed in through the API, with the colour given', async () => {
    const ud = await person('ud', { color: '#0062ba' });
    expect(ud.user).toMatchObject({ username: 'ud', ministry: 'UD', role: 'editor' });
    await ud.page.goto('/');
    await ud.page.locator('h1').first().waitFor();
    expect(await ud.page.title()).toContain('Samskriv');
    // The page's own requests carry the session the API request got (one cookie jar).
    await waitForSignedIn(ud.page, 'ud');
    expect(await ud.page.evaluate(() => localStorage.getItem('samskriv.color'))).toBe('#0062ba');
    await screenshot(ud.page, 'harness - overview');
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
