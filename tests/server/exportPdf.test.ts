import { OPS, type PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderPdf, type ExportMeta } from '../../server/export/index.js';
import { reportLayout } from '../../server/export/layout.js';
import { DEFAULT_PLAN, DEFAULT_ROUND } from '../../server/seed/buildRoundSeed.js';
import { loadSeedReport } from '../../server/seed/loadSeedReport.js';
import type { PmNode } from '../../shared/prosemirror.js';
import type { ReportContent } from '../../shared/snapshotContent.js';
import { importedReportContent } from '../helpers/importedContent.js';
import { openPdf, pdfText, roles, type StructNode } from '../helpers/pdfText.js';

/** The tagged PDF export, read back with pdfjs-dist as a PDF reader (and assistive technology) would. */

const report = loadSeedReport();
const content = importedReportContent(report, { ...DEFAULT_ROUND, planTitle: DEFAULT_PLAN.title, deadline: '2012-02-29T12:00:00+01:00' });
const FINAL: ExportMeta = {
  draft: false,
  snapshot: { id: 'pdf', roundId: DEFAULT_ROUND.id, takenAt: '2012-02-29T11:00:00.000Z', takenBy: null, reason: 'deadline', note: null, sha256: 'c'.repeat(64) },
  generatedAt: '2012-03-01T08:00:00.000Z',
};
const DRAFT: ExportMeta = { draft: true, snapshot: null, generatedAt: '2012-02-20T09:30:00.000Z' };

const t = (text: string, marks?: PmNode['marks']): PmNode => (marks ? { type: 'text', text, marks } : { type: 'text', text });
const p = (...children: PmNode[]): PmNode => ({ type: 'paragraph', content: children });
const item = (...children: PmNode[]): PmNode => ({ type: 'listItem', content: children });

/** What the editor's toolbar makes, and text in scripts beyond Norwegian. */
const FORMATTED: PmNode = {
  type: 'doc',
  content: [
    { type: 'heading', attrs: { level: 2 }, content: [t('Hva er gjort')] },
    p(t('Vi har '), t('styrket', [{ type: 'bold' }]), t(' og '), t('utvidet', [{ type: 'italic' }]), t(' arbeidet i Łódź, Ελλάδα og Україна.')),
    { type: 'bulletList', content: [item(p(t('Første punkt'))), item(p(t('Andre punkt')), { type: 'orderedList', attrs: { start: 3 }, content: [item(p(t('Steg tre')))] })] },
    { type: 'heading', attrs: { level: 3 }, content: [t('Videre arbeid')] },
    p(t('Les '), t('rapporten', [{ type: 'link', attrs: { href: 'https://www.regjeringen.no/rapport?a=1&b=2' } }]), t('.')),
  ],
};

function withNarrative(number: number, narrative: PmNode): ReportContent {
  return { ...content, measures: content.measures.map((m) => (m.number === number ? { ...m, narrative } : m)) };
}

/** Every page's structure tree, with the roles in it. */
async function structure(pdf: PDFDocumentProxy): Promise<{ trees: StructNode[]; counts: Map<string, number> }> {
  const trees: StructNode[] = [];
  const counts = new Map<string, number>();
  for (let n = 1; n <= pdf.numPages; n++) {
    const tree = (await (await pdf.getPage(n)).getStructTree()) as StructNode | null;
    expect(tree, `page ${n} has a structure tree`).not.toBeNull();
    trees.push(tree!);
    for (const role of roles(tree)) counts.set(role, (counts.get(role) ?? 0) + 1);
  }
  return { trees, counts };
}

function find(node: StructNode, role: string): StructNode | undefined {
  const stack = [node];
  while (stack.length > 0) {
    const current = stack.shift()!;
    if (current.role === role) return current;
    stack.push(...((current.children ?? []).filter((c) => 'role' in c || 'children' in c) as StructNode[]));
  }
  return undefined;
}

const childRoles = (node: StructNode | undefined): string[] => (node?.children ?? []).map((c) => ('role' in c ? (c.role ?? '') : ''));

describe('the tagged PDF export of the 35-measure seed report', () => {
  let pdf: PDFDocumentProxy;
  let text: string;
  beforeAll(async () => {
    const bytes = await renderPdf(content, FINAL);
    expect(bytes.subarray(0, 8).toString('latin1')).toMatch(/^%PDF-1\.7/);
    pdf = await openPdf(bytes);
    text = await pdfText(pdf);
  });

  it('is tagged: MarkInfo Marked, a structure tree on every page, a Document at its root', async () => {
    expect(await pdf.getMarkInfo()).toMatchObject({ Marked: true });
    const { trees } = await structure(pdf);
    for (const tree of trees) expect(childRoles(tree)).toEqual(['Document']);
  });

  it('says its language (Norwegian bokmål) and its title, and asks viewers to show the title', async () => {
    const info = (await pdf.getMetadata()).info as Record<string, unknown>;
    expect(info.Language).toBe('nb-NO');
    expect(info.Title).toBe(report.title);
    expect(await pdf.getViewerPreferences()).toMatchObject({ DisplayDocTitle: true });
  });

  it('identifies itself as PDF/UA-1 in its XMP metadata (pdfuaid:part 1)', async () => {
    const { metadata } = await pdf.getMetadata();
    expect(metadata, 'an XMP metadata stream').toBeTruthy();
    expect(metadata?.get('pdfuaid:part')).toBe('1');
    expect(metadata?.getRaw()).toContain('xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"');
  });

  it('has an outline with one entry per measure, each opening the page of its section', async () => {
    const outline = (await pdf.getOutline()) as { title: string; dest: unknown[] }[];
    const headings = reportLayout(content, FINAL).sections.map((s) => s.heading);
    expect(outline.map((entry) => entry.title)).toEqual(headings);
    expect(outline).toHaveLength(35);
    for (const [index, entry] of outline.entries()) {
      const pageIndex = await pdf.getPageIndex(entry.dest[0] as { num: number; gen: number });
      const pageText = (await (await pdf.getPage(pageIndex + 1)).getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join(' ');
      expect(pageText, `outline entry ${index + 1}`).toContain(`${index + 1} ${headings[index]!.split(' ').slice(1, 3).join(' ')}`);
    }
  });

  it('has real headings: the title as H1, the summary, each measure and the colophon as H2', async () => {
    const { counts } = await structure(pdf);
    expect(counts.get('H1')).toBe(1);
    expect(counts.get('H2')).toBe(37);
    expect(counts.get('Sect')).toBeGreaterThanOrEqual(37);
  });

  it('has the summary table with a header row of TH cells (scope column) and 35 rows headed by their title', async () => {
    const { trees } = await structure(pdf);
    const table = trees.map((tree) => find(tree, 'Table')).find((node) => node !== undefined)!;
    expect(childRoles(table)).toEqual(['Caption', 'THead', 'TBody']);
    const head = find(table, 'THead')!;
    expect(childRoles(head)).toEqual(['TR']);
    expect(childRoles(find(head, 'TR'))).toEqual(['TH', 'TH', 'TH', 'TH']);
    const body = find(table, 'TBody')!;
    expect(childRoles(body)).toEqual(Array(35).fill('TR'));
    for (const row of body.children as StructNode[]) expect(childRoles(row)).toEqual(['TD', 'TH', 'TD', 'TD']);
    // The header repeated on the table's later pages is an artifact: readers hear it once.
    expect(text.match(/Tiltak\s+nr\./g)).toHaveLength(1);
  });

  it('has the grades as a list, the plan texts as block quotes, the web addresses as links that say where they go', async () => {
    const { counts } = await structure(pdf);
    expect([counts.get('L'), counts.get('LI'), counts.get('Lbl'), counts.get('LBody')]).toEqual([1, 4, 4, 4]);
    // One per plan text (counted once more for each page a long one runs on to).
    expect(counts.get('BlockQuote')).toBeGreaterThanOrEqual(report.measures.filter((m) => m.planText !== '').length);
    expect(counts.get('Link')).toBe(4);
    const links = [];
    for (let n = 1; n <= pdf.numPages; n++) links.push(...((await (await pdf.getPage(n)).getAnnotations()) as { subtype: string; url?: string; contentsObj?: { str: string } }[]));
    expect(new Set(links.map((link) => link.url))).toEqual(
      new Set([
        'http://www.norad.no/no/resultater/publikasjoner/evalueringer/publikasjon?key=259795',
        'https://www.politi.no/vedlegg/lokale_vedlegg/politidirektoratet/vedlegg_1407.pdf',
        'http://www.bymisjon.no/pagefiles/15016/evalueringsrapport_lauras_hus+vedlegg.pdf',
        'https://www.politi.no/oslo/strategier_og_analyser/statistikker_og_analyser/tema_938.xhtml',
      ]),
    );
    for (const link of links) expect([link.subtype, link.contentsObj?.str]).toEqual(['Link', link.url]);
  });

  it('embeds every font it uses (Inter), and gives back the Norwegian text exactly', async () => {
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const ops = await page.getOperatorList();
      const fonts = new Set(ops.fnArray.flatMap((fn, i) => (fn === OPS.setFont ? [String((ops.argsArray[i] as unknown[])[0])] : [])));
      for (const id of fonts) {
        const font = page.commonObjs.get(id) as { name: string; missingFile: boolean };
        expect(font.missingFile, `page ${n}: ${font.name}`).toBe(false);
        expect(font.name).toMatch(/^[A-Z]{6}\+Inter-/);
      }
    }
    expect(text).toContain('Østersjørådet');
    expect(text).toContain('særlig');
    expect(text).toContain('«Anti-Trafficking Day»');
  });

  it('carries the page furniture (running header, "Side X av Y") as artifacts only', async () => {
    expect(text).not.toMatch(/Side \d+ av \d+/);
    const page = await pdf.getPage(2);
    const all = (await page.getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join(' ');
    expect(all).toContain(`Side 2 av ${pdf.numPages}`);
  });

  it('closes with the colophon: the snapshot and its whole SHA-256', () => {
    expect(text).toContain('Låst øyeblikksbilde tatt 29. februar 2012 kl. 12.00 ved fristen.');
    expect(text).toContain(`Kontrollsum (SHA-256): ${'c'.repeat(64)}`);
  });
});

describe('a narrative with formatting, and a draft, in the PDF', () => {
  it('headings below the section, nested lists with labels, a link, and Polish, Greek and Ukrainian text', async () => {
    const pdf = await openPdf(await renderPdf(withNarrative(3, FORMATTED), DRAFT));
    const text = await pdfText(pdf);
    const { counts } = await structure(pdf);
    expect([counts.get('H3'), counts.get('H4')]).toEqual([1, 1]);
    expect(counts.get('L')).toBe(3);
    expect([counts.get('LI'), counts.get('Lbl'), counts.get('LBody')]).toEqual([7, 7, 7]);
    expect(counts.get('Link')).toBe(5);
    const section = text.slice(text.indexOf('Hva er gjort'), text.indexOf('4 Forsvaret skal bekjempe menneskehandel (FD)', text.indexOf('Hva er gjort')));
    expect(section.replace(/\s+/g, ' ').trim()).toBe(
      'Hva er gjort Vi har styrket og utvidet arbeidet i Łódź, Ελλάδα og Україна. • Første punkt • Andre punkt 3. Steg tre Videre arbeid Les rapporten.',
    );
  });

  it('a draft says UTKAST in its title, at the top, and in the running header of every page', async () => {
    const pdf = await openPdf(await renderPdf(content, DRAFT));
    const info = (await pdf.getMetadata()).info as Record<string, unknown>;
    expect(info.Title).toMatch(/^UTKAST – /);
    expect((await pdfText(pdf)).startsWith('UTKAST – ikke endelig versjon')).toBe(true);
    for (let n = 1; n <= pdf.numPages; n++) {
      const all = (await (await pdf.getPage(n)).getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join(' ');
      expect(all, `page ${n}`).toContain('UTKAST');
    }
  });
});
