import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { connectionState, openMeasure, overviewPath } from '../helpers/browser.js';
import { browserSuite } from '../helpers/browserSuite.js';
import { waitFor } from '../helpers/waitFor.js';

const HINT = /Du kan skrive videre\. Endringene lagres i nettleseren/;

/** What the header says while offline: its words and its tooltip. */
async function header(page: Page): Promise<{ text: string; title: string | null }> {
  const state = page.getByTestId('connection-state');
  return { text: await state.innerText(), title: await state.getAttribute('title') };
}

/** "Du kan skrive videre …" is true on the measure page only: the other pages keep nothing written offline. */
describe("the header's offline hint", { timeout: 90_000 }, () => {
  const { person } = browserSuite();

  it('is said on the measure page, and not on the overview, before or after it', async () => {
    const jd = await person('jd');
    await jd.page.goto(overviewPath());
    await jd.page.locator('#measure-link-2').waitFor();
    await jd.context.setOffline(true);
    await waitFor(async () => (await connectionState(jd.page)).state === 'offline', { what: 'the overview offline' });
    const overview = await header(jd.page);
    expect(overview.text).toMatch(/Frakoblet/);
    expect(overview.text, 'no hint on the overview').not.toMatch(HINT);
    expect(overview.title, 'nor as its tooltip').toBeNull();

    await jd.context.setOffline(false);
    await openMeasure(jd, 2);
    await jd.context.setOffline(true);
    await waitFor(async () => HINT.test((await header(jd.page)).text), { what: 'the hint on the measure page' });
    expect((await header(jd.page)).title).toMatch(HINT);

    // Back to the overview in the app, still offline: the hint goes with the page.
    await jd.page.getByRole('link', { name: 'Til oversikten' }).first().click();
    await waitFor(() => new URL(jd.page.url()).pathname === overviewPath(), { what: 'the overview again' });
    await waitFor(async () => !HINT.test((await header(jd.page)).text), { what: 'the hint gone from the overview' });
    expect((await connectionState(jd.page)).state).toBe('offline');
    expect((await header(jd.page)).title).toBeNull();
  });
});
