import { describe, expect, it } from 'vitest';
import { ApiErrorSchema } from '../../shared/api.js';
import { MeasureHistorySchema } from '../../shared/history.js';
import { measureDocName } from '../../shared/documentLayout.js';
import { DEFAULT_ROUND } from '../../server/seed/buildRoundSeed.js';
import { connectClient, synced, typeParagraph } from '../helpers/clients.js';
import { api } from '../helpers/session.js';
import { takeSnapshot } from '../helpers/snapshots.js';
import { suiteServer } from '../helpers/suiteServer.js';
import { waitFor } from '../helpers/waitFor.js';

const PDF = `/api/rounds/${DEFAULT_ROUND.id}/export.pdf`;

/**
 * Exports (PDF, DOCX, HTML, Markdown) and comparisons are made on a thread of their own
 * (server/export/exportRenderer.ts): the server keeps serving, and refuses what it cannot make.
 */
describe('PDF exports', () => {
  const server = suiteServer();

  it('while a long PDF is made, the server answers other requests', async () => {
    // Once, so that what a first export loads is loaded.
    expect((await api(server, PDF)).status).toBe(200);
    // Measure 5 (JD's) grows to about 200 kB of text: seconds of layout for pdfkit.
    const writer = connectClient(await server.as('jd'), measureDocName(DEFAULT_ROUND.id, 5));
    await synced(writer);
    const sentence = 'Tiltaket er fulgt opp gjennom hele perioden, med rapportering til departementet og samarbeid med etatene. ';
    for (let i = 0; i < 100; i++) typeParagraph(writer, `${i}. ${sentence.repeat(18)}`);
    typeParagraph(writer, 'Siste avsnitt.');
    await waitFor(async () => ((await (await api(server, `/api/rounds/${DEFAULT_ROUND.id}/measures/5`)).json()) as { narrative: string }).narrative.includes('Siste avsnitt.'), {
      what: 'the long narrative stored',
    });
    writer.destroy();

    let pdfDone = false;
    const pdf = api(server, PDF).then(async (response) => {
      const body = Buffer.from(await response.arrayBuffer());
      pdfDone = true;
      return { status: response.status, body };
    });
    // One request after another while the PDF is made: were the server busy laying it out, only
    // the few before it began would be answered.
    let answered = 0;
    while (!pdfDone && answered < 50) {
      expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
      answered++;
    }
    expect(answered, 'answers to others while the PDF was made').toBe(50);
    const made = await pdf;
    expect(made.status).toBe(200);
    expect(made.body.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('more PDFs at once than may wait are refused with 503 busy and Retry-After; the rest are made', async () => {
    const answers = await Promise.all(Array.from({ length: 9 }, () => api(server, PDF)));
    const busy = answers.filter((response) => response.status === 503);
    expect(busy.length, 'refused while the others wait').toBeGreaterThan(0);
    for (const response of busy) {
      expect(response.headers.get('retry-after')).toBe('5');
      expect(ApiErrorSchema.parse(await response.json()).error.code).toBe('busy');
    }
    const made = answers.filter((response) => response.status === 200);
    expect(made.length + busy.length).toBe(answers.length);
    for (const response of made) expect(Buffer.from(await response.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
  });
});

describe('an export or comparison not made in time', () => {
  const server = suiteServer({ exportTimeoutMs: 1 });

  /** The 422 the renderer answers with, its message checked against `instead`; not a file to download. */
  async function givenUp(path: string, instead: string): Promise<void> {
    const response = await api(server, path);
    expect(response.status, path).toBe(422);
    expect(response.headers.get('content-disposition'), path).toBeNull();
    const error = ApiErrorSchema.parse(await response.json()).error;
    expect(error.code).toBe('too_large');
    expect(error.message).toContain(instead);
  }

  it('each format, of the live round and of a snapshot, a comparison and a version’s word diff, is given up with 422 too_large, naming what to do instead; the server answers', async () => {
    await givenUp(PDF, 'export DOCX or HTML instead');
    for (const ext of ['docx', 'html', 'md']) await givenUp(`/api/rounds/${DEFAULT_ROUND.id}/export.${ext}`, 'export JSON instead');
    const { id } = await takeSnapshot(server, DEFAULT_ROUND.id, 'Før');
    await givenUp(`/api/rounds/${DEFAULT_ROUND.id}/compare?from=${id}`, 'compare fewer or smaller versions');
    await givenUp(`/api/snapshots/${id}/export.docx`, 'export JSON instead');
    await givenUp(`/api/rounds/${DEFAULT_ROUND.id}/export.json`, 'try again when the server is less busy');
    await givenUp(`/api/snapshots/${id}/export.json`, 'try again when the server is less busy');
    // A version's detail diffs its text against the narrative now there too.
    const history = MeasureHistorySchema.parse(await (await api(server, `/api/rounds/${DEFAULT_ROUND.id}/measures/5/history`)).json());
    const version = history.find((entry) => 'updates' in entry);
    expect(version, 'the seeded narrative has a version').toBeDefined();
    await givenUp(`/api/rounds/${DEFAULT_ROUND.id}/measures/5/history/${version?.id}`, 'compare fewer or smaller versions');
    expect((await api(server, `/api/rounds/${DEFAULT_ROUND.id}/measures/5`)).status).toBe(200);
  });
});
