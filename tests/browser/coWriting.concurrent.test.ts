import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MeasureDetailSchema } from '../../shared/measure.js';
import {
  ROUND_ID,
  connectionState,
  editorText,
  finishPeople,
  focusEditorEnd,
  hexToRgb,
  launchBrowser,
  measurePath,
  newPerson,
  occurrences,
  openMeasure,
  overviewPath,
  screenshot,
  waitForConnection,
  waitForEditorText,
  type Identity,
  type Person,
} from '../helpers/browser.js';
import { connectClient, synced, type TestClient } from '../helpers/clients.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { startTcpProxy, type TcpProxy } from '../helpers/tcpProxy.js';
import { waitFor } from '../helpers/waitFor.js';

const KARI: Identity = { name: 'Kari Nordmann', ministry: 'UD', color: '#0062ba' };
const PER: Identity = { name: 'Per Hansen', ministry: 'JD', color: '#a6195c' };

/** Two people writing at once, each in their own browser context, against the real server. */
describe('co-writing in two browsers', { timeout: 120_000 }, () => {
  let server: TestServer;
  let browser: Browser;
  const people: Person[] = [];
  const cleanups: (() => Promise<void> | void)[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
  });
  afterEach(async ({ task }) => {
    await finishPeople(people, task);
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function person(identity: Identity | undefined, label: string, baseUrl = server.url): Promise<Person> {
    const p = await newPerson(browser, baseUrl, identity, label);
    people.push(p);
    return p;
  }

  async function serverMeasure(number: number) {
    const response = await fetch(`${server.url}/api/rounds/${ROUND_ID}/measures/${number}`);
    expect(response.status).toBe(200);
    return MeasureDetailSchema.parse(await response.json());
  }

  it('a: text typed in one browser appears in the other, with the other’s caret and presence', async () => {
    const a = await person(KARI, 'A Kari');
    const b = await person(PER, 'B Per');
    await Promise.all([openMeasure(a, 14, { expectText: true }), openMeasure(b, 14, { expectText: true })]);
    const stored = (await serverMeasure(14)).narrative;
    expect(stored.length).toBeGreaterThan(0);
    const initial = await waitForEditorText(a.page, (text) => text.length > 0, { what: 'A: measure 14 loaded' });
    await waitForEditorText(b.page, (text) => text === initial, { what: 'B shows the same narrative as A' });

    await focusEditorEnd(a.page);
    await a.page.keyboard.type(' Kari skriver her.');
    await waitForEditorText(a.page, (text) => text.includes('Kari skriver her.'), { what: 'A: own typing in A' });
    await waitForEditorText(b.page, (text) => text.includes('Kari skriver her.'), { what: 'A’s typing in B’s editor' });

    await focusEditorEnd(b.page);
    await b.page.keyboard.type(' Per svarer her.');
    await waitForEditorText(a.page, (text) => text.includes('Per svarer her.'), { what: 'B’s typing in A’s editor' });

    await waitFor(async () => (await editorText(a.page)) === (await editorText(b.page)), { what: 'A and B converge' });
    const final = (await editorText(a.page)) ?? '';
    expect(occurrences(final, 'Kari skriver her.')).toBe(1);
    expect(occurrences(final, 'Per svarer her.')).toBe(1);

    await expectCaretOf(a.page, PER, 'A');
    await expectCaretOf(b.page, KARI, 'B');
    await expectPresence(a.page, [PER], 'A');
    await expectPresence(b.page, [KARI], 'B');

    await screenshot(a.page, 'coWriting a - Kari sees Per');
    await screenshot(b.page, 'coWriting a - Per sees Kari');
  });

  it('b: a status changed on the measure page updates the other person’s overview live', async () => {
    // Per (JD) owns measure 14, so the change is his to make; Kari watches the overview.
    const changer = await person(PER, 'B Per');
    const watcher = await person(KARI, 'A Kari');
    await openMeasure(changer, 14);
    await watcher.page.goto(overviewPath());
    const rows = watcher.page.locator('table[data-testid="measures-table"] tr[data-measure]');
    await waitFor(async () => (await rows.count()) === 35, { what: 'the overview lists 35 measures' });
    await waitForConnection(watcher.page, 'connected', { who: 'overview' });

    const cell = watcher.page.locator('table[data-testid="measures-table"] tr[data-measure="14"] [data-testid="status"]');
    const before = (await serverMeasure(14)).status;
    expect((await cell.innerText()).trim()).toBe(before);
    const next = before === 'Løpende' ? 'Under forberedelse' : 'Løpende';

    // A marker that a reload would wipe: the row must change without one.
    await watcher.page.evaluate(() => ((window as unknown as { __noReload?: boolean }).__noReload = true));

    const select = changer.page.getByTestId('status-select');
    await select.selectOption(next);
    await waitFor(async () => (await cell.innerText()).trim() === next, {
      what: `overview row 14 status "${next}" (was "${before}")`,
    });
    expect(await watcher.page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
    expect(await select.inputValue()).toBe(next);
    expect((await serverMeasure(14)).status).toBe(next);

    await screenshot(changer.page, 'coWriting b - status changed');
    await screenshot(watcher.page, 'coWriting b - overview updated');
  });

  it('c: offline edits survive an offline reload and converge after the network returns', async () => {
    const proxy: TcpProxy = await startTcpProxy(server.port);
    cleanups.push(() => proxy.close());
    const a = await person(KARI, 'A Kari');
    const b = await person(PER, 'B Per (proxied)', proxy.url);
    const ONLINE = 'Skrevet på nett.';
    const OFFLINE = 'Skrevet uten nett.';

    await Promise.all([openMeasure(a, 15), openMeasure(b, 15)]);
    const docName = (await serverMeasure(15)).docName;
    // B has had the app open long enough for its service worker to install.
    await waitFor(
      () =>
        b.page.evaluate(async () => {
          const registration = await navigator.serviceWorker?.getRegistration();
          return Boolean(registration?.active);
        }),
      { what: 'an active service worker for B’s origin (the offline reload needs it)', timeoutMs: 20_000 },
    );

    // The connection drops while the browser still believes it is online (navigator.onLine):
    // the indicator must not go on saying "connected".
    proxy.cut();
    let seen = '';
    await waitFor(
      async () => {
        seen = (await connectionState(b.page)).state ?? 'none';
        return seen === 'connecting' || seen === 'offline';
      },
      { what: 'B leaves "connected" once its websocket is cut (navigator.onLine still true)' },
    ).catch((error: Error) => {
      throw new Error(`${error.message}; data-state stayed "${seen}"`);
    });
    await b.context.setOffline(true);
    await waitForConnection(b.page, 'offline', { who: 'B after the cut' });

    await focusEditorEnd(b.page);
    await b.page.keyboard.press('Enter');
    await b.page.keyboard.type(OFFLINE);
    await focusEditorEnd(a.page);
    await a.page.keyboard.press('Enter');
    await a.page.keyboard.type(ONLINE);

    await waitForEditorText(b.page, (text) => text.includes(OFFLINE), { what: 'B: own offline typing' });
    await waitForConnection(b.page, 'offline', { unsynced: true, who: 'B holding unconfirmed edits' });
    await waitForEditorText(a.page, (text) => text.includes(ONLINE), { what: 'A: own typing' });
    await waitForConnection(a.page, 'connected', { unsynced: false, who: 'A' });
    await waitFor(async () => (await serverMeasure(15)).narrative.includes(ONLINE), { what: 'the server has A’s sentence' });
    // The cut is real: nothing of B's reached A or the server.
    expect(await editorText(a.page)).not.toContain(OFFLINE);
    expect((await serverMeasure(15)).narrative).not.toContain(OFFLINE);
    await screenshot(b.page, 'coWriting c - B offline before reload');

    try {
      await b.page.reload({ waitUntil: 'load' });
    } catch (error) {
      throw new Error(
        `B's reload while offline failed (the service worker must serve the app shell): ${(error as Error).message.split('\n')[0]}`,
      );
    }
    await waitForEditorText(b.page, (text) => text.includes(OFFLINE), {
      what: 'B’s offline sentence in B’s editor after reloading while offline (service worker + y-indexeddb)',
      timeoutMs: 20_000,
    });
    await waitForConnection(b.page, 'offline', { unsynced: true, who: 'B after the offline reload' });
    expect(await editorText(b.page)).not.toContain(ONLINE);
    expect(await editorText(a.page)).not.toContain(OFFLINE);
    await screenshot(b.page, 'coWriting c - B reloaded offline');

    proxy.restore();
    await b.context.setOffline(false);
    await waitForConnection(b.page, 'connected', { unsynced: false, who: 'B after the network returns', timeoutMs: 30_000 });

    const both = (text: string): boolean => occurrences(text, ONLINE) === 1 && occurrences(text, OFFLINE) === 1;
    await waitForEditorText(a.page, both, { what: 'A has each sentence exactly once', timeoutMs: 20_000 });
    await waitForEditorText(b.page, both, { what: 'B has each sentence exactly once', timeoutMs: 20_000 });
    await waitFor(async () => (await editorText(a.page)) === (await editorText(b.page)), { what: 'A and B converge' });

    // The server has both: a fresh stock y-websocket client reads them back.
    const reader: TestClient = connectClient(server.url, docName);
    cleanups.push(() => reader.destroy());
    await synced(reader);
    await waitFor(() => both(reader.text()), { what: `a fresh client of ${docName} sees both sentences once` });

    await screenshot(a.page, 'coWriting c - A converged');
    await screenshot(b.page, 'coWriting c - B converged');
  });

  it('d: the first-visit prompt asks who you are, and the others then see you', async () => {
    const a = await person(KARI, 'A Kari');
    const newcomer = await person(undefined, 'C newcomer');
    await openMeasure(a, 14);

    await newcomer.page.goto(measurePath(14));
    const form = newcomer.page.getByTestId('identity-form');
    await form.waitFor({ state: 'visible' });
    await screenshot(newcomer.page, 'coWriting d - identity prompt');
    await form.getByLabel('Navn', { exact: true }).fill('Ola Nordmann');
    await form.getByLabel('Departement', { exact: true }).selectOption('HOD');
    await form.getByRole('button', { name: 'Fortsett' }).click();
    await form.waitFor({ state: 'hidden' });

    // The prompt may or may not return to where the person was going; the person goes there.
    if (!newcomer.page.url().endsWith(measurePath(14))) await newcomer.page.goto(measurePath(14));
    await waitForConnection(newcomer.page, 'connected', { who: 'newcomer' });
    await expectPresence(a.page, [{ name: 'Ola Nordmann', ministry: 'HOD' }], 'A');

    // Asked once: a reload goes straight to the measure.
    await newcomer.page.reload();
    await waitFor(async () => (await editorText(newcomer.page)) !== undefined, { what: 'newcomer’s editor after reload' });
    expect(await newcomer.page.getByTestId('identity-form').count()).toBe(0);

    await screenshot(a.page, 'coWriting d - Kari sees Ola');
    await screenshot(newcomer.page, 'coWriting d - Ola on measure 14');
  });
});

/** The page shows exactly one remote caret, labelled with `other`'s name, in `other`'s colour. */
async function expectCaretOf(page: Page, other: Identity, who: string): Promise<void> {
  type Caret = { label: string; caretColor: string; labelColor: string };
  let carets: Caret[] = [];
  try {
    await waitFor(
      async () => {
        carets = await page.$$eval('[data-testid="narrative-editor"] .collaboration-carets__caret', (elements) =>
          elements.map((element) => {
            const label = element.querySelector('.collaboration-carets__label');
            return {
              label: label?.textContent?.trim() ?? '',
              caretColor: getComputedStyle(element).borderLeftColor,
              labelColor: label ? getComputedStyle(label).backgroundColor : '',
            };
          }),
        );
        return carets.length >= 1 && carets.some((caret) => caret.label.includes(other.name));
      },
      { what: `${who}: a caret labelled "${other.name}"` },
    );
  } catch (error) {
    throw new Error(`${(error as Error).message}; carets seen: ${JSON.stringify(carets)}`);
  }
  const caret = carets.find((c) => c.label.includes(other.name))!;
  expect(caret.caretColor, `${who}: caret border colour`).toBe(hexToRgb(other.color));
  expect(caret.labelColor, `${who}: caret label background`).toBe(hexToRgb(other.color));
}

/** The page's presence list names exactly `others` (name and ministry; colour when known). */
async function expectPresence(
  page: Page,
  others: { name: string; ministry: string; color?: string }[],
  who: string,
): Promise<void> {
  type Entry = { text: string; color: string };
  let entries: Entry[] = [];
  const matches = (entry: Entry, other: (typeof others)[number]): boolean =>
    entry.text.includes(other.name) &&
    new RegExp(`\\b${other.ministry}\\b`).test(entry.text) &&
    (other.color === undefined || entry.color.toLowerCase() === other.color.toLowerCase());
  try {
    await waitFor(
      async () => {
        entries = await page.$$eval('[data-testid="presence"] li[data-client-id]', (items) =>
          items.map((item) => ({ text: item.textContent ?? '', color: item.getAttribute('data-color') ?? '' })),
        );
        return entries.length === others.length && others.every((other) => entries.some((entry) => matches(entry, other)));
      },
      { what: `${who}: presence list naming ${others.map((o) => `${o.name} (${o.ministry})`).join(', ')}` },
    );
  } catch (error) {
    throw new Error(`${(error as Error).message}; presence entries seen: ${JSON.stringify(entries)}`);
  }
}
