import { describe, expect, it } from 'vitest';
import { openMeasure, screenshot } from '../helpers/browser.js';
import { browserSuite } from '../helpers/browserSuite.js';

/** Where the text begins on a laptop's screen: the issue asks for the text high on the page. */
const LAPTOP = { width: 1366, height: 900 };
const TEXT_TOP_BELOW_PX = 450;

describe('the measure page on a laptop', { timeout: 90_000 }, () => {
  const { person } = browserSuite();

  it("shows the narrative's text high: its top is within the upper half of a 1366×900 screen", async () => {
    const jd = await person('jd');
    await jd.page.setViewportSize(LAPTOP);
    await openMeasure(jd, 1, { expectText: true });
    const top = await jd.page.locator('[data-testid="narrative-editor"] .ProseMirror').evaluate((editor) => editor.getBoundingClientRect().top + window.scrollY);
    await screenshot(jd.page, 'measure layout - 1366x900');
    console.log(`measure 1 at 1366×900: the editor's text begins at y = ${Math.round(top)} px`);
    expect(top).toBeLessThan(TEXT_TOP_BELOW_PX);
  });
});
