import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ThreadSchema } from '../../shared/comments.js';
import { ROUND_ID, openMeasure, screenshot, selectEditorText, commentOnSelection, editorText } from '../helpers/browser.js';
import { browserSuite } from '../helpers/browserSuite.js';
import { api } from '../helpers/session.js';
import { waitFor } from '../helpers/waitFor.js';

/** JD's alone: HOD may read and comment on it, not write it or resolve others' threads. */
const JD_MEASURE = 14;
const threadsApi = `/api/rounds/${ROUND_ID}/measures/${JD_MEASURE}/threads`;

/** Who started a thread may resolve it, on any measure: the client offers it as the server allows it. */
describe('the one who started a thread resolves it', { timeout: 120_000 }, () => {
  const { server, person } = browserSuite();

  it('HOD starts a thread on a JD measure and resolves it through the panel; JD’s own thread offers HOD no resolve', async () => {
    const jdTarget = await server.as('jd');
    const jdAsked = await api(jdTarget, threadsApi, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ body: 'JD spør: er tallene klare?' }),
    });
    expect(jdAsked.status).toBe(201);
    const jdThread = ThreadSchema.parse(await jdAsked.json());

    const hod = await person('hod');
    await openMeasure(hod, JD_MEASURE, { expectText: true });
    const page = hod.page;
    const jdCard = page.locator(`[data-testid="thread"][data-thread-id="${jdThread.id}"]`);
    await jdCard.waitFor({ state: 'visible' });
    expect(await jdCard.getByTestId('resolve-thread').count(), 'HOD may not resolve JD’s thread').toBe(0);

    const words = ((await editorText(page)) ?? '').trim().split(/\s+/).slice(0, 2).join(' ');
    await selectEditorText(page, words);
    const id = await commentOnSelection(page, 'HOD: dette gjelder også helsesektoren.', { who: 'HOD' });
    const card = page.locator(`[data-testid="thread"][data-thread-id="${id}"]`);
    const resolve = card.getByTestId('resolve-thread');
    await resolve.waitFor({ state: 'visible' });
    await resolve.click();

    await waitFor(async () => (await page.getByTestId('threads-notice').count()) === 1, { what: 'the notice that the thread is resolved' });
    // The notice comes at once (the outbox sends the resolve); the server has it once that is answered.
    const resolvedOnServer = async (): Promise<boolean> =>
      z.array(ThreadSchema).parse(await (await api(server, threadsApi)).json()).find((thread) => thread.id === id)?.resolved === true;
    await waitFor(resolvedOnServer, { what: 'the server has it resolved' });
    await page.getByTestId('resolved-threads').locator('summary').click();
    await waitFor(async () => (await card.getAttribute('data-resolved')) === 'true', { what: 'the thread shown as resolved' });
    // Reopening is the starter's too.
    expect(await card.getByTestId('reopen-thread').count()).toBe(1);
    await screenshot(page, 'comments - the starter resolved their thread');
  });
});
