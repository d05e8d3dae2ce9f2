import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { MeasureDetailSchema } from '../../shared/measure.js';
import { focusEditorEnd, measurePath, openMeasure, screenshot, waitForConnection, waitForEditorText } from '../helpers/browser.js';
import { browserSuite } from '../helpers/browserSuite.js';
import { storeForeignChildren } from '../helpers/foreignChildren.js';
import { poison } from '../helpers/poison.js';
import { startTestServer, tempDataDir } from '../helpers/server.js';
import { api } from '../helpers/session.js';
import { waitFor } from '../helpers/waitFor.js';

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

/** Page errors, and errors logged to the console (y-protocols logs what a Yjs observer threw). */
function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.stack ?? error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && !/Failed to load resource/.test(message.text())) errors.push(message.text());
  });
  return errors;
}

describe('a measure whose narrative holds children that are neither elements nor texts', { timeout: 90_000 }, () => {
  /** JD's measure, given every kind of foreign child (tests/helpers/foreignChildren.ts) straight in the store. */
  const MEASURE = 5;
  const dataDir = tempDataDir();
  let stored = '';
  beforeAll(async () => {
    const first = await startTestServer({ dataDir });
    await first.close();
    stored = await storeForeignChildren(dataDir, MEASURE);
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const { person, server } = browserSuite({ server: { dataDir } });

  it('opens in the editor with its text, takes typing, and throws nothing', async () => {
    const jd = await person('jd');
    const errors = collectErrors(jd.page);
    await openMeasure(jd, MEASURE, { expectText: true });
    const firstLine = stored.split('\n')[0]!;
    await waitForEditorText(jd.page, (text) => text.includes(firstLine), { what: 'the stored text in the editor' });
    await focusEditorEnd(jd.page);
    await jd.page.keyboard.type('Skrevet i nettleseren.');
    await waitForEditorText(jd.page, (text) => text.endsWith('Skrevet i nettleseren.'), { what: 'the typing' });
    await waitForConnection(jd.page, 'connected', { unsynced: false, who: 'jd' });
    await waitFor(
      async () => {
        const detail = MeasureDetailSchema.parse(await (await api(server, `/api/rounds/statusrapport-2012-02/measures/${MEASURE}`)).json());
        return detail.narrative.startsWith(firstLine) && detail.narrative.endsWith('Skrevet i nettleseren.');
      },
      { what: 'the typing stored, the stored text kept' },
    );
    await screenshot(jd.page, 'measure with foreign children');
    expect(errors, 'no page error, nothing thrown by the binding').toEqual([]);
  });

  it('opens read-only for someone who may not write it, without errors', async () => {
    const ud = await person('ud');
    const errors = collectErrors(ud.page);
    await ud.page.goto(measurePath(MEASURE));
    const firstLine = stored.split('\n')[0]!;
    await waitForEditorText(ud.page, (text) => text.includes(firstLine), { what: 'the stored text, read-only' });
    expect(await ud.page.getByTestId('narrative-editor').getAttribute('data-editable')).toBe('false');
    expect(errors, 'no page error, nothing thrown by the binding').toEqual([]);
  });
});
