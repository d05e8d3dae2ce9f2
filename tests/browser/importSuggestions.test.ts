import { describe, expect, it } from 'vitest';
import { MeasureDetailSchema } from '../../shared/measure.js';
import { ROUND_ID, editorText, focusEditorEnd, formatViolations, openMeasure, runAxe, screenshot, waitForEditorText } from '../helpers/browser.js';
import { browserSuite } from '../helpers/browserSuite.js';
import { api } from '../helpers/session.js';
import { waitFor } from '../helpers/waitFor.js';

/**
 * The client side of issue 12 on the measure page: the importer's suggestions applied as
 * ordinary edits (PATCH for the plan text and title, the narrative's Y.Doc for the narrative),
 * the coordinator's title and plan text form, and links in the editor.
 */
describe('the importer’s suggestions, the plan text and links on the measure page', { timeout: 120_000 }, () => {
  const { server, person } = browserSuite();

  const measure = async (number: number) => MeasureDetailSchema.parse(await (await api(server, `/api/rounds/${ROUND_ID}/measures/${number}`)).json());

  it('the coordinator applies a plan text and a narrative suggestion; the editor sees both live, the notes folded and no button', async () => {
    const k = await person('koordinator');
    const hod = await person('hod');
    await Promise.all([openMeasure(k, 11, { expectText: true }), openMeasure(hod, 11, { expectText: true })]);

    // Open for the coordinator, folded for the editor, who gets no button.
    const notes = k.page.getByTestId('import-notes');
    expect(await notes.evaluate((details) => (details as HTMLDetailsElement).open)).toBe(true);
    expect(await hod.page.getByTestId('import-notes').evaluate((details) => (details as HTMLDetailsElement).open)).toBe(false);
    await hod.page.getByTestId('import-notes').locator('summary').click();
    const hodNote = hod.page.locator('[data-testid="import-note"][data-suggestion="planText"]');
    await waitFor(async () => (await hodNote.innerText()).includes('FNkonvensjonen'), { what: 'HOD reads the unfolded note' });
    expect(await hod.page.getByTestId('apply-suggestion').count()).toBe(0);

    const axe = await runAxe(k.page);
    expect(axe, formatViolations(axe)).toEqual([]);

    await notes.locator('[data-suggestion="planText"] [data-testid="apply-suggestion"]').click();
    await notes.locator('[data-suggestion="planText"][data-state="applied"]').waitFor();
    expect((await measure(11)).planText).toContain('FN-konvensjonen');
    expect(await k.page.getByTestId('suggestion-message').innerText()).toBe('Forslaget er brukt: «FN-konvensjonen».');

    await notes.locator('[data-suggestion="narrative"] [data-testid="apply-suggestion"]').click();
    await notes.locator('[data-suggestion="narrative"][data-state="applied"]').waitFor();
    await waitFor(async () => (await measure(11)).narrative.includes('(work package 4)'), { what: 'the narrative fix stored' });
    await waitForEditorText(hod.page, (text) => text.includes('(work package 4)'), { what: 'HOD sees the narrative fix live' });
    await hod.page.locator('[data-testid="import-note"][data-suggestion="narrative"][data-state="applied"]').waitFor();

    // The plan text follows the change live on the editor's page.
    await hod.page.getByTestId('plan-text-details').locator('summary').click();
    await waitFor(async () => (await hod.page.getByTestId('plan-text').innerText()).includes('FN-konvensjonen'), { what: 'HOD sees the plan text live' });
    await screenshot(k.page, 'importSuggestions - applied');
  });

  it('a title suggestion is a PATCH of the title; the coordinator edits title and plan text with errors at the field', async () => {
    const k = await person('koordinator');
    await openMeasure(k, 9);
    await k.page.locator('[data-suggestion="title"] [data-testid="apply-suggestion"]').click();
    await waitFor(async () => (await k.page.locator('h1').innerText()).includes('EØS-finansieringsmekanismen'), { what: 'the corrected title' });
    // As a person would, go on once the page has settled: the note says the suggestion is used.
    await k.page.locator('[data-testid="import-note"][data-suggestion="title"][data-state="applied"]').waitFor();

    await k.page.getByTestId('plan-text-details').locator('summary').click();
    await k.page.getByTestId('edit-plan-fields').click();
    const form = k.page.getByTestId('plan-form');
    await form.getByLabel('Tittel', { exact: true }).fill('');
    await form.getByTestId('save-plan-fields').click();
    await waitFor(async () => (await form.innerText()).includes('Skriv en tittel.'), { what: 'the missing title said at the field' }).catch(async (error: Error) => {
      // Seen once in about 15 runs on a busy machine, cause not found: say what the page showed.
      const message = await k.page.getByTestId('plan-fields-message').innerText();
      const focused = await k.page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName);
      throw new Error(`${error.message}; the form says ${JSON.stringify(await form.innerText())}, the message ${JSON.stringify(message)}, focus on ${focused}`);
    });
    await form.getByLabel('Tittel', { exact: true }).fill('Ny tittel på tiltak 9');
    await form.getByLabel('Tiltaket i handlingsplanen', { exact: true }).fill('Første avsnitt\nav planen.\n\nAndre avsnitt.');
    await form.getByTestId('save-plan-fields').click();
    await k.page.getByTestId('edit-plan-fields').waitFor();
    expect(await k.page.locator('[data-testid="plan-text"] p').allInnerTexts()).toEqual(['Første avsnitt av planen.', 'Andre avsnitt.']);
    expect((await measure(9)).title).toBe('Ny tittel på tiltak 9');
  });

  it('links: typed addresses become links; the toolbar’s field refuses other schemes and links by keyboard', async () => {
    const jd = await person('jd');
    await openMeasure(jd, 14, { expectText: true });
    await focusEditorEnd(jd.page);
    await jd.page.keyboard.type(' Se www.regjeringen.no ');
    const hrefs = () => jd.page.$$eval('[data-testid="narrative-editor"] .ProseMirror a', (links) => links.map((a) => a.getAttribute('href')));
    await waitFor(async () => (await hrefs()).includes('https://www.regjeringen.no'), { what: 'the typed address autolinked' });

    await jd.page.keyboard.type('eller skriv til ');
    await jd.page.keyboard.press('Control+k');
    const field = jd.page.getByTestId('link-field');
    await field.getByLabel('Adresse').fill('javascript:alert(1)');
    await jd.page.keyboard.press('Enter');
    await waitFor(async () => (await field.innerText()).includes('Skriv en nettadresse'), { what: 'the unsafe address refused' });
    await field.getByLabel('Adresse').fill('post@jd.dep.no');
    await jd.page.keyboard.press('Enter');
    await waitFor(async () => (await hrefs()).includes('mailto:post@jd.dep.no'), { what: 'the e-mail link' });
    expect((await editorText(jd.page)) ?? '').toContain('post@jd.dep.no');
    expect(await jd.page.getByTestId('toolbar-link').getAttribute('aria-expanded')).toBe('false');
  });
});
