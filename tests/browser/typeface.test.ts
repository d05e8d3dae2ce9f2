import type { Response } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { overviewPath, screenshot, waitForSignedIn, type Person } from '../helpers/browser.js';
import { browserSuite } from '../helpers/browserSuite.js';
import { waitFor } from '../helpers/waitFor.js';

/** What the page says about its typeface: the body's font family and the faces loaded. */
async function typeface(person: Person): Promise<{ family: string; loaded: string[]; norwegian: boolean }> {
  return person.page.evaluate(async () => {
    await document.fonts.ready;
    return {
      family: getComputedStyle(document.body).fontFamily,
      loaded: [...document.fonts].filter((face) => face.status === 'loaded').map((face) => `${face.family} ${face.style}`),
      // True only when every face these letters need (by unicode-range) has loaded.
      norwegian: document.fonts.check('16px "Inter Variable"', 'Tiltaksoversikt æøå ÆØÅ – «»'),
    };
  });
}

const isInterFile = (response: Response): boolean => /\/assets\/inter-latin-wght-normal-[\w-]+\.woff2$/.test(new URL(response.url()).pathname);

/** Designsystemet is drawn for Inter: the app bundles it, serves it under its policy and keeps it offline. */
describe('the app’s typeface', { timeout: 90_000 }, () => {
  const { server, person } = browserSuite();

  it('body text is set in Inter, loaded from the app’s own origin under its policy, and offline after a reload', async () => {
    const p = await person('jd', { label: 'jd (typeface)' });
    const fonts: Response[] = [];
    p.page.on('response', (response) => {
      if (isInterFile(response)) fonts.push(response);
    });
    const refused: string[] = [];
    p.page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) refused.push(message.text());
    });

    const landing = await p.page.goto(overviewPath());
    expect(landing?.headers()['content-security-policy']).toMatch(/font-src 'self'(;|$)/);
    await waitForSignedIn(p.page, 'jd');
    await p.page.locator('table[data-testid="measures-table"] tr[data-measure]').first().waitFor();

    const online = await typeface(p);
    expect(online.family.startsWith('"Inter Variable"'), `body font-family: ${online.family}`).toBe(true);
    expect(online.loaded).toContain('Inter Variable normal');
    expect(online.norwegian, 'Inter covers æøå, dashes and quotes, loaded').toBe(true);
    await waitFor(() => fonts.length > 0, { what: 'the Latin Inter file requested' });
    const file = fonts[0]!;
    expect(file.status(), file.url()).toBe(200);
    expect(new URL(file.url()).origin).toBe(new URL(server.url).origin);
    expect(file.headers()['content-type']).toBe('font/woff2');
    // Headings too, not just paragraphs.
    expect(await p.page.locator('h1').evaluate((h1) => getComputedStyle(h1).fontFamily)).toBe(online.family);
    await screenshot(p.page, 'typeface - overview in Inter');

    // The service worker precaches the font files with the app shell.
    await waitFor(
      () =>
        p.page.evaluate(async () => {
          if (!(await navigator.serviceWorker?.getRegistration())?.active) return false;
          for (const name of await caches.keys()) {
            const urls = (await (await caches.open(name)).keys()).map((request) => request.url);
            if (urls.some((url) => /inter-latin-wght-normal-[\w-]+\.woff2/.test(url))) return true;
          }
          return false;
        }),
      { what: 'the Inter file in the service worker’s precache', timeoutMs: 30_000 },
    );

    // Offline, a reload still sets the page in Inter, served by the service worker.
    fonts.length = 0;
    await p.context.setOffline(true);
    await p.page.reload({ waitUntil: 'load' });
    await waitForSignedIn(p.page, 'jd');
    const offline = await typeface(p);
    expect(offline.family).toBe(online.family);
    expect(offline.loaded).toContain('Inter Variable normal');
    expect(offline.norwegian).toBe(true);
    await waitFor(() => fonts.length > 0, { what: 'the Inter file requested after the offline reload' });
    expect(fonts.every((response) => response.fromServiceWorker() && response.status() === 200)).toBe(true);
    await p.context.setOffline(false);
    expect(refused, 'Content-Security-Policy messages').toEqual([]);
  });
});
