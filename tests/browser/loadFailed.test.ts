import { describe, expect, it } from 'vitest';
import { measurePath, overviewPath, screenshot } from '../helpers/browser.js';
import { browserSuite } from '../helpers/browserSuite.js';

/** The built file of a chunk, by the name Vite gives it: `/assets/<name>-<hash>.js`. */
const chunk = (name: string): RegExp => new RegExp(`/assets/${name}-[\\w-]+\\.js$`);

/**
 * Code that cannot be loaded (offline before the service worker had it, or a new version deployed
 * and the old files gone) costs only the page or the part it belongs to: it says so in Norwegian
 * with a reload, in that place, and the rest of the app stays. Without a service worker here, so
 * that the test decides what the network answers.
 */
describe('a page or a part whose code cannot be loaded', { timeout: 60_000 }, () => {
  const { person } = browserSuite();

  it('a page: a word and a reload in its place, the header stays; the reload brings the page', async () => {
    const { page } = await person('jd', { serviceWorkers: 'block' });
    let failing = true;
    await page.route(chunk('MeasurePage'), (route) => (failing ? route.abort('internetdisconnected') : route.continue()));
    await page.goto(overviewPath());
    await page.locator('#measure-link-5').click();

    const alert = page.getByRole('alert').filter({ hasText: 'Kunne ikke laste siden' });
    await alert.waitFor();
    expect(await page.locator('header').getByRole('link').count(), 'the header and its links').toBeGreaterThan(0);
    await screenshot(page, 'load failed - a page');

    failing = false;
    await page.getByRole('button', { name: 'Last inn på nytt' }).click();
    await page.locator('.ProseMirror').first().waitFor();
    expect(await alert.count()).toBe(0);
  });

  it('a part (the history panel): a word and a reload in its place, the measure page stays', async () => {
    const { page } = await person('jd', { serviceWorkers: 'block' });
    await page.route(chunk('HistoryPanel'), (route) => route.abort('internetdisconnected'));
    await page.goto(measurePath(5));
    await page.locator('.ProseMirror').first().waitFor();

    await page.getByTestId('history-toggle').click();
    const alert = page.getByTestId('history').getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Kunne ikke laste denne delen av siden');
    expect(await page.getByTestId('history').getByRole('button', { name: 'Last inn på nytt' }).count()).toBe(1);
    // The rest of the page is there, and still works.
    expect(await page.locator('.ProseMirror').count()).toBeGreaterThan(0);
    await page.getByTestId('history-toggle').click();
    expect(await page.getByTestId('history-toggle').getAttribute('aria-expanded')).toBe('false');
    await screenshot(page, 'load failed - a part');
  });
});
