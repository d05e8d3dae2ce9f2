import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  commentOnSelection,
  editorText,
  formatViolations,
  openMeasure,
  overviewPath,
  runAxe,
  screenshot,
  selectEditorText,
  threadIds,
  waitForConnection,
  waitForSignInPage,
  type Person,
} from '../helpers/browser.js';
import { browserSuite } from '../helpers/browserSuite.js';
import { waitFor } from '../helpers/waitFor.js';

const TOOLBAR_BUTTONS = ['Fet', 'Kursiv', 'Overskrift 2', 'Overskrift 3', 'Punktliste', 'Nummerert liste', 'Lenke', 'Sett inn tabell', 'Angre', 'Gjør om'];
/** Toolbar buttons with no keyboard shortcut (Word and Google Docs have none for inserting a table either). */
const WITHOUT_SHORTCUT = new Set(['Sett inn tabell']);

describe('accessibility (WCAG 2.1 A/AA)', { timeout: 90_000 }, () => {
  const { person } = browserSuite();
  // JD is responsible for measure 14, so JD's editor has its toolbar and the status select.
  const kari = (): Promise<Person> => person('jd');

  it('the sign-in page has no axe violations, empty and with its error summary; focus goes where the eye should', async () => {
    const p = await person();
    await p.page.goto('/');
    await waitForSignInPage(p.page);
    const focusedLabel = (): Promise<string> =>
      p.page.evaluate(() => {
        const element = document.activeElement;
        const labels = element instanceof HTMLInputElement ? element.labels : null;
        return labels && labels.length > 0 ? (labels[0]?.textContent ?? '') : (element?.tagName.toLowerCase() ?? '');
      });
    await waitFor(async () => (await focusedLabel()) === 'Brukernavn', { what: 'focus starts in "Brukernavn"' });
    let violations = await runAxe(p.page);
    await screenshot(p.page, 'a11y - sign-in');
    expect(violations, formatViolations(violations)).toEqual([]);

    await p.page.getByRole('button', { name: 'Logg inn' }).click();
    const summary = p.page.getByTestId('sign-in-error');
    await summary.waitFor({ state: 'visible' });
    await waitFor(() => p.page.evaluate(() => document.activeElement?.closest('[data-testid="sign-in-error"]') !== null), {
      what: 'the error summary takes focus',
    });
    expect(await summary.innerText()).toContain('Skriv brukernavnet ditt.');
    expect(await summary.innerText()).toContain('Skriv passordet ditt.');
    const invalid = await p.page.$$eval('[data-testid="sign-in-form"] input', (inputs) =>
      inputs.map((input) => `${input.getAttribute('name')}:${input.getAttribute('aria-invalid')}:${input.getAttribute('aria-describedby') ? 'described' : 'not described'}`),
    );
    expect(invalid).toEqual(['username:true:described', 'password:true:described']);
    // The summary's links lead to the fields.
    await summary.getByRole('link', { name: 'Skriv passordet ditt.' }).click();
    await waitFor(async () => (await focusedLabel()) === 'Passord', { what: 'the summary link moves focus to "Passord"' });

    violations = await runAxe(p.page);
    await screenshot(p.page, 'a11y - sign-in with errors');
    expect(violations, formatViolations(violations)).toEqual([]);
  });

  it('a measure page the person may only read has no axe violations, and its text box says read-only and is reachable', async () => {
    const p = await person('hod');
    await openMeasure(p, 14, { expectText: true });
    await p.page.getByTestId('read-only-notice').waitFor({ state: 'visible' });
    const box = await p.page.locator('[data-testid="narrative-editor"] [role="textbox"]').evaluate((element) => ({
      readonly: element.getAttribute('aria-readonly'),
      tabindex: element.getAttribute('tabindex'),
      editable: element.getAttribute('contenteditable'),
    }));
    expect(box).toEqual({ readonly: 'true', tabindex: '0', editable: 'false' });
    const violations = await runAxe(p.page);
    await screenshot(p.page, 'a11y - measure 14 read-only');
    expect(violations, formatViolations(violations)).toEqual([]);
  });

  it('the overview (reached from /) has no axe violations, and the connection state is in a live region', async () => {
    const p = await kari();
    await p.page.goto('/');
    await waitFor(() => new URL(p.page.url()).pathname === overviewPath(), {
      what: `/ redirects to ${overviewPath()} (now ${p.page.url()})`,
    });
    const rows = p.page.locator('table[data-testid="measures-table"] tr[data-measure]');
    await waitFor(async () => (await rows.count()) === 35, { what: 'the overview lists 35 measures' });
    await waitForConnection(p.page, 'connected', { who: 'overview' });

    await expectLiveConnectionState(p.page);
    const violations = await runAxe(p.page);
    await screenshot(p.page, 'a11y - overview');
    expect(violations, formatViolations(violations)).toEqual([]);
  });

  it('a measure page has no axe violations once its editor has synced', async () => {
    const p = await kari();
    await openMeasure(p, 14, { expectText: true });
    await expectLiveConnectionState(p.page);
    const violations = await runAxe(p.page);
    await screenshot(p.page, 'a11y - measure 14');
    expect(violations, formatViolations(violations)).toEqual([]);
  });

  it('a measure page with its comment threads (anchored, resolved, a reply, a new one being written) has no axe violations', async () => {
    const p = await kari();
    await openMeasure(p, 14, { expectText: true });
    const page = p.page;
    const panel = page.getByTestId('threads-panel');
    await panel.waitFor({ state: 'visible' });

    // A thread on a passage, with a mention and a reply; one on the whole measure, resolved.
    const first = await page.locator('[data-testid="narrative-editor"] .ProseMirror p').first().innerText();
    const words = first.split(/\s+/).slice(0, 2).join(' ');
    await selectEditorText(page, words);
    const anchored = await commentOnSelection(page, 'Stemmer dette, @HOD?', { who: 'JD' });
    const card = page.locator(`[data-testid="thread"][data-thread-id="${anchored}"]`);
    await card.getByTestId('reply-form').getByRole('textbox').fill('Ja, det stemmer.');
    await card.getByTestId('reply-form').getByRole('button', { name: 'Svar' }).click();
    await waitFor(async () => (await card.getByTestId('comment').count()) === 2, { what: 'the reply in the thread' });
    await page.locator(`[data-testid="narrative-editor"] .comment-anchor[data-thread-id="${anchored}"]`).first().waitFor();

    await panel.getByTestId('comment-measure').click();
    await panel.getByTestId('new-thread-form').getByRole('textbox').fill('Hele tiltaket: ferdig?');
    const before = await threadIds(page);
    await panel.getByTestId('new-thread-form').getByRole('button', { name: 'Send' }).click();
    const whole = await waitFor(async () => (await threadIds(page)).find((id) => !before.includes(id)), { what: 'the thread on the whole measure' });
    await page.locator(`[data-testid="thread"][data-thread-id="${whole}"]`).getByTestId('resolve-thread').click();
    const resolved = page.getByTestId('resolved-threads');
    await resolved.waitFor({ state: 'visible' });
    await resolved.locator('summary').click();
    await page.locator(`[data-testid="thread"][data-thread-id="${whole}"]`).waitFor({ state: 'visible' });

    // A new comment being written on the measure as a whole.
    await panel.getByTestId('comment-measure').click();
    await panel.getByTestId('new-thread-form').waitFor({ state: 'visible' });

    const highlight = await page
      .locator(`[data-testid="narrative-editor"] .comment-anchor[data-thread-id="${anchored}"]`)
      .first()
      .evaluate((element) => ({ describedBy: element.getAttribute('aria-describedby'), title: element.getAttribute('title') }));
    expect(highlight.describedBy, 'the highlight is described by its thread').toBe(`kommentar-${anchored}`);
    expect(await page.locator(`#kommentar-${anchored}`).count()).toBe(1);
    expect(highlight.title).toContain('Redaktør JD');

    const violations = await runAxe(page);
    await screenshot(page, 'a11y - measure 14 with comment threads');
    expect(violations, formatViolations(violations)).toEqual([]);
  });

  it('a passage is commented by keyboard alone: Shift+arrows select, Ctrl+Alt+M opens the form with focus, Escape goes back to the text', async () => {
    const p = await kari();
    await openMeasure(p, 14, { expectText: true });
    const page = p.page;
    const focusedIn = (selector: string): Promise<boolean> =>
      page.evaluate((s) => Boolean(document.activeElement?.closest(s)), selector);

    await page.locator('[data-testid="narrative-editor"] .ProseMirror').focus();
    await page.keyboard.press('Control+Home');
    // Without a selection the shortcut says what to do, politely, and nothing opens.
    await page.keyboard.press('Control+Alt+M');
    await waitFor(async () => (await page.getByTestId('comment-hint').innerText()).includes('Merk teksten'), { what: 'the hint to select text first' });
    expect(await page.getByTestId('new-thread-form').count()).toBe(0);

    for (let i = 0; i < 3; i++) await page.keyboard.press('Shift+ArrowRight');
    await waitFor(async () => (await page.getByTestId('comment-selection').getAttribute('aria-disabled')) === null, {
      what: '"Kommenter" enabled by the keyboard selection',
    });
    await page.keyboard.press('Control+Alt+M');
    await waitFor(() => focusedIn('[data-testid="new-thread-form"]'), { what: 'focus in the new comment’s text box' });
    const quote = await page.getByTestId('new-thread').locator('blockquote').innerText();
    const text = (await editorText(page)) ?? '';
    expect(quote, 'the quote is the three characters selected').toBe(text.slice(0, 3).trim());
    await page.keyboard.press('Escape');
    await waitFor(() => focusedIn('[data-testid="narrative-editor"] .ProseMirror'), { what: 'focus back in the text' });
    expect(await page.getByTestId('new-thread-form').count()).toBe(0);
  });

  it('the toolbar is one tab stop with the arrows inside (WAI-ARIA toolbar); it and the status select are reached by Tab; each button names its shortcut and shows a visible focus', async () => {
    const p = await kari();
    await openMeasure(p, 14, { expectText: true });
    const page = p.page;
    await page.mouse.move(0, 0);

    // The controls must exist before a Tab walk can look for them (the baseline styles below
    // find toolbar buttons by aria-label; the walk itself compares accessible names).
    const targets = await page.evaluate((names) => {
      const found: Record<string, boolean> = {};
      for (const name of names) found[name] = document.querySelector(`button[aria-label="${name}"]`) !== null;
      found['status-select'] = document.querySelector('[data-testid="status-select"]') !== null;
      return found;
    }, TOOLBAR_BUTTONS);
    const missing = Object.entries(targets).filter(([, present]) => !present).map(([name]) => name);
    expect(missing, 'toolbar buttons (by aria-label) / status select missing from the page').toEqual([]);

    // Each tooltip names the button's shortcut, and the shortcut is there for assistive technology too.
    const shortcuts = await page.$$eval('[role="toolbar"] button', (buttons) =>
      buttons.map((b) => ({ name: b.getAttribute('aria-label'), title: b.getAttribute('title'), keys: b.getAttribute('aria-keyshortcuts') })),
    );
    expect(shortcuts.map((s) => s.name)).toEqual(TOOLBAR_BUTTONS);
    for (const { name, title, keys } of shortcuts) {
      if (WITHOUT_SHORTCUT.has(name!)) {
        expect([title, keys], `${name}: tooltip with its name, no shortcut claimed`).toEqual([name, null]);
        continue;
      }
      expect(title, `${name}: tooltip with its shortcut`).toMatch(new RegExp(`^${name} \\(Ctrl\\+[^)]+\\)$`));
      expect(keys, `${name}: aria-keyshortcuts`).toMatch(/^Control\+/);
    }

    // Each control's style without focus, to compare with its style once focus reaches it.
    const baseline = new Map<string, FocusStyle>();
    for (const name of TOOLBAR_BUTTONS) baseline.set(name, await styleOf(page, `button[aria-label="${name}"]`));
    baseline.set('status-select', await styleOf(page, '[data-testid="status-select"]'));
    const focusedStyle = new Map<string, FocusStyle>();
    const recordFocus = async (key: string): Promise<void> => {
      if (focusedStyle.has(key)) return;
      const before = baseline.get(key)!;
      const selector = key === 'status-select' ? '[data-testid="status-select"]' : `button[aria-label="${key}"]`;
      let after = await styleOf(page, selector);
      // Wait out a focus transition, if any.
      await waitFor(
        async () => {
          after = await styleOf(page, selector);
          return visibleFocus(before, after);
        },
        { timeoutMs: 2_000, what: `a visible focus style on ${key}` },
      ).catch(() => undefined);
      focusedStyle.set(key, after);
    };

    // From the top of the document, by Tab: the status select, and the toolbar once.
    await page.evaluate(() => {
      const start = document.createElement('span');
      start.tabIndex = -1;
      start.setAttribute('data-tab-start', '');
      document.body.prepend(start);
      start.focus();
    });
    const reached: string[] = [];
    const toolbarStops: string[] = [];
    let previous = '';
    let repeats = 0;
    for (let press = 0; press < 150; press++) {
      await page.keyboard.press('Tab');
      const focused = await focusedControl(page);
      if (focused === null) break; // through the whole page and back to the top
      reached.push(`${focused.tag} "${focused.name}"${focused.inToolbar ? ' (toolbar)' : ''}`);
      if (focused.testid === 'status-select') await recordFocus('status-select');
      if (focused.inToolbar) toolbarStops.push(focused.name);
      if (focused.testid === 'comment-selection') break; // the stop after the toolbar
      repeats = focused.id === previous ? repeats + 1 : 0;
      previous = focused.id;
      if (repeats >= 3) break; // focus is stuck (a keyboard trap); the assertions below say where
    }
    await page.evaluate(() => document.querySelector('[data-tab-start]')?.remove());
    expect(focusedStyle.has('status-select'), `the status select not reached by Tab; the Tab order was:\n  ${reached.join('\n  ')}`).toBe(true);
    expect(toolbarStops, `the toolbar is one tab stop (its first button); the Tab order was:\n  ${reached.join('\n  ')}`).toEqual(['Fet']);

    // Inside the toolbar, the arrow keys: right through every button, wrapping; Home and End.
    await page.getByRole('button', { name: 'Fet' }).focus();
    await recordFocus('Fet');
    const walked = ['Fet'];
    for (let i = 1; i < TOOLBAR_BUTTONS.length; i++) {
      await page.keyboard.press('ArrowRight');
      const focused = await focusedControl(page);
      walked.push(focused?.name ?? '(nothing)');
      if (focused?.inToolbar) await recordFocus(focused.name);
    }
    expect(walked, 'ArrowRight visits every button in order').toEqual(TOOLBAR_BUTTONS);
    await page.keyboard.press('ArrowRight');
    expect((await focusedControl(page))?.name, 'ArrowRight on the last wraps to the first').toBe('Fet');
    await page.keyboard.press('ArrowLeft');
    expect((await focusedControl(page))?.name, 'ArrowLeft on the first wraps to the last').toBe('Gjør om');
    await page.keyboard.press('Home');
    expect((await focusedControl(page))?.name).toBe('Fet');
    await page.keyboard.press('End');
    expect((await focusedControl(page))?.name).toBe('Gjør om');

    // Tab leaves the toolbar; coming back by Shift+Tab lands on the button used last.
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Tab');
    expect((await focusedControl(page))?.inToolbar, 'Tab leaves the toolbar at once').toBe(false);
    await page.keyboard.press('Shift+Tab');
    expect((await focusedControl(page))?.name, 'back into the toolbar on the button used last').toBe('Kursiv');
    await screenshot(page, 'a11y - toolbar by keyboard');

    const notReached = [...baseline.keys()].filter((key) => !focusedStyle.has(key));
    expect(notReached, 'controls focus never reached').toEqual([]);
    const select = await page.getByTestId('status-select').evaluate((element) => {
      const labels = (element as HTMLSelectElement).labels;
      return element.getAttribute('aria-label') ?? (labels ? Array.from(labels, (l) => l.textContent?.trim()).join(' ') : '');
    });
    expect(select, 'the status select’s label').toContain('Status');

    const invisible = [...focusedStyle.entries()]
      .filter(([key, after]) => !visibleFocus(baseline.get(key)!, after))
      .map(([key, after]) => `${key}: unfocused ${JSON.stringify(baseline.get(key))}, focused ${JSON.stringify(after)}`);
    expect(invisible, 'controls whose keyboard focus changes neither outline nor box-shadow').toEqual([]);
  });
});

/** The focused element: its accessible name as a person hears it, and whether it is in the toolbar; null at the top. */
async function focusedControl(page: Page): Promise<{ name: string; testid: string | null; id: string; tag: string; inToolbar: boolean } | null> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    if (!element || element === document.body || element.hasAttribute('data-tab-start')) return null;
    const labelledBy = element.getAttribute('aria-labelledby');
    const byIds = labelledBy
      ? labelledBy
          .split(/\s+/)
          .map((id) => document.getElementById(id)?.textContent?.trim() ?? '')
          .join(' ')
      : '';
    const labels = (element as HTMLInputElement).labels;
    const name =
      element.getAttribute('aria-label') ??
      (byIds ||
        (labels && labels.length > 0 ? Array.from(labels, (l) => l.textContent?.trim() ?? '').join(' ') : '') ||
        element.getAttribute('title') ||
        (element.textContent ?? '').trim().slice(0, 60));
    const id = `${element.tagName}|${name}|${element.getAttribute('data-testid') ?? ''}|${Array.from(element.parentElement?.children ?? []).indexOf(element)}`;
    return { name, testid: element.getAttribute('data-testid'), id, tag: element.tagName.toLowerCase(), inToolbar: element.closest('[role="toolbar"]') !== null };
  });
}

interface FocusStyle {
  outlineStyle: string;
  outlineWidth: string;
  outlineColor: string;
  outlineOffset: string;
  boxShadow: string;
}

async function styleOf(page: Page, selector: string): Promise<FocusStyle> {
  return page.locator(selector).first().evaluate((element) => {
    const style = getComputedStyle(element);
    return {
      outlineStyle: style.outlineStyle,
      outlineWidth: style.outlineWidth,
      outlineColor: style.outlineColor,
      outlineOffset: style.outlineOffset,
      boxShadow: style.boxShadow,
    };
  });
}

/** Focus shows: a drawn outline or a box-shadow, different from the unfocused style. */
function visibleFocus(before: FocusStyle, after: FocusStyle): boolean {
  const outline = after.outlineStyle !== 'none' && parseFloat(after.outlineWidth) > 0;
  const shadow = after.boxShadow !== 'none' && after.boxShadow !== '';
  const changed = JSON.stringify(before) !== JSON.stringify(after);
  return changed && (outline || shadow);
}

/** The connection indicator sits in (or is) a live region that screen readers announce. */
async function expectLiveConnectionState(page: Page): Promise<void> {
  const live = await page.getByTestId('connection-state').evaluate((element) => {
    const region = element.closest('[aria-live], [role="status"], [role="alert"], [role="log"]');
    if (!region) return null;
    return region.getAttribute('aria-live') ?? `role=${region.getAttribute('role')}`;
  });
  expect(live, 'connection-state has an aria-live ancestor').not.toBeNull();
  expect(live, 'the live region is not aria-live="off"').not.toBe('off');
}
