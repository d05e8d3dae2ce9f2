import type { Page } from 'playwright-core';
import { describe, expect, it, onTestFinished } from 'vitest';
import { MeasureDetailSchema } from '../../shared/measure.js';
import {
  ROUND_ID,
  connectionState,
  editorText,
  focusEditorEnd,
  hexToRgb,
  occurrences,
  openMeasure,
  overviewPath,
  screenshot,
  waitForConnection,
  waitForEditorText,
  type Person,
} from '../helpers/browser.js';
import { browserSuite } from '../helpers/browserSuite.js';
import { connectClient, synced, type TestClient } from '../helpers/clients.js';
import { api } from '../helpers/session.js';
import { waitFor } from '../helpers/waitFor.js';

const BLUE = '#0062ba';
const MAGENTA = '#a6195c';

/** Two people writing at once, each in their own browser context, against the real server. */
describe('co-writing in two browsers', { timeout: 120_000 }, () => {
  const { server, proxy, person } = browserSuite({ proxy: true });

  async function serverMeasure(number: number) {
    const response = await api(server, `/api/rounds/${ROUND_ID}/measures/${number}`);
    expect(response.status).toBe(200);
    return MeasureDetailSchema.parse(await response.json());
  }

  it('a: text typed in one browser appears in the other, with the other’s caret and presence', async () => {
    // Measure 14 is JD's; the coordinator may write every measure.
    const a = await person('jd', { label: 'A jd', color: BLUE });
    const b = await person('koordinator', { label: 'B koordinator', color: MAGENTA });
    await Promise.all([openMeasure(a, 14, { expectText: true }), openMeasure(b, 14, { expectText: true })]);
    const stored = (await serverMeasure(14)).narrative;
    expect(stored.length).toBeGreaterThan(0);
    const initial = await waitForEditorText(a.page, (text) => text.length > 0, { what: 'A: measure 14 loaded' });
    await waitForEditorText(b.page, (text) => text === initial, { what: 'B shows the same narrative as A' });

    await focusEditorEnd(a.page);
    await a.page.keyboard.type(' JD skriver her.');
    await waitForEditorText(a.page, (text) => text.includes('JD skriver her.'), { what: 'A: own typing in A' });
    await waitForEditorText(b.page, (text) => text.includes('JD skriver her.'), { what: 'A’s typing in B’s editor' });

    await focusEditorEnd(b.page);
    await b.page.keyboard.type(' Koordinatoren svarer her.');
    await waitForEditorText(a.page, (text) => text.includes('Koordinatoren svarer her.'), { what: 'B’s typing in A’s editor' });

    await waitFor(async () => (await editorText(a.page)) === (await editorText(b.page)), { what: 'A and B converge' });
    const final = (await editorText(a.page)) ?? '';
    expect(occurrences(final, 'JD skriver her.')).toBe(1);
    expect(occurrences(final, 'Koordinatoren svarer her.')).toBe(1);

    // Names and ministries come from the accounts (the server sets them); colours from each browser.
    await expectCaretOf(a.page, b, 'A');
    await expectCaretOf(b.page, a, 'B');
    await expectPresence(a.page, [b], 'A');
    await expectPresence(b.page, [a], 'B');

    await screenshot(a.page, 'coWriting a - JD sees the coordinator');
    await screenshot(b.page, 'coWriting a - the coordinator sees JD');
  });

  it('b: a status changed on the measure page updates the other person’s overview live', async () => {
    // JD owns measure 14, so the change is JD's to make; UD watches the overview.
    const changer = await person('jd', { label: 'B jd', color: MAGENTA });
    const watcher = await person('ud', { label: 'A ud', color: BLUE });
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
    // Measure 15 is JD's: both the coordinator and JD may write it.
    const a = await person('koordinator', { label: 'A koordinator', color: BLUE });
    const b = await person('jd', { label: 'B jd (proxied)', color: MAGENTA, baseUrl: proxy.url });
    const ONLINE = 'Skrevet på nett.';
    const OFFLINE = 'Skrevet uten nett.';

    await Promise.all([openMeasure(a, 15), openMeasure(b, 15)]);
    const docName = (await serverMeasure(15)).docName;
    // B has had the app open long enough for its service worker to install and keep who B is
    // and the measure (a reload without network cannot ask the server).
    await waitFor(
      () =>
        b.page.evaluate(async () => {
          const registration = await navigator.serviceWorker?.getRegistration();
          return Boolean(registration?.active);
        }),
      { what: 'an active service worker for B’s origin (the offline reload needs it)', timeoutMs: 20_000 },
    );
    const kept = ['/api/session', `/api/rounds/${ROUND_ID}/measures/15`];
    await waitFor(
      () =>
        b.page.evaluate(async (paths) => {
          for (const path of paths) if (!(await caches.match(path))) return false;
          return true;
        }, kept),
      { what: `B’s service worker keeps ${kept.join(' and ')}`, timeoutMs: 20_000 },
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
        { cause: error },
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
    const reader: TestClient = connectClient(server, docName);
    onTestFinished(() => reader.destroy());
    await synced(reader);
    await waitFor(() => both(reader.text()), { what: `a fresh client of ${docName} sees both sentences once` });

    await screenshot(a.page, 'coWriting c - A converged');
    await screenshot(b.page, 'coWriting c - B converged');
  });
});

/** The name, ministry and colour the others should see for a person. */
function seenAs(person: Person): { name: string; ministry: string | null; color: string } {
  if (!person.user || !person.color) throw new Error(`${person.label} is not signed in with a chosen colour`);
  return { name: person.user.name, ministry: person.user.ministry, color: person.color };
}

/** The page shows a remote caret labelled with `person`'s name, in `person`'s colour. */
async function expectCaretOf(page: Page, person: Person, who: string): Promise<void> {
  const other = seenAs(person);
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
    throw new Error(`${(error as Error).message}; carets seen: ${JSON.stringify(carets)}`, { cause: error });
  }
  const caret = carets.find((c) => c.label.includes(other.name))!;
  expect(caret.caretColor, `${who}: caret border colour`).toBe(hexToRgb(other.color));
  expect(caret.labelColor, `${who}: caret label background`).toBe(hexToRgb(other.color));
}

/** The page's presence list names exactly `people` (name, ministry when they have one, colour). */
async function expectPresence(page: Page, people: Person[], who: string): Promise<void> {
  const others = people.map(seenAs);
  type Entry = { text: string; color: string };
  let entries: Entry[] = [];
  const matches = (entry: Entry, other: (typeof others)[number]): boolean =>
    entry.text.includes(other.name) &&
    (other.ministry === null || new RegExp(`\\(${other.ministry}\\)`).test(entry.text)) &&
    entry.color.toLowerCase() === other.color.toLowerCase();
  try {
    await waitFor(
      async () => {
        entries = await page.$$eval('[data-testid="presence"] li[data-client-id]', (items) =>
          items.map((item) => ({ text: item.textContent ?? '', color: item.getAttribute('data-color') ?? '' })),
        );
        return entries.length === others.length && others.every((other) => entries.some((entry) => matches(entry, other)));
      },
      { what: `${who}: presence list naming ${others.map((o) => `${o.name} (${o.ministry ?? 'no ministry'})`).join(', ')}` },
    );
  } catch (error) {
    throw new Error(`${(error as Error).message}; presence entries seen: ${JSON.stringify(entries)}`, { cause: error });
  }
}
