import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measurePath, screenshot } from '../helpers/browser.js';
import { browserSuite } from '../helpers/browserSuite.js';
import { poison } from '../helpers/poison.js';
import { startTestServer, tempDataDir } from '../helpers/server.js';

/** JD's measure whose narrative was stored, before the limits, nested thousands of levels deep. */
const POISONED = 5;

describe('a measure whose narrative the editor cannot show', { timeout: 90_000 }, () => {
  // Poisoned before the suite's server starts on it (hooks run in the order they are registered).
  const dataDir = tempDataDir();
  beforeAll(async () => {
    const first = await startTestServer({ dataDir });
    await first.close();
    await poison(dataDir, POISONED);
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const { person } = browserSuite({ server: { dataDir } });

  it('says so in Norwegian where the editor would be, throws nothing, and the rest of the page works', async () => {
    const jd = await person('jd');
    const errors: string[] = [];
    jd.page.on('pageerror', (error) => errors.push(error.stack ?? error.message));
    // y-tiptap's binding catches its own RangeError ("Caught error while handling a Yjs update") and logs it.
    jd.page.on('console', (message) => {
      if (message.type() === 'error' && /RangeError|call stack/.test(message.text())) errors.push(message.text());
    });
    const sockets: string[] = [];
    jd.page.on('websocket', (socket) => sockets.push(new URL(socket.url()).pathname));
    await jd.page.goto(measurePath(POISONED));

    const notice = jd.page.getByTestId('narrative-unshowable');
    await notice.waitFor({ timeout: 20_000 });
    expect(await notice.getAttribute('data-problem')).toBe('tooDeep');
    expect(await notice.innerText()).toMatch(/Teksten kan ikke vises her[\s\S]*lagret før Samskriv fikk grenser[\s\S]*Ta kontakt med koordinatoren\./);
    // The rest of the page: the heading, the status, the readiness, the comments and the history.
    expect(await jd.page.locator('h1').innerText()).toMatch(/^5 /);
    await jd.page.getByTestId('status-select').waitFor();
    await jd.page.getByText('Vår del er klar').waitFor();
    await jd.page.getByRole('heading', { name: 'Kommentarer' }).waitFor();
    await jd.page.getByRole('heading', { name: 'Historikk' }).waitFor();
    // The status select follows the server: it is enabled once the measure is loaded.
    expect(await jd.page.getByTestId('status-select').isEnabled()).toBe(true);

    expect(await jd.page.locator('.ProseMirror').count(), 'no editor').toBe(0);
    expect(await jd.page.getByText('Kunne ikke hente data fra serveren.').count()).toBe(0);
    expect(sockets.filter((path) => path.startsWith('/sync')), 'no sync of a narrative that cannot be shown').toEqual([]);
    await screenshot(jd.page, 'poisoned measure');
    expect(errors, 'no page error, no RangeError').toEqual([]);
  });

  it('tells the coordinator the same, without sending them to themselves', async () => {
    const coordinator = await person('koordinator');
    await coordinator.page.goto(measurePath(POISONED));
    const notice = coordinator.page.getByTestId('narrative-unshowable');
    await notice.waitFor({ timeout: 20_000 });
    expect(await notice.innerText()).toMatch(/kan ikke vises eller redigeres/);
    expect(await notice.innerText()).not.toMatch(/koordinatoren/);
  });
});
