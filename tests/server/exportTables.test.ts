import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { measureDocName, NARRATIVE_FIELD } from '../../shared/documentLayout.js';
import { pmToPlainText } from '../../shared/narrativeBlocks.js';
import type { PmNode } from '../../shared/prosemirror.js';
import type { ReportContent } from '../../shared/snapshotContent.js';
import { renderDocx, renderHtml, renderMarkdown, renderPdf, type ExportMeta } from '../../server/export/index.js';
import { DEFAULT_PLAN, DEFAULT_ROUND } from '../../server/seed/buildRoundSeed.js';
import { loadSeedReport } from '../../server/seed/loadSeedReport.js';
import { connectClient, synced } from '../helpers/clients.js';
import { importedReportContent } from '../helpers/importedContent.js';
import { openPdf, pdfText, roles } from '../helpers/pdfText.js';
import { api } from '../helpers/session.js';
import { suiteServer } from '../helpers/suiteServer.js';
import { waitFor } from '../helpers/waitFor.js';

/**
 * A narrative table in every export: every word of every cell is there, in reading order, each
 * apart from its neighbours (the Word paste once gave "ÅrAntall ofre2011274"), with the
 * header row as header cells wherever the format has them.
 */

const content: ReportContent = importedReportContent(loadSeedReport(), { ...DEFAULT_ROUND, planTitle: DEFAULT_PLAN.title, deadline: '2012-02-29T12:00:00+01:00' });
const META: ExportMeta = { draft: true, snapshot: null, generatedAt: '2012-02-20T09:30:00.000Z' };
const MEASURE = 4;

const t = (text: string, marks?: PmNode['marks']): PmNode => (marks ? { type: 'text', text, marks } : { type: 'text', text });
const p = (...children: PmNode[]): PmNode => ({ type: 'paragraph', content: children });
const cell = (type: 'tableCell' | 'tableHeader', text: string, attrs: Record<string, unknown> = {}): PmNode => ({
  type,
  attrs: { colspan: 1, rowspan: 1, colwidth: null, ...attrs },
  content: [p(t(text))],
});
const row = (...cells: PmNode[]): PmNode => ({ type: 'tableRow', content: cells });

const TABLE_DOC: PmNode = {
  type: 'doc',
  content: [
    p(t('Ofre registrert av KOM:')),
    {
      type: 'table',
      content: [
        row(cell('tableHeader', 'År'), cell('tableHeader', 'Antall ofre'), cell('tableHeader', 'Merknad')),
        row(cell('tableCell', '2011'), cell('tableCell', '274'), { type: 'tableCell', content: [p(t('Fra '), t('KOM', [{ type: 'bold' }])), p(t('andre linje'))] }),
        row(cell('tableCell', '2012'), cell('tableCell', '301'), cell('tableCell', 'Foreløpige tall')),
        row(cell('tableCell', 'Totalt', { colspan: 2 }), cell('tableCell', '575')),
      ],
    },
    p(t('Tallene er hentet fra KOMs årsrapport.')),
  ],
};

/** The words of the narrative, in reading order: what every export must hold, in this order. */
const WORDS = ['Ofre', 'registrert', 'av', 'KOM', 'År', 'Antall', 'ofre', 'Merknad', '2011', '274', 'Fra', 'KOM', 'andre', 'linje', '2012', '301', 'Foreløpige', 'tall', 'Totalt', '575', 'Tallene', 'er', 'hentet', 'fra', 'KOMs', 'årsrapport'];
const RUN_TOGETHER = /ÅrAntall|ofreMerknad|Merknad2011|2011274|274Fra|linje2012|tall ?Totalt575|Totalt575/;

const withTable: ReportContent = { ...content, measures: content.measures.map((m) => (m.number === MEASURE ? { ...m, narrative: TABLE_DOC } : m)) };
const words = (text: string): string[] => text.match(/[\p{L}\p{N}]+/gu) ?? [];
const decode = (text: string): string => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

/** The text between the measure's status line and the next measure's heading. */
function between(text: string, start: RegExp, end: RegExp): string {
  const from = text.search(start);
  expect(from, String(start)).toBeGreaterThanOrEqual(0);
  const rest = text.slice(from);
  const to = rest.slice(1).search(end);
  return to < 0 ? rest : rest.slice(0, to + 1);
}

function expectWords(section: string): void {
  const found = words(section);
  const at = found.indexOf('Ofre');
  expect(found.slice(at, at + WORDS.length)).toEqual(WORDS);
}

describe('a narrative table in every export format', () => {
  it('the plain text (what the JSON reader, the diff and the search get) keeps cells and rows apart', () => {
    expect(pmToPlainText(TABLE_DOC)).toBe(
      'Ofre registrert av KOM:\n\nÅr | Antall ofre | Merknad\n2011 | 274 | Fra KOM andre linje\n2012 | 301 | Foreløpige tall\nTotalt | 575\n\nTallene er hentet fra KOMs årsrapport.',
    );
  });

  it('HTML: a real table, the header row as <th scope="col"> in <thead>, the span as colspan', () => {
    const html = renderHtml(withTable, META);
    const section = between(html, new RegExp(`<section class="measure" id="tiltak-${MEASURE}"`), /<section class="measure"/);
    const table = /<table class="narrative-table">[\s\S]*?<\/table>/.exec(section)?.[0] ?? '';
    expect(table).toContain('<thead>\n<tr><th scope="col">År</th><th scope="col">Antall ofre</th><th scope="col">Merknad</th></tr>\n</thead>');
    expect(table).toContain('<td colspan="2">Totalt</td><td>575</td>');
    expect(table).toContain('<td><p>Fra <strong>KOM</strong></p>\n<p>andre linje</p></td>');
    const text = decode(section.replace(/<[^>]+>/g, ' '));
    expectWords(text);
    expect(text).not.toMatch(RUN_TOGETHER);
  });

  it('Markdown: a GFM table with the header row and a delimiter row, cells apart', () => {
    const md = renderMarkdown(withTable, META);
    const section = between(md, new RegExp(`\\n## ${MEASURE} `), /\n<a id="tiltak-/);
    expect(section).toContain('| År | Antall ofre | Merknad |\n| - | - | - |\n| 2011 | 274 | Fra **KOM**<br>andre linje |\n| 2012 | 301 | Foreløpige tall |\n| Totalt | | 575 |');
    const text = section.replace(/<br>/g, ' ');
    expectWords(text);
    expect(text).not.toMatch(RUN_TOGETHER);
  });

  it('DOCX: a Word table whose header row repeats on every page, header cells shaded and bold, the span merged', async () => {
    const xml = strFromU8(unzipSync(new Uint8Array(await renderDocx(withTable, META)))['word/document.xml']!);
    const tables = [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((m) => m[0]);
    // The summary table, then the narrative's.
    expect(tables).toHaveLength(2);
    const table = tables[1]!;
    const rows = [...table.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((m) => m[0]);
    expect(rows).toHaveLength(4);
    expect(rows[0]).toContain('<w:tblHeader/>');
    expect(rows.slice(1).some((r) => r.includes('<w:tblHeader/>'))).toBe(false);
    expect(rows[0]).toContain('<w:pStyle w:val="TableHeading"/>');
    expect(rows[3]).toContain('<w:gridSpan w:val="2"/>');
    const cellTexts = rows.map((r) => [...r.matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((c) => [...c[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('')));
    expect(cellTexts).toEqual([
      ['År', 'Antall ofre', 'Merknad'],
      ['2011', '274', 'Fra KOMandre linje'],
      ['2012', '301', 'Foreløpige tall'],
      ['Totalt', '575'],
    ]);
    // Paragraph by paragraph, as Word reads it: "Fra KOM" and "andre linje" are two paragraphs of one cell.
    const paragraphs = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map(([para]) => decode([...para.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('')));
    expectWords(paragraphs.join('\n'));
    expect(paragraphs.join('\n')).not.toMatch(RUN_TOGETHER);
  });

  it('PDF: every word of the table in reading order, in a tagged Table with TH and TD', async () => {
    const pdf = await openPdf(await renderPdf(withTable, META));
    const text = await pdfText(pdf);
    const section = between(text, /Ofre registrert av KOM/, /\n5 /);
    expectWords(section);
    expect(section).not.toMatch(RUN_TOGETHER);
    // The page the narrative's table is on: a Table with a header row of TH, and TD for the figures.
    let found: string[] = [];
    for (let number = 1; number <= pdf.numPages; number++) {
      const page = await pdf.getPage(number);
      const items = (await page.getTextContent()).items as { str?: string }[];
      if (!items.some((item) => item.str?.includes('Antall ofre'))) continue;
      found = roles((await page.getStructTree()));
    }
    const table = found.lastIndexOf('Table');
    expect(table).toBeGreaterThanOrEqual(0);
    const narrativeTable = found.slice(table);
    expect(narrativeTable.slice(0, 3)).toEqual(['Table', 'THead', 'TR']);
    expect(narrativeTable.filter((role) => role === 'TH')).toHaveLength(3);
    expect(narrativeTable.filter((role) => role === 'TD')).toHaveLength(8);
  });
});

describe('the JSON export of the live round carries the table as the editor wrote it', () => {
  const server = suiteServer();

  it('table, tableRow, tableHeader and tableCell with their attributes, and its text apart', async () => {
    const client = connectClient(server, measureDocName(DEFAULT_ROUND.id, MEASURE));
    try {
      await synced(client);
      const fragment = client.doc.getXmlFragment(NARRATIVE_FIELD);
      const element = (node: PmNode): Y.XmlElement | Y.XmlText => {
        if (node.type === 'text') return new Y.XmlText(node.text);
        const out = new Y.XmlElement(node.type);
        for (const [key, value] of Object.entries(node.attrs ?? {})) if (value !== null) out.setAttribute(key, value as string);
        out.insert(0, (node.content ?? []).map(element));
        return out;
      };
      client.doc.transact(() => fragment.insert(fragment.length, [element(TABLE_DOC.content![1]!)]));
      await waitFor(
        async () => {
          const response = await api(server, `/api/rounds/${DEFAULT_ROUND.id}/export.json`);
          const body = (await response.json()) as { content: ReportContent };
          const narrative = body.content.measures.find((m) => m.number === MEASURE)!.narrative;
          return JSON.stringify(narrative).includes('"tableHeader"') ? narrative : false;
        },
        { what: 'the table in the JSON export', intervalMs: 100 },
      ).then((narrative) => {
        const table = narrative.content!.find((node) => node.type === 'table')!;
        expect(table.content!.map((r) => r.content!.map((c) => c.type))).toEqual([
          ['tableHeader', 'tableHeader', 'tableHeader'],
          ['tableCell', 'tableCell', 'tableCell'],
          ['tableCell', 'tableCell', 'tableCell'],
          ['tableCell', 'tableCell'],
        ]);
        expect(table.content![3]!.content![0]!.attrs).toEqual({ colspan: 2, rowspan: 1 });
        expect(pmToPlainText(narrative)).toContain('År | Antall ofre | Merknad\n2011 | 274 | Fra KOM andre linje\n2012 | 301 | Foreløpige tall\nTotalt | 575');
      });
    } finally {
      client.destroy();
    }
  });
});
