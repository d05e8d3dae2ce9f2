import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ThreadSchema } from '../../shared/comments.js';
import { ROUND_ID, formatViolations, measurePath, openMeasure, overviewPath, runAxe, screenshot, waitForSignedIn, type Person } from '../helpers/browser.js';
import { browserSuite } from '../helpers/browserSuite.js';
import { addPeople, notificationsOf } from '../helpers/notifications.js';
import { api, signIn } from '../helpers/session.js';
import { waitFor } from '../helpers/waitFor.js';

/** Measure 1 is UD's, JD's and BLD's. */
const MEASURE = 1;

/** The header link's accessible name ("Varsler, 1 ulest"), as a screen reader hears it. */
const unreadShown = async (page: Page): Promise<string | null> => {
  const snapshot = await page.getByTestId('notifications-link').ariaSnapshot();
  return /link "([^"]*)"/.exec(snapshot)?.[1] ?? snapshot;
};

/** Waits until the header link's name is `expected`; the error says what it was. */
async function waitForLinkName(page: Page, expected: string | RegExp, what: string): Promise<void> {
  let seen: string | null = null;
  await waitFor(
    async () => {
      seen = await unreadShown(page);
      return typeof expected === 'string' ? seen === expected : expected.test(seen ?? '');
    },
    { what, timeoutMs: 15_000 },
  ).catch((error: Error) => {
    throw new Error(`${error.message} (it is ${JSON.stringify(seen)})`);
  });
}

/** JD opens a comment on the whole measure, with focus in its text box. */
async function startComment(jd: Person): Promise<void> {
  await openMeasure(jd, MEASURE);
  await jd.page.getByTestId('comment-measure').click();
  await waitFor(() => jd.page.evaluate(() => document.activeElement?.closest('[data-testid="new-thread-form"]') != null), {
    what: 'focus in the new comment’s text box',
  });
}

const box = (jd: Person) => jd.page.getByTestId('new-thread-form').getByRole('textbox');

/** The option the text box points at now (`aria-activedescendant`), by what it inserts. */
async function activeOption(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const id = document.activeElement?.getAttribute('aria-activedescendant');
    return id ? (document.getElementById(id)?.getAttribute('data-insert') ?? null) : null;
  });
}

async function threadCount(jdTarget: Awaited<ReturnType<typeof signIn>>): Promise<number> {
  const response = await api(jdTarget, `/api/rounds/${ROUND_ID}/measures/${MEASURE}/threads`);
  return z.array(ThreadSchema).parse(await response.json()).length;
}

async function expectNoViolations(page: Page, where: string): Promise<void> {
  const violations = await runAxe(page);
  expect(violations, `${where}: ${formatViolations(violations)}`).toEqual([]);
}

/** The accessible name of Meny (narrow screens). */
const menuName = async (page: Page): Promise<string> => {
  const snapshot = await page.getByTestId('menu-toggle').ariaSnapshot();
  return /button "([^"]*)"/.exec(snapshot)?.[1] ?? snapshot;
};

/** Nothing wider than the window (no sideways panning). */
const pansSideways = (page: Page): Promise<boolean> => page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);

describe('notifications and @ mentions in the browser', { timeout: 120_000 }, () => {
  const { server, proxy, person } = browserSuite({ proxy: true });

  it('JD mentions UD with the keyboard alone; UD’s count goes up live, the list links to the measure, marking read brings it down', async () => {
    const ud = await person('ud');
    await ud.page.setViewportSize({ width: 1366, height: 900 });
    await ud.page.goto(overviewPath());
    await waitForSignedIn(ud.page, 'ud');
    await waitForLinkName(ud.page, 'Varsler', 'UD’s header: Varsler, none unread');

    const jd = await person('jd');
    await startComment(jd);
    await jd.page.keyboard.type('Kan @');
    const list = jd.page.getByTestId('mention-list');
    await list.waitFor({ state: 'visible' });
    expect(await list.getAttribute('role')).toBe('listbox');
    expect(await box(jd).getAttribute('aria-controls')).toBe(await list.getAttribute('id'));
    expect(await box(jd).getAttribute('aria-autocomplete')).toBe('list');
    // A bare @ offers the round's ministries first, then people; the arrows move through them, round.
    const all = await list.getByRole('option').evaluateAll((options) => options.map((o) => o.getAttribute('data-insert')));
    expect(all.slice(0, 3)).toEqual(['UD', 'JD', 'BLD']);
    expect(all).toContain('koordinator');
    expect(await activeOption(jd.page), 'the first choice is active').toBe('UD');
    await jd.page.keyboard.press('ArrowDown');
    await waitFor(async () => (await activeOption(jd.page)) === 'JD', { what: 'ArrowDown to JD' });
    expect(await list.getByRole('option', { selected: true }).getAttribute('data-insert')).toBe('JD');
    await jd.page.keyboard.press('ArrowUp');
    await jd.page.keyboard.press('ArrowUp');
    await waitFor(async () => (await activeOption(jd.page)) === all[all.length - 1], { what: 'ArrowUp past the first to the last' });
    // Typing narrows the list: "u" leaves UD first.
    await jd.page.keyboard.type('u');
    await waitFor(async () => (await activeOption(jd.page)) === 'UD', { what: 'UD first for @u' });
    expect((await list.getByRole('option').allInnerTexts())[0]).toContain('@UD');
    await screenshot(jd.page, 'notifications - mention list');
    await expectNoViolations(jd.page, 'the comment form with the @ list open');
    await jd.page.keyboard.press('Enter');
    await waitFor(async () => (await box(jd).inputValue()) === 'Kan @UD ', { what: 'Enter puts "@UD " in the text' });
    expect(await list.count(), 'the list closes once a choice is taken').toBe(0);
    await jd.page.keyboard.type('svare på dette? @');
    await list.waitFor({ state: 'visible' });
    // Escape closes the list only: the form and the text stay.
    await jd.page.keyboard.press('Escape');
    await waitFor(async () => (await list.count()) === 0, { what: 'Escape closes the list' });
    expect(await box(jd).inputValue()).toBe('Kan @UD svare på dette? @');
    await jd.page.keyboard.press('Backspace');
    await screenshot(jd.page, 'notifications - mention typed');
    await jd.page.keyboard.press('Control+Enter');
    await waitFor(async () => (await jd.page.getByTestId('new-thread-form').count()) === 0, { what: 'the comment sent' });

    // UD's header, without a reload.
    await waitForLinkName(ud.page, 'Varsler, 1 ulest', 'UD’s header: Varsler, 1 ulest');
    expect(await ud.page.getByTestId('notifications-link').innerText()).toMatch(/1\s*$/);
    expect(await ud.page.getByTestId('notifications-link').getAttribute('title')).toBe('Varsler');
    await waitFor(async () => (await ud.page.getByTestId('notification-arrived').innerText()).includes('Nytt varsel: Redaktør JD (JD) nevnte UD'), {
      what: 'the arrival said politely',
    });

    await ud.page.getByTestId('notifications-link').click();
    await ud.page.getByTestId('notifications-page').waitFor({ state: 'visible' });
    const item = ud.page.getByTestId('notification').first();
    await item.waitFor({ state: 'visible' });
    const text = await item.innerText();
    expect(text).toContain('Ulest');
    expect(text).toContain('Redaktør JD (JD) nevnte UD');
    expect(text).toContain('Kan @UD svare på dette?');
    expect(text).toMatch(/\d{1,2}\. \w+\.? \d{4}(,| kl\.) \d{2}[:.]\d{2}/);
    const [notification] = (await notificationsOf(await signIn(server.url, 'ud'))).notifications;
    expect(notification?.kind).toBe('mention');
    const link = item.getByTestId('notification-link');
    expect(await link.getAttribute('href')).toBe(notification?.link);
    expect(notification?.link.startsWith(`${measurePath(MEASURE)}#kommentar-`)).toBe(true);
    expect(await link.innerText()).toMatch(/^Tiltak 1: /);
    await expectNoViolations(ud.page, 'notifications page, 1366×900');
    await screenshot(ud.page, 'notifications - list 1366');

    await item.getByRole('button', { name: /^Merk som lest/ }).click();
    await waitForLinkName(ud.page, 'Varsler', 'the count down to none');
    await waitFor(async () => (await item.innerText()).includes('Lest'), { what: 'the item says Lest' });
    expect(await ud.page.getByTestId('notifications-said').innerText()).toBe('Varselet er merket som lest.');
    expect(await ud.page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'focus on the item’s link').toBe('notification-link');
    expect((await notificationsOf(await signIn(server.url, 'ud'))).unread, 'read on the server').toBe(0);

    // The link opens the measure with the thread.
    await link.click();
    await waitFor(() => new URL(ud.page.url()).pathname === measurePath(MEASURE), { what: 'the measure page' });
    expect(new URL(ud.page.url()).hash).toMatch(/^#kommentar-/);
  });

  it('Merk alle som lest, the e-mail choice, and axe clean on a phone', async () => {
    const jdTarget = await signIn(server.url, 'jd');
    for (const body of ['@UD første', '@UD andre']) {
      const response = await api(jdTarget, `/api/rounds/${ROUND_ID}/measures/${MEASURE}/threads`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ body }),
      });
      expect(response.status).toBe(201);
    }
    const ud = await person('ud');
    await ud.page.setViewportSize({ width: 390, height: 844 });
    await ud.page.goto('/varsler');
    await ud.page.getByTestId('notifications-page').waitFor({ state: 'visible' });
    // Varsler is folded into the menu; Meny carries the count, seen and heard.
    const menu = ud.page.getByTestId('menu-toggle');
    await waitFor(async () => /^Meny ?, [2-9]\d* uleste varsler$/.test(await menuName(ud.page)), { what: 'Meny says two or more unread' });
    expect(await ud.page.getByTestId('menu-badge').isVisible(), 'the count on Meny').toBe(true);
    expect(await ud.page.locator('header.app-header').evaluate((h) => h.getBoundingClientRect().height), 'the header one row').toBeLessThanOrEqual(72);
    expect(await pansSideways(ud.page), 'no sideways panning at 390 px').toBe(false);
    await menu.click();
    await ud.page.getByTestId('notifications-link').waitFor({ state: 'visible' });
    await waitForLinkName(ud.page, /^Varsler, [2-9]\d* uleste$/, 'two or more unread, in the menu');
    expect(await ud.page.getByTestId('notifications-link').innerText()).toMatch(/Varsler\s+\d+/);
    await expectNoViolations(ud.page, 'notifications page, 390×844, menu open');
    await menu.click();
    await expectNoViolations(ud.page, 'notifications page, 390×844');
    await screenshot(ud.page, 'notifications - list 390');

    // Another tab of UD's follows the marking through the stream.
    const otherTab = await ud.context.newPage();
    await otherTab.goto(overviewPath());
    await waitForLinkName(otherTab, /^Varsler, [2-9]\d* uleste$/, 'the other tab: two or more unread');

    await ud.page.getByTestId('notifications-mark-all').click();
    await waitFor(async () => (await menuName(ud.page)) === 'Meny', { what: 'all read: Meny without a count' });
    await waitForLinkName(otherTab, 'Varsler', 'the other tab: none unread, without a reload');
    await otherTab.close();
    expect(await ud.page.getByTestId('menu-badge').count()).toBe(0);
    expect(await ud.page.getByTestId('notifications-unread').innerText()).toBe('Ingen uleste varsler.');

    const settings = ud.page.getByTestId('email-settings');
    const daily = settings.getByRole('radio', { name: 'Ett sammendrag om dagen' });
    await waitFor(async () => (await settings.getByRole('radio').count()) === 3, { what: 'the three e-mail choices' });
    expect(await settings.getByRole('radio', { name: 'Med en gang, ett om gangen' }).isChecked()).toBe(true);
    await daily.check();
    await waitFor(async () => (await settings.getByTestId('email-settings-said').innerText()) === 'Valget er lagret.', { what: 'the choice saved' });
    const saved = await api(await signIn(server.url, 'ud'), '/api/me/notification-settings');
    expect(((await saved.json()) as { email: string }).email).toBe('daily');
    await ud.page.reload();
    await waitFor(() => settings.getByRole('radio', { name: 'Ett sammendrag om dagen' }).isChecked(), { what: 'daily after a reload' });
    await expectNoViolations(ud.page, 'notifications page, 390×844, all read');
  });

  it('an unknown @UDD is flagged under the text and not sent; a person added to Samskriv is offered by name', async () => {
    await addPeople(server, [{ username: 'ola.nordmann', name: 'Ola Nordmann', ministry: 'JD' }]);
    const jdTarget = await signIn(server.url, 'jd');
    const before = await threadCount(jdTarget);
    const jd = await person('jd');
    await startComment(jd);
    await jd.page.keyboard.type('Hva mener @UDD om dette?');
    await jd.page.keyboard.press('Control+Enter');
    const form = jd.page.getByTestId('new-thread-form');
    await waitFor(async () => (await form.innerText()).includes('Ingen heter @UDD.'), { what: 'the unknown name flagged' });
    expect(await box(jd).getAttribute('aria-invalid')).toBe('true');
    // The message is the text box's description, so a screen reader hears it with the box.
    await waitFor(
      () =>
        box(jd).evaluate((element) =>
          (element.getAttribute('aria-describedby') ?? '')
            .split(/\s+/)
            .map((id) => document.getElementById(id)?.textContent ?? '')
            .join(' ')
            .includes('Ingen heter @UDD.'),
        ),
      { what: 'the message describes the text box' },
    );
    expect(await jd.page.evaluate(() => document.activeElement?.tagName), 'focus back in the text box').toBe('TEXTAREA');
    expect(await box(jd).inputValue(), 'the text stays').toBe('Hva mener @UDD om dette?');
    expect(await threadCount(jdTarget), 'nothing sent').toBe(before);
    expect(await jd.page.getByTestId('pending-thread').count(), 'nothing waiting to be sent').toBe(0);
    await screenshot(jd.page, 'notifications - unknown mention');

    // Fixing the name takes the message away; a person is offered by a word of their name.
    await box(jd).fill('Hva mener ');
    await waitFor(async () => !(await form.innerText()).includes('Ingen heter'), { what: 'the message gone once the name is gone' });
    await jd.page.keyboard.type('@nord');
    await waitFor(async () => (await activeOption(jd.page)) === 'ola.nordmann', { what: 'Ola Nordmann offered for @nord' });
    await jd.page.keyboard.press('Tab');
    await waitFor(async () => (await box(jd).inputValue()) === 'Hva mener @ola.nordmann ', { what: 'Tab takes the choice' });
  });

  it('a notification made while UD’s network was cut arrives once it is back, without a reload', async () => {
    const udTarget = await signIn(server.url, 'ud');
    const before = (await notificationsOf(udTarget)).unread;
    const ud = await person('ud', { baseUrl: proxy.url });
    await ud.page.goto(overviewPath());
    await waitForSignedIn(ud.page, 'ud');
    const named = (n: number): string => (n === 0 ? 'Varsler' : `Varsler, ${n} ${n === 1 ? 'ulest' : 'uleste'}`);
    await waitForLinkName(ud.page, named(before), 'UD’s count before');

    proxy.cut();
    const response = await api(await signIn(server.url, 'jd'), `/api/rounds/${ROUND_ID}/measures/${MEASURE}/threads`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ body: '@UD mens nettet var borte' }),
    });
    expect(response.status).toBe(201);
    expect((await notificationsOf(udTarget)).unread, 'made on the server').toBe(before + 1);
    proxy.restore();
    await waitForLinkName(ud.page, named(before + 1), 'UD’s count once the network is back');
  });
});
