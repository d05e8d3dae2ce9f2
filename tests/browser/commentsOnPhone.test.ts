import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { formatViolations, openMeasure, runAxe, screenshot, selectEditorText, threadIds } from '../helpers/browser.js';
import { browserSuite } from '../helpers/browserSuite.js';
import { waitFor } from '../helpers/waitFor.js';

const PHONE = { width: 390, height: 844 };
/** JD's alone, with a narrative of several paragraphs. */
const JD_MEASURE = 14;

interface Box {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/** Whether `box` lies wholly inside the window. */
const inWindow = (box: Box): boolean => box.top >= 0 && box.left >= 0 && box.bottom <= PHONE.height && box.right <= PHONE.width;

/** The box around the passage the editor marks for the comment being written, or null. */
function draftPassageBox(page: Page): Promise<Box | null> {
  return page.evaluate(() => {
    const rects = Array.from(document.querySelectorAll('[data-testid="narrative-editor"] .comment-anchor--pending'), (mark) => mark.getBoundingClientRect());
    if (rects.length === 0) return null;
    return {
      top: Math.min(...rects.map((r) => r.top)),
      bottom: Math.max(...rects.map((r) => r.bottom)),
      left: Math.min(...rects.map((r) => r.left)),
      right: Math.max(...rects.map((r) => r.right)),
    };
  });
}

const boxOf = (page: Page, testId: string): Promise<Box> =>
  page.getByTestId(testId).evaluate((element) => {
    const { top, bottom, left, right } = element.getBoundingClientRect();
    return { top, bottom, left, right };
  });

/**
 * Picks a few words in the middle of the narrative's second paragraph (one text node) and
 * scrolls them to the middle of the window, as someone reading it would have them.
 */
function passageToComment(page: Page): Promise<string> {
  return page.evaluate(() => {
    const paragraphs = Array.from(document.querySelectorAll('[data-testid="narrative-editor"] .ProseMirror p'));
    for (const paragraph of paragraphs.slice(1).concat(paragraphs.slice(0, 1))) {
      const node = Array.from(paragraph.childNodes).find((child) => child.nodeType === Node.TEXT_NODE && (child.textContent ?? '').length > 60);
      if (!node) continue;
      const words = (node.textContent ?? '').split(' ').slice(2, 6).join(' ');
      if (words.length < 12) continue;
      paragraph.scrollIntoView({ block: 'center' });
      return words;
    }
    throw new Error('no paragraph with a long text node');
  });
}

const focusedIn = (page: Page, selector: string): Promise<boolean> => page.evaluate((s) => Boolean(document.activeElement?.closest(s)), selector);

/** A phone (390×844): commenting a passage keeps the passage and the form in sight together. */
describe('commenting a passage on a phone', { timeout: 120_000 }, () => {
  const { person } = browserSuite();

  it('Kommenter opens the form as a sheet at the bottom of the window, the passage in sight above it; Escape and the close button go back to the text; Send adds the comment', async () => {
    const jd = await person('jd');
    await jd.page.setViewportSize(PHONE);
    await openMeasure(jd, JD_MEASURE, { expectText: true });
    const page = jd.page;
    const button = page.getByTestId('comment-selection');
    const select = async (text: string): Promise<void> => {
      await selectEditorText(page, text);
      await waitFor(async () => (await button.getAttribute('aria-disabled')) === null, { what: '"Kommenter" enabled by the selection' });
    };

    // Escape anywhere in the sheet closes it, back to the text.
    const passage = await passageToComment(page);
    await select(passage);
    await button.click();
    const sheet = page.getByTestId('new-thread');
    await sheet.waitFor({ state: 'visible' });
    await waitFor(() => focusedIn(page, '[data-testid="new-thread-form"]'), { what: 'focus in the sheet’s text box' });
    expect(await sheet.getAttribute('role')).toBe('dialog');
    await page.getByTestId('new-thread-close').focus();
    await page.keyboard.press('Escape');
    await waitFor(async () => (await sheet.count()) === 0, { what: 'the sheet closed by Escape' });
    await waitFor(() => focusedIn(page, '[data-testid="narrative-editor"] .ProseMirror'), { what: 'focus back in the text after Escape' });

    // The close button does the same.
    await passageToComment(page);
    await select(passage);
    await button.click();
    await sheet.waitFor({ state: 'visible' });
    await page.getByTestId('new-thread-close').click();
    await waitFor(async () => (await sheet.count()) === 0, { what: 'the sheet closed by its button' });
    await waitFor(() => focusedIn(page, '[data-testid="narrative-editor"] .ProseMirror'), { what: 'focus back in the text after closing' });

    // Both in sight: the passage (marked while the comment is written) and the form.
    await passageToComment(page);
    await select(passage);
    const selected = await page.evaluate(() => {
      const { top, bottom, left, right } = window.getSelection()!.getRangeAt(0).getBoundingClientRect();
      return { top, bottom, left, right };
    });
    expect(inWindow(selected), `the selection ${JSON.stringify(selected)} in the window before Kommenter`).toBe(true);
    await button.click();
    await page.getByTestId('new-thread-form').waitFor({ state: 'visible' });
    await waitFor(() => focusedIn(page, '[data-testid="new-thread-form"]'), { what: 'focus in the sheet’s text box' });
    expect(await sheet.locator('blockquote').innerText(), 'the sheet quotes the passage').toBe(passage);
    let passageBox: Box | null = null;
    let formBox: Box | null = null;
    await waitFor(
      async () => {
        passageBox = await draftPassageBox(page);
        formBox = await boxOf(page, 'new-thread-form');
        return passageBox !== null && inWindow(passageBox) && inWindow(formBox) && passageBox.bottom <= (await boxOf(page, 'new-thread')).top;
      },
      { what: 'the passage and the form both in the window, the passage above the sheet' },
    ).catch((error: Error) => {
      throw new Error(`${error.message}; passage ${JSON.stringify(passageBox)}, form ${JSON.stringify(formBox)}`);
    });
    await screenshot(page, 'comments on a phone - the sheet');
    const violations = await runAxe(page);
    expect(violations, formatViolations(violations)).toEqual([]);

    const before = await threadIds(page);
    const body = 'Fra telefonen: gjelder dette hele 2011?';
    await page.getByTestId('new-thread-form').getByRole('textbox').fill(body);
    await page.getByTestId('new-thread-form').getByRole('button', { name: 'Send' }).click();
    await waitFor(async () => (await sheet.count()) === 0, { what: 'the sheet closed once sent' });
    const id = await waitFor(async () => (await threadIds(page)).find((threadId) => !before.includes(threadId)), { what: 'the new thread in the panel' });
    const card = page.locator(`[data-testid="thread"][data-thread-id="${id}"]`);
    expect(await card.innerText()).toContain(body);
    expect(await card.innerText()).toContain(passage);
    await screenshot(page, 'comments on a phone - sent');
  });
});
