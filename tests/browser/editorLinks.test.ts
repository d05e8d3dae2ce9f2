import { describe, expect, it } from 'vitest';
import { focusEditorEnd, openMeasure } from '../helpers/browser.js';
import { browserSuite } from '../helpers/browserSuite.js';
import { waitFor } from '../helpers/waitFor.js';

/** Measure 14 is JD's alone. */
const MEASURE = 14;

/** The links in the narrative editor: `href text`. */
const editorLinks = (page: import('playwright-core').Page): Promise<string[]> =>
  page.$$eval('[data-testid="narrative-editor"] .ProseMirror a', (links) => links.map((a) => `${a.getAttribute('href')} ${a.textContent}`));

describe('links in the narrative', { timeout: 60_000 }, () => {
  const { person } = browserSuite();

  // Autolink needs linkify, which the editor loads after it is shown (client/src/editor/linkify.ts).
  it('an address or e-mail address typed in the text becomes a link once a space follows it; a word with a dot does not', async () => {
    const jd = await person('jd');
    await openMeasure(jd, MEASURE, { expectText: true });
    const page = jd.page;
    await focusEditorEnd(page);
    await page.keyboard.press('Enter');
    await page.keyboard.type('Se www.regjeringen.no eller skriv til post@jd.dep.no for f.eks. tall ');
    await waitFor(async () => (await editorLinks(page)).length >= 2, { what: 'the typed addresses as links' });
    expect(await editorLinks(page)).toEqual(['https://www.regjeringen.no www.regjeringen.no', 'mailto:post@jd.dep.no post@jd.dep.no']);
  });
});
