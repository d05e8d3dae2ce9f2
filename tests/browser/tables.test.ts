import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { MAX_TABLE_COLUMNS } from '../../shared/limits.js';
import { ROUND_ID, editorText, focusEditorEnd, formatViolations, openMeasure, runAxe, screenshot, waitForEditorText } from '../helpers/browser.js';
import { browserSuite } from '../helpers/browserSuite.js';
import { api } from '../helpers/session.js';
import { waitFor } from '../helpers/waitFor.js';

/** Measure 14 is JD's alone; the coordinator may read and write every measure. */
const MEASURE = 14;

/** Word's clipboard HTML for a two-by-two table (Word 365, Windows), trimmed of its long style block only. */
const WORD_HTML = `<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word" xmlns:m="http://schemas.microsoft.com/office/2004/12/omml" xmlns="http://www.w3.org/TR/REC-html40">
<head><meta http-equiv=Content-Type content="text/html; charset=utf-8"><meta name=ProgId content=Word.Document><meta name=Generator content="Microsoft Word 15"><meta name=Originator content="Microsoft Word 15">
<style><!-- p.MsoNormal, li.MsoNormal, div.MsoNormal {margin:0cm;font-size:11.0pt;font-family:"Calibri",sans-serif;mso-fareast-language:EN-US;} table.MsoTableGrid {mso-style-name:"Table Grid";border:solid windowtext 1.0pt;} --></style></head>
<body lang=NO-BOK style='tab-interval:35.4pt;word-wrap:break-word'>
<!--StartFragment-->
<table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0 style='border-collapse:collapse;border:none;mso-border-alt:solid windowtext .5pt;mso-yfti-tbllook:1184;mso-padding-alt:0cm 5.4pt 0cm 5.4pt'>
 <tr style='mso-yfti-irow:0;mso-yfti-firstrow:yes'>
  <td width=302 valign=top style='width:226.55pt;border:solid windowtext 1.0pt;mso-border-alt:solid windowtext .5pt;padding:0cm 5.4pt 0cm 5.4pt'>
  <p class=MsoNormal><b><span style='mso-ansi-language:NO-BOK'>År<o:p></o:p></span></b></p>
  </td>
  <td width=302 valign=top style='width:226.55pt;border:solid windowtext 1.0pt;border-left:none;mso-border-left-alt:solid windowtext .5pt;mso-border-alt:solid windowtext .5pt;padding:0cm 5.4pt 0cm 5.4pt'>
  <p class=MsoNormal><b><span style='mso-ansi-language:NO-BOK'>Antall ofre<o:p></o:p></span></b></p>
  </td>
 </tr>
 <tr style='mso-yfti-irow:1;mso-yfti-lastrow:yes'>
  <td width=302 valign=top style='width:226.55pt;border:solid windowtext 1.0pt;border-top:none;mso-border-top-alt:solid windowtext .5pt;mso-border-alt:solid windowtext .5pt;padding:0cm 5.4pt 0cm 5.4pt'>
  <p class=MsoNormal><span style='mso-ansi-language:NO-BOK'>2011<o:p></o:p></span></p>
  </td>
  <td width=302 valign=top style='width:226.55pt;border-top:none;border-left:none;border-bottom:solid windowtext 1.0pt;border-right:solid windowtext 1.0pt;mso-border-top-alt:solid windowtext .5pt;mso-border-left-alt:solid windowtext .5pt;mso-border-alt:solid windowtext .5pt;padding:0cm 5.4pt 0cm 5.4pt'>
  <p class=MsoNormal><span style='mso-ansi-language:NO-BOK'>274<o:p></o:p></span></p>
  </td>
 </tr>
</table>
<p class=MsoNormal><o:p>&nbsp;</o:p></p>
<!--EndFragment-->
</body>
</html>`;

const WORD_TEXT = 'År\tAntall ofre\r\n2011\t274\r\n';

/** Google Docs' clipboard HTML for a table: inside its `<b id="docs-internal-guid-…">` wrapper, which is not bold. */
const GOOGLE_HTML =
  '<meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-6b1e2f3a-7fff-4c2d-9a51-0d3e5c7b8a91"><div dir="ltr" style="margin-left:0pt;" align="left">' +
  '<table style="border:none;border-collapse:collapse;"><colgroup><col width="301" /><col width="301" /></colgroup><tbody>' +
  ['År|Dømte', '2011|24']
    .map(
      (line) =>
        '<tr style="height:0pt">' +
        line
          .split('|')
          .map(
            (cell) =>
              '<td style="border-left:solid #000000 1pt;border-right:solid #000000 1pt;border-bottom:solid #000000 1pt;border-top:solid #000000 1pt;vertical-align:top;padding:5pt 5pt 5pt 5pt;overflow:hidden;overflow-wrap:break-word;">' +
              '<p dir="ltr" style="line-height:1.2;margin-top:0pt;margin-bottom:0pt;"><span style="font-size:11pt;font-family:Arial,sans-serif;color:#000000;background-color:transparent;font-weight:400;font-style:normal;font-variant:normal;text-decoration:none;vertical-align:baseline;white-space:pre;white-space:pre-wrap;">' +
              cell +
              '</span></p></td>',
          )
          .join('') +
        '</tr>',
    )
    .join('') +
  '</tbody></table></div><br /></b>';

/** Pastes as a person's browser does from another program: a paste event whose clipboard holds HTML and plain text. */
async function paste(page: Page, html: string, text: string): Promise<void> {
  await page.evaluate(
    ([h, t]) => {
      const data = new DataTransfer();
      data.setData('text/html', h!);
      data.setData('text/plain', t!);
      const target = document.querySelector('[data-testid="narrative-editor"] .ProseMirror')!;
      target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    },
    [html, text],
  );
}

/** The cells of the editor's tables: per table, per row, `th:text` or `td:text`. */
async function editorTables(page: Page): Promise<string[][][]> {
  return page.$$eval('[data-testid="narrative-editor"] .ProseMirror table', (tables) =>
    tables.map((table) =>
      Array.from(table.querySelectorAll('tr')).map((row) =>
        Array.from(row.children).map((cell) => {
          // Without other people's carets and their name labels.
          const copy = cell.cloneNode(true) as Element;
          copy.querySelectorAll('[class*="collaboration-carets"]').forEach((caret) => caret.remove());
          return `${cell.tagName.toLowerCase()}:${(copy.textContent ?? '').trim()}`;
        }),
      ),
    ),
  );
}

/** The name of the focused element, if it is a toolbar button. */
const focusedTool = (page: Page): Promise<string | null> =>
  page.evaluate(() => (document.activeElement?.closest('[role="toolbar"]') ? document.activeElement.getAttribute('aria-label') : null));

/** Moves focus with the arrow keys inside the toolbar until the button named `name` has it. */
async function arrowTo(page: Page, name: string): Promise<void> {
  for (let step = 0; step < 30 && (await focusedTool(page)) !== name; step++) await page.keyboard.press('ArrowRight');
  expect(await focusedTool(page)).toBe(name);
}

describe('tables in the narrative', { timeout: 120_000 }, () => {
  const { server, person } = browserSuite();

  it('inserted from the toolbar by keyboard, typed in cell by cell, seen live by a second person, exported with header cells', async () => {
    const jd = await person('jd', { label: 'A jd' });
    const coordinator = await person('koordinator', { label: 'B koordinator' });
    await Promise.all([openMeasure(jd, MEASURE, { expectText: true }), openMeasure(coordinator, MEASURE, { expectText: true })]);
    const page = jd.page;

    await focusEditorEnd(page);
    await page.keyboard.press('Enter');
    await page.keyboard.type('Tallene fra KOM:');
    await page.keyboard.press('Enter');
    // Back to the toolbar by keyboard: it is one tab stop before the text.
    for (let step = 0; step < 6 && (await focusedTool(page)) === null; step++) await page.keyboard.press('Shift+Tab');
    expect(await focusedTool(page), 'Shift+Tab from the text reaches the toolbar').not.toBeNull();
    await page.keyboard.press('Home');
    await arrowTo(page, 'Sett inn tabell');
    // Outside a table, the bar has no row and column tools: they come with the caret in a table.
    expect(await page.getByRole('button', { name: 'Legg til rad under' }).count()).toBe(0);
    await page.keyboard.press('Enter');

    // The caret is in the first header cell; Tab goes cell by cell.
    await waitFor(async () => (await editorTables(page)).length === 1, { what: 'a table in the editor' });
    const cells = ['År', 'Antall ofre', 'Merknad', '2011', '274', 'Fra KOM', '2012', '301', 'Foreløpige tall'];
    for (const [i, text] of cells.entries()) {
      if (i > 0) await page.keyboard.press('Tab');
      await page.keyboard.type(text);
    }
    const expected = [
      ['th:År', 'th:Antall ofre', 'th:Merknad'],
      ['td:2011', 'td:274', 'td:Fra KOM'],
      ['td:2012', 'td:301', 'td:Foreløpige tall'],
    ];
    await waitFor(async () => JSON.stringify(await editorTables(page)) === JSON.stringify([expected]), { what: 'A: the typed table' });
    // The second person sees the same table, header cells and all, as it is typed.
    let seen: string[][][] = [];
    await waitFor(async () => JSON.stringify((seen = await editorTables(coordinator.page))) === JSON.stringify([expected]), {
      what: 'B: the table A typed',
      timeoutMs: 10_000,
    }).catch((error: Error) => {
      throw new Error(`${error.message}; B shows ${JSON.stringify(seen)}`);
    });

    // A row under the caret's, from the toolbar by keyboard: the toolbar's tab stop is the button used last.
    expect(await page.getByRole('button', { name: 'Sett inn tabell' }).getAttribute('tabindex')).toBe('0');
    await page.getByRole('button', { name: 'Sett inn tabell' }).focus();
    expect(await page.getByRole('button', { name: 'Sett inn tabell' }).getAttribute('aria-disabled'), 'no table in a table').toBe('true');
    await arrowTo(page, 'Legg til rad under');
    expect(await page.getByRole('button', { name: 'Legg til rad under' }).getAttribute('aria-disabled')).toBeNull();
    await page.keyboard.press('Enter');
    await waitFor(async () => (await editorTables(coordinator.page))[0]?.length === 4, { what: 'B: the added row' });
    expect((await editorTables(page))[0]?.[3]).toEqual(['td:', 'td:', 'td:']);
    // The caret stays in the table: typing goes on in the new row.
    await page.keyboard.press('Tab');
    await page.keyboard.type('Totalt');
    await waitFor(async () => (await editorTables(coordinator.page))[0]?.[3]?.includes('td:Totalt'), { what: 'B: text in the added row' });

    // The plain text (what search, the diff and the exports' text give) keeps cells and rows apart.
    const text = await waitForEditorText(coordinator.page, (t) => t.includes('Foreløpige tall'), { what: 'B: the whole table' });
    expect(text).not.toMatch(/ÅrAntall|ofreMerknad|2011274/);

    // Stored and exported: the HTML export has the header row as column headers.
    await waitFor(
      async () => {
        const html = await (await api(server, `/api/rounds/${ROUND_ID}/export.html`)).text();
        return html.includes('<thead>\n<tr><th scope="col">År</th><th scope="col">Antall ofre</th><th scope="col">Merknad</th></tr>\n</thead>') && html.includes('<td>Totalt</td>');
      },
      // The first export loads the renderers (server/routes/exports.ts): slow on a busy machine.
      { what: 'the table in the HTML export', intervalMs: 200, timeoutMs: 30_000 },
    );

    // The measure page with a table passes axe, for the writer and the reader.
    for (const who of [jd, coordinator]) {
      const violations = await runAxe(who.page);
      if (violations.length > 0) await screenshot(who.page, `tables-axe-${who.label}`);
      expect(violations, `${who.label}: ${formatViolations(violations)}`).toEqual([]);
    }

    // And the exported HTML report with the table in it, in Chromium.
    const exported = await (await api(server, `/api/rounds/${ROUND_ID}/export.html`)).text();
    await coordinator.page.setContent(exported, { waitUntil: 'load' });
    expect(await coordinator.page.locator('table.narrative-table thead th[scope="col"]').count()).toBe(3);
    const violations = await runAxe(coordinator.page);
    expect(violations, `the HTML export: ${formatViolations(violations)}`).toEqual([]);
  });

  it('a table pasted from Word or Google Docs stays a table, its first row header cells; one too wide is refused with a word', async () => {
    const jd = await person('jd');
    await openMeasure(jd, MEASURE, { expectText: true });
    const page = jd.page;
    const before = (await editorTables(page)).length;

    await focusEditorEnd(page);
    await page.keyboard.press('Enter');
    await paste(page, WORD_HTML, WORD_TEXT);
    await waitFor(async () => (await editorTables(page)).length === before + 1, { what: 'the Word table in the editor' });
    expect((await editorTables(page)).at(-1)).toEqual([
      ['th:År', 'th:Antall ofre'],
      ['td:2011', 'td:274'],
    ]);
    // The "ÅrAntall ofre2011274" is gone for good.
    expect(await editorText(page)).not.toContain('ÅrAntall');

    await focusEditorEnd(page);
    await page.keyboard.press('Enter');
    await paste(page, GOOGLE_HTML, 'År\tDømte\n2011\t24');
    await waitFor(async () => (await editorTables(page)).length === before + 2, { what: 'the Google Docs table in the editor' });
    expect((await editorTables(page)).at(-1)).toEqual([
      ['th:År', 'th:Dømte'],
      ['td:2011', 'td:24'],
    ]);
    // Google's wrapper is not bold text: the cells are plain.
    expect(await page.locator('[data-testid="narrative-editor"] .ProseMirror table').last().locator('td strong').count()).toBe(0);

    // A table wider than any reader lays out is not pasted; the person is told why.
    const columns = MAX_TABLE_COLUMNS + 5;
    const wide = `<table><tr>${Array.from({ length: columns }, (_, i) => `<td>k${i}</td>`).join('')}</tr><tr>${Array.from({ length: columns }, (_, i) => `<td>${i}</td>`).join('')}</tr></table>`;
    await focusEditorEnd(page);
    await paste(page, wide, 'k0');
    await waitFor(async () => (await page.getByTestId('comment-hint').innerText()).includes(`høyst ${MAX_TABLE_COLUMNS} kolonner`), { what: 'the hint that the table is too wide' });
    expect(await editorTables(page)).toHaveLength(before + 2);
  });

  it('on a phone (390×844) a wide table scrolls in its own box, in the editor and in a snapshot, and the pages pass axe', async () => {
    const jd = await person('jd');
    await jd.page.setViewportSize({ width: 390, height: 844 });
    await openMeasure(jd, MEASURE, { expectText: true });
    const page = jd.page;
    const columns = 8;
    const wide =
      `<table><tr>${Array.from({ length: columns }, (_, i) => `<td>Kolonne${i}</td>`).join('')}</tr>` +
      `<tr>${Array.from({ length: columns }, (_, i) => `<td>Menneskehandelssaker${i}</td>`).join('')}</tr></table>`;
    await focusEditorEnd(page);
    await page.keyboard.press('Enter');
    await paste(page, wide, 'Kolonne0');
    await waitFor(async () => (await editorTables(page)).some((table) => table[0]?.[0] === 'th:Kolonne0'), { what: 'the wide table in the editor' });

    // In the editor the box that scrolls is the text box itself (it has keyboard focus).
    const inEditor = await page.evaluate(() => {
      const box = document.querySelector<HTMLElement>('[data-testid="narrative-editor"] .ProseMirror')!;
      return { page: document.documentElement.scrollWidth, window: window.innerWidth, box: box.clientWidth, table: box.scrollWidth };
    });
    expect(inEditor.page, 'the page does not pan sideways').toBeLessThanOrEqual(inEditor.window);
    expect(inEditor.table, 'the table scrolls in the text box').toBeGreaterThan(inEditor.box);
    await screenshot(page, 'tables - phone - editor');
    let violations = await runAxe(page);
    if (violations.length > 0) await screenshot(page, 'tables-phone-editor');
    expect(violations, formatViolations(violations)).toEqual([]);

    // Frozen in a snapshot, read in the viewer (no editor): the same.
    await waitFor(async () => (await (await api(server, `/api/rounds/${ROUND_ID}/export.html`)).text()).includes('Menneskehandelssaker7'), {
      what: 'the wide table stored',
      intervalMs: 200,
    });
    const taken = await api(server, `/api/rounds/${ROUND_ID}/snapshots`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ note: 'Tabeller' }),
    });
    expect(taken.status).toBe(201);
    const { id } = (await taken.json()) as { id: string };
    await page.goto(`/oyeblikksbilder/${id}`);
    await waitFor(async () => (await page.locator('.tableWrapper th', { hasText: 'Kolonne7' }).count()) > 0, { what: 'the table in the snapshot' });
    expect(await page.locator('.tableWrapper th[scope="col"]', { hasText: 'Kolonne0' }).count()).toBeGreaterThan(0);
    const inViewer = await page.evaluate(() => {
      const wrapper = Array.from(document.querySelectorAll<HTMLElement>('.tableWrapper')).find((w) => w.textContent?.includes('Kolonne7'))!;
      return { page: document.documentElement.scrollWidth, window: window.innerWidth, box: wrapper.clientWidth, table: wrapper.scrollWidth };
    });
    expect(inViewer.page, 'the snapshot page does not pan sideways').toBeLessThanOrEqual(inViewer.window);
    expect(inViewer.table, 'the table scrolls in its own box').toBeGreaterThan(inViewer.box);
    await page.locator('.tableWrapper', { hasText: 'Kolonne7' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'tables - phone - snapshot');
    violations = await runAxe(page);
    expect(violations, formatViolations(violations)).toEqual([]);
  });
});
