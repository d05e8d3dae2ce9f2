import { unzipSync, strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ComparisonSchema } from '../../shared/compare.js';
import { measureDocName } from '../../shared/documentLayout.js';
import { SnapshotSchema } from '../../shared/snapshotContent.js';
import { DEFAULT_ROUND } from '../../server/seed/buildRoundSeed.js';
import { connectClient, synced, typeParagraph } from '../helpers/clients.js';
import { TABLE } from '../helpers/seedTable.js';
import { api, patchJson, type Target } from '../helpers/session.js';
import { takeSnapshot } from '../helpers/snapshots.js';
import { suiteServer } from '../helpers/suiteServer.js';
import { waitFor } from '../helpers/waitFor.js';

const ROUND = DEFAULT_ROUND.id;

/** The text of each cell of each row of the first table in a DOCX's `word/document.xml`. */
function docxTableRows(docx: Uint8Array): string[][] {
  const xml = strFromU8(unzipSync(docx)['word/document.xml'] ?? new Uint8Array());
  const table = /<w:tbl>[\s\S]*?<\/w:tbl>/.exec(xml)?.[0] ?? '';
  return [...table.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((row) =>
    [...row[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((cell) =>
      [...cell[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''),
    ),
  );
}

const snapshotOf = (target: Target, note: string) => takeSnapshot(target, ROUND, note);

describe('exported report and what changed', () => {
  const server = suiteServer();

  it("the embedded round's DOCX reproduces the seed's summary table: 35 rows, same statuses and ministries", async () => {
    const snap = await snapshotOf(server, 'Eksport');
    const response = await api(server, `/api/snapshots/${snap.id}/export.docx`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="statusrapport-2012-02-.*\.docx"$/);
    const rows = docxTableRows(new Uint8Array(await response.arrayBuffer()));
    expect(rows).toHaveLength(36);
    const body = rows.slice(1).map((cells) => [Number(cells[0]?.replace(/\D/g, '')), cells[2]?.split(/,\s*/), cells[3]]);
    expect(body).toEqual(TABLE);
  });

  it('exports the live round as a draft in every format, and the HTML under a strict policy', async () => {
    const html = await api(server, `/api/rounds/${ROUND}/export.html`);
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(html.headers.get('content-disposition')).toMatch(/^inline;/);
    expect(html.headers.get('content-security-policy')).toContain("default-src 'none'");
    const text = await html.text();
    expect(text).toContain('UTKAST');
    expect([...text.matchAll(/<tr[ >]/g)]).toHaveLength(36);

    const md = await api(server, `/api/rounds/${ROUND}/export.md`);
    expect(md.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    expect(await md.text()).toMatch(/UTKAST/);
    const json = await api(server, `/api/rounds/${ROUND}/export.json`);
    const parsed = (await json.json()) as { draft: boolean; content: { measures: unknown[] } };
    expect(parsed.draft).toBe(true);
    expect(parsed.content.measures).toHaveLength(35);
    const pdf = await api(server, `/api/rounds/${ROUND}/export.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toMatch(/^attachment; filename="statusrapport-2012-02-utkast-.*\.pdf"$/);
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect((await api(server, `/api/rounds/${ROUND}/export.odt`)).status).toBe(404);
    expect((await api({ url: server.url, cookie: '' }, `/api/rounds/${ROUND}/export.html`)).status).toBe(401);
  });

  it("a snapshot's JSON export is the snapshot, with its hash", async () => {
    const snap = await snapshotOf(server, 'JSON');
    const response = await api(server, `/api/snapshots/${snap.id}/export.json`);
    expect(response.headers.get('content-disposition')).toMatch(/^attachment;/);
    const exported = SnapshotSchema.parse(await response.json());
    expect(exported.sha256).toBe(snap.sha256);
    expect(exported.content.measures).toHaveLength(35);
  });

  it('the diff shows a status change and an inserted sentence, against the live round and between snapshots', async () => {
    const before = await snapshotOf(server, 'Før');
    const jd = await server.as('jd');
    const writer = connectClient(jd, measureDocName(ROUND, 5));
    try {
      await synced(writer);
      typeParagraph(writer, 'Ny setning om 2012-tallene.');
      expect((await patchJson(jd, `/api/rounds/${ROUND}/measures/5`, { status: 'Løpende' })).status).toBe(200);
      const live = async () =>
        ComparisonSchema.parse(await (await api(jd, `/api/rounds/${ROUND}/compare?from=${before.id}`)).json());
      const changed = await waitFor(
        async () => {
          const comparison = await live();
          const measure = comparison.measures.find((m) => m.number === 5);
          return measure?.narrative.some((p) => p.kind === 'added' && p.text.includes('2012-tallene')) ? comparison : false;
        },
        { what: 'the inserted sentence in the diff' },
      );
      expect(changed.to).toEqual({ kind: 'live', roundId: ROUND });
      const five = changed.measures.find((m) => m.number === 5);
      expect(five).toMatchObject({ changed: true, status: { before: 'Gjennomført', after: 'Løpende' } });
      expect(five?.narrative.filter((p) => p.kind === 'removed')).toEqual([]);
      expect(changed.measures.filter((m) => m.changed).map((m) => m.number)).toEqual([5]);

      const after = await snapshotOf(server, 'Etter');
      const between = ComparisonSchema.parse(
        await (await api(jd, `/api/rounds/${ROUND}/compare?from=${before.id}&to=${after.id}`)).json(),
      );
      expect(between.to).toMatchObject({ kind: 'snapshot', id: after.id });
      expect(between.measures.find((m) => m.number === 5)).toEqual(five);
      const bad = await api(jd, `/api/rounds/${ROUND}/compare?from=nope`);
      expect(bad.status).toBe(400);
      expect(await bad.json()).toMatchObject({ error: { field: 'from' } });
    } finally {
      writer.destroy();
    }
  });
});
