import { rmSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it, onTestFinished } from 'vitest';
import { MeasureDetailSchema, type MeasureDetail } from '../../shared/measure.js';
import type { Status } from '../../shared/status.js';
import { ROUND_ID, connectionState, editorText, focusEditorEnd, openMeasure, screenshot, waitForConnection, waitForEditorText } from '../helpers/browser.js';
import { browserSuite } from '../helpers/browserSuite.js';
import { spawnServer, type ServerProcess } from '../helpers/process.js';
import { tempDataDir } from '../helpers/server.js';
import { api, signIn } from '../helpers/session.js';
import { waitFor } from '../helpers/waitFor.js';

/** Measure 14 is JD's alone. */
const MEASURE = 14;

/** The save state beside the text: its kind and words, and whether it is inside the window. */
async function saveState(page: Page): Promise<{ kind: string | null; text: string; onScreen: boolean }> {
  return page.evaluate(() => {
    const element = document.querySelector('[data-testid="save-state"]');
    const box = element?.getBoundingClientRect();
    return {
      kind: element?.getAttribute('data-kind') ?? null,
      text: element?.querySelector('[data-testid="save-state-text"]')?.textContent ?? '',
      onScreen: box !== undefined && box.top >= 0 && box.bottom <= window.innerHeight && box.height > 0,
    };
  });
}

/** The server in a process of its own, which the test can stop (SIGSTOP) as a hung server would be. */
async function ownServer(): Promise<ServerProcess & { stopped: boolean }> {
  const dataDir = tempDataDir();
  const spawned = Object.assign(await spawnServer(dataDir), { stopped: false });
  onTestFinished(async () => {
    if (spawned.stopped) spawned.child.kill('SIGCONT');
    spawned.child.kill('SIGTERM');
    await spawned.exited;
    rmSync(dataDir, { recursive: true, force: true });
  });
  return spawned;
}

describe('the save state is always visible, and true', { timeout: 120_000 }, () => {
  const { person } = browserSuite();

  it('beside the text, in the toolbar that stays on screen: saving, saved, and during a server freeze not connected and not saved, until it answers again', async () => {
    const server = await ownServer();
    const coordinator = await signIn(server.url, 'koordinator');
    const serverMeasure = async (): Promise<MeasureDetail> =>
      MeasureDetailSchema.parse(await (await api(coordinator, `/api/rounds/${ROUND_ID}/measures/${MEASURE}`)).json());
    const jd = await person('jd', { label: 'JD', baseUrl: server.url });
    await openMeasure(jd, MEASURE, { expectText: true });
    const page = jd.page;
    await waitFor(async () => (await saveState(page)).text === 'Alt er lagret', { what: 'JD: "Alt er lagret"' });

    // Scrolled far down the text, the state is still on screen.
    await focusEditorEnd(page);
    for (let i = 0; i < 25; i++) await page.keyboard.press('Enter');
    await page.keyboard.type('Langt nede.');
    await page.mouse.wheel(0, 5_000);
    await waitFor(async () => (await page.evaluate(() => window.scrollY)) > 300, { what: 'the page scrolled down' });
    await waitFor(async () => (await saveState(page)).text === 'Alt er lagret', { what: 'JD: saved after typing' });
    expect((await saveState(page)).onScreen, 'the save state stays on screen while the header has scrolled away').toBe(true);
    expect(await page.evaluate(() => document.querySelector('.app-header')!.getBoundingClientRect().bottom <= 0), 'the header scrolled away').toBe(true);
    await screenshot(page, 'save state - scrolled');

    // The server stops answering: the socket stays open, nothing comes back.
    server.child.kill('SIGSTOP');
    server.stopped = true;
    const before: Status = (await page.getByTestId('status-select').inputValue()) as Status;
    const next: Status = before === 'Gjennomført' ? 'Løpende' : 'Gjennomført';
    await page.getByTestId('status-select').selectOption(next);
    // Saving, said at once: the list does not grey out.
    await waitFor(async () => (await page.getByTestId('status-message').innerText()).trim() === 'Lagrer …', { what: 'the status says "Lagrer …"' });
    expect(await page.getByTestId('status-select').isDisabled()).toBe(false);
    await focusEditorEnd(page);
    await page.keyboard.type(' Skrevet mens serveren sto.');
    let seen = { state: '', text: '' };
    await waitFor(
      async () => {
        seen = { state: (await connectionState(page)).state ?? '', text: (await saveState(page)).text };
        return seen.state !== 'connected' && seen.text === 'Ikke lagret – frakoblet (2 endringer venter)';
      },
      { what: 'not connected and not saved while the server does not answer', timeoutMs: 15_000 },
    ).catch((error: Error) => {
      throw new Error(`${error.message}; seen ${JSON.stringify(seen)}`);
    });
    expect((await saveState(page)).onScreen).toBe(true);
    await screenshot(page, 'save state - server frozen');

    // It answers again: everything is stored, and the page says so.
    server.child.kill('SIGCONT');
    server.stopped = false;
    await waitForConnection(page, 'connected', { unsynced: false, who: 'JD after the server resumed', timeoutMs: 30_000 });
    await waitFor(async () => (await saveState(page)).text === 'Alt er lagret', { what: 'JD: "Alt er lagret" again', timeoutMs: 20_000 });
    const stored = await serverMeasure();
    expect(stored.status).toBe(next);
    expect(stored.narrative).toContain('Skrevet mens serveren sto.');
    await waitForEditorText(page, (text) => text.includes('Skrevet mens serveren sto.'), { what: 'the text stays' });
    expect(await editorText(page)).toContain('Langt nede.');
  });
});
