import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PLAN, DEFAULT_ROUND } from '../../server/seed/buildRoundSeed.js';
import { loadSeedReport } from '../../server/seed/loadSeedReport.js';
import { exportFileName, renderDocx, renderHtml, renderMarkdown, type ExportMeta } from '../../server/export/index.js';
import { reportLayout } from '../../server/export/layout.js';
import { importedReportContent } from '../helpers/importedContent.js';
import type { PmNode } from '../../shared/prosemirror.js';
import type { SnapshotSummary } from '../../shared/snapshot.js';
import type { ReportContent } from '../../shared/snapshotContent.js';
import { GRADES } from '../../shared/status.js';
import { deepJson } from '../helpers/nesting.js';
import { TABLE } from '../helpers/seedTable.js';

const seed = loadSeedReport();
const content: ReportContent = importedReportContent(seed, {
  ...DEFAULT_ROUND,
  planTitle: DEFAULT_PLAN.title,
  deadline: '2012-02-29T12:00:00+01:00',
});

const SNAPSHOT: SnapshotSummary = {
  id: 'snap-1',
  roundId: DEFAULT_ROUND.id,
  takenAt: '2012-02-29T11:00:00.000Z',
  takenBy: null,
  reason: 'deadline',
  note: null,
  sha256: '3f2a9c1b7d4e5f60718293a4b5c6d7e8f90123456789abcdef0123456789abcd',
};
const DRAFT: ExportMeta = { draft: true, snapshot: null, generatedAt: '2012-02-20T09:30:00.000Z' };
const FINAL: ExportMeta = { draft: false, snapshot: SNAPSHOT, generatedAt: '2012-03-01T08:00:00.000Z' };

/** What the seed text says, read by hand (tests/helpers/seedTable.ts): `[number, "UD, JD", status]`. */
const EXPECTED_ROWS = TABLE.map(([number, ministries, status]) => [number, ministries.join(', '), status]);
const EMPTY_NARRATIVE = 'Ingen rapportering for dette tiltaket.';
/** Measures the seed report has no section for (README.md, "The importer never chooses silently"), so no narrative to show. */
const WITHOUT_NARRATIVE = [34, 35];

const t = (text: string, marks?: PmNode['marks']): PmNode => (marks ? { type: 'text', text, marks } : { type: 'text', text });
const p = (...content: PmNode[]): PmNode => ({ type: 'paragraph', content });
const item = (...content: PmNode[]): PmNode => ({ type: 'listItem', content });

/** A narrative with the formatting the editor's toolbar offers, and text that must not become markup. */
const FORMATTED: PmNode = {
  type: 'doc',
  content: [
    { type: 'heading', attrs: { level: 2 }, content: [t('Hva er gjort')] },
    p(t('Vi har '), t('styrket', [{ type: 'bold' }]), t(' og '), t('utvidet', [{ type: 'italic' }]), t(' arbeidet.')),
    { type: 'bulletList', content: [item(p(t('Første punkt'))), item(p(t('Andre punkt')))] },
    { type: 'orderedList', attrs: { start: 1 }, content: [item(p(t('Steg en'))), item(p(t('Steg to')))] },
    { type: 'heading', attrs: { level: 3 }, content: [t('Videre arbeid')] },
    p(t('Les '), t('rapporten', [{ type: 'link', attrs: { href: 'https://www.regjeringen.no/rapport?a=1&b=2' } }]), t('.')),
  ],
};

const HOSTILE: PmNode = {
  type: 'doc',
  content: [
    p(t('Før <script>alert("x")</script> etter & <img src=x onerror=alert(2)>')),
    p(t('klikk', [{ type: 'link', attrs: { href: 'javascript:alert(3)' } }]), t(' og '), t('her', [{ type: 'link', attrs: { href: 'data:text/html,<b>x</b>' } }])),
  ],
};

function withNarrative(number: number, narrative: PmNode, base: ReportContent = content): ReportContent {
  return { ...base, measures: base.measures.map((m) => (m.number === number ? { ...m, narrative } : m)) };
}

function decodeEntities(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

const stripTags = (html: string): string => decodeEntities(html.replace(/<[^>]+>/g, '')).replace(/\s+/g, ' ').trim();

// --- reading the outputs back ----------------------------------------------------------------

interface ReadSection {
  number: number;
  title: string;
  ministries: string;
  /** The plan's own text, between the heading and the status. */
  plan: string;
  status: string;
  /** The narrative (or the notice instead of one), after the status. */
  body: string;
}

/** Splits `N Title (UD, JD)`. */
function parseHeading(heading: string): { number: number; title: string; ministries: string } {
  const match = /^(\d+) (.+) \(([A-Z]+(?:, [A-Z]+)*)\)$/.exec(heading);
  if (!match) throw new Error(`not a measure heading: ${heading}`);
  return { number: Number(match[1]), title: match[2]!, ministries: match[3]! };
}

function markdownRows(md: string): [number, string, string, string][] {
  return md
    .split('\n')
    .filter((line) => /^\| \d+ \|/.test(line))
    .map((line) => {
      const cells = line.slice(2, -2).split(' | ');
      const title = /^\[(.*)\]\(#tiltak-\d+\)$/.exec(cells[1]!)?.[1] ?? cells[1]!;
      return [Number(cells[0]), title, cells[2]!, cells[3]!];
    });
}

function markdownSections(md: string): ReadSection[] {
  const chunks = md.split(/^## /m).slice(1);
  return chunks
    .filter((chunk) => /^\d+ /.test(chunk))
    .map((chunk) => {
      const [heading, ...rest] = chunk.split('\n');
      // Up to the next section's anchor, or the rule before the colophon.
      const all = rest.join('\n').replace(/(<a id="tiltak-\d+"><\/a>|\n---)\s*$/, '').trim();
      // The plan text is the block quote before the status line.
      const status = /^Status: (.+)$/m.exec(all);
      const plan = all
        .slice(0, status?.index ?? 0)
        .split('\n')
        .map((line) => line.replace(/^> ?/, ''))
        .join('\n')
        .trim();
      const body = all.slice((status?.index ?? 0) + (status?.[0].length ?? 0)).trim();
      return { ...parseHeading(heading!), plan, status: status?.[1] ?? '', body };
    });
}

function htmlRows(html: string): [number, string, string, string][] {
  const tbody = /<tbody>([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? '';
  return [...tbody.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((row) => {
    const cells = [...row[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((cell) => stripTags(cell[1]!));
    return [Number(cells[0]), cells[1]!, cells[2]!, cells[3]!];
  });
}

function htmlSections(html: string): ReadSection[] {
  return [...html.matchAll(/<section class="measure"[^>]*>([\s\S]*?)<\/section>/g)].map((section) => {
    const inner = section[1]!;
    const heading = stripTags(/<h2[^>]*>([\s\S]*?)<\/h2>/.exec(inner)?.[1] ?? '');
    const plan = /<blockquote class="plan"[^>]*>([\s\S]*?)<\/blockquote>/.exec(inner)?.[1] ?? '';
    const statusMatch = /<p class="status">([\s\S]*?)<\/p>/.exec(inner);
    const status = stripTags(statusMatch?.[1] ?? '').replace(/^Status: /, '');
    const body = inner.slice((statusMatch?.index ?? 0) + (statusMatch?.[0].length ?? 0));
    return { ...parseHeading(heading), plan, status, body };
  });
}

interface DocxParagraph {
  style: string | null;
  text: string;
  xml: string;
}

function docxParts(buffer: Buffer): Record<string, string> {
  const files = unzipSync(new Uint8Array(buffer));
  return Object.fromEntries(Object.entries(files).map(([name, data]) => [name, strFromU8(data)]));
}

function docxParagraphs(documentXml: string): DocxParagraph[] {
  return [...documentXml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map(([xml]) => ({
    style: /<w:pStyle w:val="([^"]+)"\/>/.exec(xml)?.[1] ?? null,
    text: decodeEntities([...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('')),
    xml,
  }));
}

/** The heading levels in document order must start at h1 and never skip one going down. */
function headingLevels(html: string): number[] {
  return [...html.matchAll(/<h([1-6])[\s>]/g)].map((m) => Number(m[1]));
}

// --- tests -----------------------------------------------------------------------------------

describe('export of the 35-measure seed report', () => {
  it('sanity: the seed content holds the 35 measures of the hand-read table', () => {
    expect(content.measures.map((m) => [m.number, m.ministries.join(', '), m.status])).toEqual(EXPECTED_ROWS);
  });

  const expectedTitles = seed.measures.map((m) => m.title);

  it('Markdown: the summary table and one section per measure, with the seed text’s statuses and ministries', () => {
    const md = renderMarkdown(content, DRAFT);
    const rows = markdownRows(md);
    expect(rows.map(([n, , ministries, status]) => [n, ministries, status])).toEqual(EXPECTED_ROWS);
    expect(rows.map(([, title]) => title)).toEqual(expectedTitles);
    const sections = markdownSections(md);
    expect(sections.map((s) => [s.number, s.ministries, s.status])).toEqual(EXPECTED_ROWS);
    expect(sections.map((s) => s.title)).toEqual(expectedTitles);
    for (const section of sections) {
      if (WITHOUT_NARRATIVE.includes(section.number)) expect(section.body).toBe(`*${EMPTY_NARRATIVE}*`);
      else expect(section.body).not.toContain(EMPTY_NARRATIVE);
    }
    expect(md.startsWith('> **UTKAST')).toBe(true);
    expect(md).toContain(`# ${seed.title}\n`);
    for (const grade of GRADES) expect(md).toContain(`\n- ${grade.label}\n`);
    // The narrative is there, paragraph by paragraph.
    const two = sections.find((s) => s.number === 2)!;
    expect(two.body).toBe(seed.measures[1]!.narrative.join('\n\n'));
  });

  it('HTML: a real table of 35 rows and 35 sections, with the seed text’s statuses and ministries', () => {
    const html = renderHtml(content, FINAL);
    const rows = htmlRows(html);
    expect(rows.map(([n, , ministries, status]) => [n, ministries, status])).toEqual(EXPECTED_ROWS);
    expect(rows.map(([, title]) => title)).toEqual(expectedTitles);
    const sections = htmlSections(html);
    expect(sections.map((s) => [s.number, s.ministries, s.status])).toEqual(EXPECTED_ROWS);
    for (const section of sections) {
      expect(stripTags(section.body) === EMPTY_NARRATIVE).toBe(WITHOUT_NARRATIVE.includes(section.number));
    }
    expect(html.startsWith('<!doctype html>\n<html lang="nb">')).toBe(true);
    expect(html).toContain(`<title>${seed.title}</title>`);
    expect(html).toMatch(/<caption>[^<]+<\/caption>/);
    expect(html.match(/<th scope="col"/g)).toHaveLength(4);
    expect(html.match(/<th scope="row"/g)).toHaveLength(35);
    for (const landmark of ['<header', '<main>', '<footer']) expect(html).toContain(landmark);
    const levels = headingLevels(html);
    expect(levels.filter((level) => level === 1)).toHaveLength(1);
    expect(levels[0]).toBe(1);
    levels.slice(1).forEach((level, i) => expect(level).toBeLessThanOrEqual(levels[i]! + 1));
    expect(html).toContain('@media print');
    expect(html).toMatch(/thead \{ display: table-header-group; \}/);
  });

  it('DOCX: one Word table of 36 rows with a repeating header row, and a Heading 1 per measure', async () => {
    const parts = docxParts(await renderDocx(content, FINAL));
    const documentXml = parts['word/document.xml']!;
    expect(documentXml.match(/<w:tbl>/g)).toHaveLength(1);
    const rows = [...documentXml.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map(([row]) => row);
    expect(rows).toHaveLength(36);
    expect(rows[0]).toMatch(/<w:trPr>[\s\S]*<w:tblHeader\/>[\s\S]*<\/w:trPr>/);
    expect(rows.slice(1).some((row) => row.includes('<w:tblHeader'))).toBe(false);
    const cellTexts = rows.map((row) =>
      [...row.matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map(([cell]) => decodeEntities([...cell.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''))),
    );
    expect(cellTexts[0]).toEqual(['Tiltak nr.', 'Tiltak', 'Ansvarlig', 'Status']);
    expect(cellTexts.slice(1).map(([n, , ministries, status]) => [Number(n), ministries, status])).toEqual(EXPECTED_ROWS);

    const paragraphs = docxParagraphs(documentXml);
    const sectionHeadings = paragraphs.filter((para) => para.style === 'Heading1' && /^\d+ /.test(para.text));
    expect(sectionHeadings.map((para) => parseHeading(para.text)).map((h) => [h.number, h.ministries])).toEqual(
      EXPECTED_ROWS.map(([n, ministries]) => [n, ministries]),
    );
    expect(paragraphs.filter((para) => para.style === 'Title').map((para) => para.text)).toEqual([seed.title]);
    // Each heading is followed by the plan's own text (style PlanText), its status line, and for 34 and 35 the empty-narrative line.
    for (const heading of sectionHeadings) {
      const index = paragraphs.indexOf(heading);
      const number = parseHeading(heading.text).number;
      const status = EXPECTED_ROWS.find(([n]) => n === number)![2];
      const planText = seed.measures.find((m) => m.number === number)!.planText;
      const plan = planText === '' ? [] : [planText];
      expect(paragraphs.slice(index + 1, index + 1 + plan.length).map((para) => [para.style, para.text])).toEqual(plan.map((text) => ['PlanText', text]));
      expect(paragraphs[index + 1 + plan.length]!.text).toBe(`Status: ${status}`);
      expect(paragraphs[index + 2 + plan.length]!.text === EMPTY_NARRATIVE).toBe(WITHOUT_NARRATIVE.includes(number));
    }
    // The default paragraph spacing says how its line value is meant (1.15 lines), for readers that do not assume it.
    expect(parts['word/styles.xml']).toMatch(/<w:docDefaults>[\s\S]*<w:spacing w:after="120" w:line="276" w:lineRule="auto"\/>[\s\S]*<\/w:docDefaults>/);
    // The summary table runs straight into measure 1: no forced page break leaving a nearly empty page.
    expect(documentXml).not.toContain('<w:pageBreakBefore');
    // The four grades are a real (numbered) list.
    for (const grade of GRADES) {
      const paragraph = paragraphs.find((para) => para.text === grade.label);
      expect(paragraph?.xml).toContain('<w:numPr>');
    }
  });

  it('marks a draft "UTKAST" at the top (and in the DOCX page header); a final export nowhere', async () => {
    const draftDocx = docxParts(await renderDocx(content, DRAFT));
    const draftHeaders = Object.entries(draftDocx).filter(([name]) => /^word\/header\d+\.xml$/.test(name));
    expect(draftHeaders.length).toBeGreaterThan(0);
    expect(draftHeaders.every(([, xml]) => xml.includes('UTKAST'))).toBe(true);
    expect(docxParagraphs(draftDocx['word/document.xml']!)[0]!.text).toMatch(/^UTKAST/);

    const finalDocx = docxParts(await renderDocx(content, FINAL));
    for (const [name, xml] of Object.entries(finalDocx)) expect(xml.includes('UTKAST'), name).toBe(false);

    const draftHtml = renderHtml(content, DRAFT);
    expect(draftHtml).toMatch(/<title>UTKAST/);
    expect(/<header[^>]*>\s*<p class="draft-notice"[^>]*>UTKAST/.test(draftHtml)).toBe(true);
    expect(renderHtml(content, FINAL)).not.toContain('UTKAST');
    expect(renderMarkdown(content, DRAFT).split('\n')[0]).toMatch(/UTKAST/);
    expect(renderMarkdown(content, FINAL)).not.toContain('UTKAST');
  });

  it('names the snapshot in a colophon: when it was frozen and its whole SHA-256', async () => {
    const frozen = 'Låst øyeblikksbilde tatt 29. februar 2012 kl. 12.00 ved fristen.';
    const docxText = docxParagraphs(docxParts(await renderDocx(content, FINAL))['word/document.xml']!).map((para) => para.text);
    for (const text of [renderMarkdown(content, FINAL), stripTags(renderHtml(content, FINAL)), docxText.join('\n')]) {
      expect(text).toContain(frozen);
      expect(text).toContain(`SHA-256): ${SNAPSHOT.sha256}`);
    }
    const byHand = { ...FINAL, snapshot: { ...SNAPSHOT, reason: 'manual' as const, takenBy: { username: 'koordinator', name: 'Kari <Koordinator>' }, note: 'Før møtet' } };
    const html = renderHtml(content, byHand);
    expect(html).toContain('manuelt av Kari &lt;Koordinator&gt;.');
    expect(html).toContain('Merknad: Før møtet');
    expect(renderMarkdown(content, DRAFT)).toContain('Generert 20. februar 2012 kl. 10.30 fra rundens gjeldende innhold.');
  });
});

describe('the report’s period, and its addresses', () => {
  it('the subtitle carries the report’s own period; the round’s deadline only on a draft', async () => {
    const period = ['Regjeringens handlingsplan mot menneskehandel (2011–2014)', 'Statusrapport februar 2012'];
    expect(reportLayout(content, FINAL).subtitle).toEqual(period);
    expect(reportLayout(content, DRAFT).subtitle).toEqual([period[0], `${period[1]}, frist 29. februar 2012 kl. 12.00`]);
    const docxText = docxParagraphs(docxParts(await renderDocx(content, FINAL))['word/document.xml']!).map((para) => para.text).join('\n');
    for (const text of [renderMarkdown(content, FINAL), stripTags(renderHtml(content, FINAL)), docxText]) {
      expect(text).toContain('Statusrapport februar 2012');
      expect(text).not.toMatch(/Statusrapport februar 2012, frist/);
    }
    expect(renderMarkdown(content, DRAFT)).toContain('Statusrapport februar 2012, frist 29. februar 2012 kl. 12.00');
  });

  it('Markdown writes the narratives’ web addresses as autolinks, `_` and `&` as they are', () => {
    const md = renderMarkdown(content, FINAL);
    expect(md).toContain('lenke: <https://www.politi.no/vedlegg/lokale_vedlegg/politidirektoratet/vedlegg_1407.pdf> 309 personer');
    expect(md).toContain('<https://www.politi.no/oslo/strategier_og_analyser/statistikker_og_analyser/tema_938.xhtml>');
    expect(md).toContain('<http://www.bymisjon.no/pagefiles/15016/evalueringsrapport_lauras_hus+vedlegg.pdf>');
    const odd = withNarrative(2, { type: 'doc', content: [p(t('her', [{ type: 'link', attrs: { href: 'https://a.no/x_(y)?a=1&amp;b=2&c=3' } }]))] });
    // Only what CommonMark would otherwise read differently is escaped: brackets and a character reference.
    expect(markdownSections(renderMarkdown(odd, FINAL)).find((s) => s.number === 2)!.body).toBe('[her](https://a.no/x_\\(y\\)?a=1\\&amp;b=2&c=3)');
  });
});

describe('narrative formatting in every format', () => {
  const formatted = withNarrative(3, FORMATTED);

  it('HTML: narrative headings below the section level, lists, bold, italic, safe links', () => {
    const section = htmlSections(renderHtml(formatted, DRAFT)).find((s) => s.number === 3)!;
    expect(section.body).toContain('<h3>Hva er gjort</h3>');
    expect(section.body).toContain('<h4>Videre arbeid</h4>');
    expect(section.body).toMatch(/<ul>\s*<li><p>Første punkt<\/p><\/li>\s*<li><p>Andre punkt<\/p><\/li>\s*<\/ul>/);
    expect(section.body).toMatch(/<ol>\s*<li><p>Steg en<\/p><\/li>/);
    expect(section.body).toContain('<strong>styrket</strong>');
    expect(section.body).toContain('<em>utvidet</em>');
    expect(section.body).toContain('<a href="https://www.regjeringen.no/rapport?a=1&amp;b=2">rapporten</a>');
  });

  it('Markdown: ###, - and 1. lists, ** and *, links', () => {
    const section = markdownSections(renderMarkdown(formatted, DRAFT)).find((s) => s.number === 3)!;
    expect(section.body).toBe(
      [
        '### Hva er gjort',
        'Vi har **styrket** og *utvidet* arbeidet.',
        '- Første punkt\n- Andre punkt',
        '1. Steg en\n2. Steg to',
        '#### Videre arbeid',
        // The target as it is: no `\&` (which only CommonMark readers undo).
        'Les [rapporten](https://www.regjeringen.no/rapport?a=1&b=2).',
      ].join('\n\n'),
    );
  });

  it('DOCX: Heading 2/3 styles, list paragraphs on bullet and decimal numbering, bold and italic runs', async () => {
    const parts = docxParts(await renderDocx(formatted, DRAFT));
    const paragraphs = docxParagraphs(parts['word/document.xml']!);
    const heading = paragraphs.findIndex((para) => para.style === 'Heading1' && para.text.startsWith('3 '));
    const start = paragraphs.findIndex((para, i) => i > heading && para.text.startsWith('Status:'));
    const section = paragraphs.slice(start + 1, paragraphs.findIndex((para, i) => i > start && para.style === 'Heading1'));
    expect(section.map((para) => [para.style, para.text])).toEqual([
      ['Heading2', 'Hva er gjort'],
      [null, 'Vi har styrket og utvidet arbeidet.'],
      ['ListParagraph', 'Første punkt'],
      ['ListParagraph', 'Andre punkt'],
      ['ListParagraph', 'Steg en'],
      ['ListParagraph', 'Steg to'],
      ['Heading3', 'Videre arbeid'],
      [null, 'Les rapporten.'],
    ]);
    const run = (text: string): string => {
      const found = /<w:r>(?:(?!<w:r>)[\s\S])*?<\/w:r>/g;
      const runs = section[1]!.xml.match(found) ?? [];
      return runs.find((r) => r.includes(`>${text}</w:t>`)) ?? '';
    };
    expect(run('styrket')).toContain('<w:b/>');
    expect(run('styrket')).not.toContain('<w:i/>');
    expect(run('utvidet')).toContain('<w:i/>');
    expect(run('utvidet')).not.toContain('<w:b/>');
    expect(run(' og ')).not.toMatch(/<w:[bi]\/>/);

    // The list paragraphs use real numbering: bullets for the first list, decimals for the second.
    const numberingXml = parts['word/numbering.xml']!;
    const formatOf = (para: DocxParagraph): string => {
      const numId = /<w:numId w:val="(\d+)"\/>/.exec(para.xml)?.[1];
      const abstractId = new RegExp(`<w:num w:numId="${numId}"[^>]*>\\s*<w:abstractNumId w:val="(\\d+)"/`).exec(numberingXml)?.[1];
      const abstract = new RegExp(`<w:abstractNum [^>]*w:abstractNumId="${abstractId}"[\\s\\S]*?</w:abstractNum>`).exec(numberingXml)?.[0] ?? '';
      return /<w:lvl w:ilvl="0"[\s\S]*?<w:numFmt w:val="([^"]+)"/.exec(abstract)?.[1] ?? 'none';
    };
    expect(section.slice(2, 6).map(formatOf)).toEqual(['bullet', 'bullet', 'decimal', 'decimal']);
    // The link is a real hyperlink to the safe URL.
    expect(section[7]!.xml).toMatch(/<w:hyperlink [^>]*r:id="([^"]+)"/);
    const relationId = /<w:hyperlink [^>]*r:id="([^"]+)"/.exec(section[7]!.xml)![1];
    expect(parts['word/_rels/document.xml.rels']).toMatch(new RegExp(`Id="${relationId}"[^>]*Target="https://www\\.regjeringen\\.no/rapport\\?a=1&amp;b=2"`));
  });

  it('shows a narrative of only empty paragraphs (the editor’s empty document) as not reported', async () => {
    const blank = withNarrative(9, { type: 'doc', content: [{ type: 'paragraph' }, p(t('   ')), { type: 'bulletList', content: [item(p())] }] });
    expect(htmlSections(renderHtml(blank, DRAFT)).find((s) => s.number === 9)!.body).toContain(`<p class="empty">${EMPTY_NARRATIVE}</p>`);
    expect(markdownSections(renderMarkdown(blank, DRAFT)).find((s) => s.number === 9)!.body).toBe(`*${EMPTY_NARRATIVE}*`);
    const paragraphs = docxParagraphs(docxParts(await renderDocx(blank, DRAFT))['word/document.xml']!);
    const heading = paragraphs.findIndex((para) => para.style === 'Heading1' && para.text.startsWith('9 '));
    expect(paragraphs.slice(heading + 1).find((para) => para.style !== 'PlanText' && !para.text.startsWith('Status:'))?.text).toBe(EMPTY_NARRATIVE);
  });

  it('keeps heading levels without gaps whatever levels the narrative used', () => {
    const odd: PmNode = {
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 4 }, content: [t('Dypt først')] },
        { type: 'heading', attrs: { level: 2 }, content: [t('Så høyere')] },
        { type: 'heading', attrs: { level: 6 }, content: [t('Så mye dypere')] },
      ],
    };
    const html = renderHtml(withNarrative(5, odd), DRAFT);
    const section = htmlSections(html).find((s) => s.number === 5)!;
    expect([...section.body.matchAll(/<(h\d)>([^<]+)</g)].map((m) => `${m[1]} ${m[2]}`)).toEqual([
      'h3 Dypt først',
      'h3 Så høyere',
      'h4 Så mye dypere',
    ]);
  });
});

describe('user input cannot become markup', () => {
  const hostile = withNarrative(7, HOSTILE, {
    ...content,
    round: { ...content.round, reportTitle: 'Rapport </title><script>alert(4)</script>', intro: 'Intro <b>fet</b> & mer' },
  });

  it('HTML escapes text and drops links that are not http, https or mailto', () => {
    const html = renderHtml(hostile, DRAFT);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/<b>/);
    expect(html).not.toMatch(/javascript:/i);
    expect(html).not.toMatch(/href="data:/i);
    expect(html).toContain('Før &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; etter &amp; &lt;img src=x onerror=alert(2)&gt;');
    expect(html).toContain('<title>UTKAST – Rapport &lt;/title&gt;&lt;script&gt;alert(4)&lt;/script&gt;</title>');
    const section = htmlSections(html).find((s) => s.number === 7)!;
    expect(stripTags(section.body)).toBe('Før <script>alert("x")</script> etter & <img src=x onerror=alert(2)> klikk og her');
  });

  it('Markdown escapes markup characters and drops unsafe links; DOCX keeps the text as text', async () => {
    const md = renderMarkdown(hostile, DRAFT);
    expect(md).not.toMatch(/(^|[^\\])<(script|img)/i);
    expect(md).toContain('Før \\<script\\>alert("x")\\</script\\> etter \\& \\<img src=x onerror=alert(2)\\>');
    expect(md).not.toMatch(/javascript:|data:text/);
    const documentXml = docxParts(await renderDocx(hostile, DRAFT))['word/document.xml']!;
    expect(documentXml).toContain('Før &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; etter &amp;');
    expect(documentXml).not.toContain('<script');
  });

  it('drops characters XML cannot carry instead of writing a broken file', async () => {
    const broken = withNarrative(1, { type: 'doc', content: [p(t('Bell\u0007 and NUL\u0000 and lone \uD800 surrogate'))] });
    const documentXml = docxParts(await renderDocx(broken, DRAFT))['word/document.xml']!;
    expect(documentXml).toContain('Bell and NUL and lone  surrogate');
    expect(renderHtml(broken, DRAFT)).toContain('Bell and NUL and lone  surrogate');
  });
});

describe('content no export can show', () => {
  it("a narrative nested thousands deep: its section says it cannot be shown, every other section is written", async () => {
    const deep = withNarrative(4, deepJson(5_000));
    const notShown = 'kan ikke vises';
    const md = markdownSections(renderMarkdown(deep, FINAL));
    expect(md.find((s) => s.number === 4)?.body).toContain(notShown);
    expect(md.find((s) => s.number === 5)?.body).not.toContain(notShown);
    expect(htmlSections(renderHtml(deep, FINAL)).find((s) => s.number === 4)?.body).toContain(notShown);
    const documentXml = docxParts(await renderDocx(deep, FINAL))['word/document.xml']!;
    expect(documentXml).toContain(notShown);
    // A measure recorded as not renderable is said to be so, whatever JSON it carries.
    const marked = { ...content, measures: content.measures.map((m) => (m.number === 4 ? { ...m, renderable: false } : m)) };
    expect(markdownSections(renderMarkdown(marked, FINAL)).find((s) => s.number === 4)?.body).toContain(notShown);
  });

  it('an ordered list starting at 1e21 is written as a list starting at 1', async () => {
    const huge = withNarrative(3, { type: 'doc', content: [{ type: 'orderedList', attrs: { start: 1e21 }, content: [item(p(t('Steg')))] }] });
    expect(markdownSections(renderMarkdown(huge, FINAL)).find((s) => s.number === 3)?.body).toBe('1. Steg');
    expect(htmlSections(renderHtml(huge, FINAL)).find((s) => s.number === 3)?.body).not.toContain('start=');
    const parts = docxParts(await renderDocx(huge, FINAL));
    expect(parts['word/numbering.xml']).not.toMatch(/e\+21/);
    expect(parts['word/numbering.xml']).not.toMatch(/w:start w:val="[^"]*[^0-9"]/);
  });
});

describe('exportFileName', () => {
  it('is ASCII, names drafts and snapshots, and ends with the extension', () => {
    expect(exportFileName(content.round.id, DRAFT, 'docx')).toBe('statusrapport-2012-02-utkast-2012-02-20.docx');
    expect(exportFileName(content.round.id, FINAL, 'html')).toBe('statusrapport-2012-02-2012-02-29-3f2a9c1b.html');
    expect(exportFileName('høst-ærlig-å', DRAFT, 'md')).toMatch(/^[a-z0-9.-]+$/);
    expect(exportFileName('høst-ærlig-å', DRAFT, 'md')).toBe('host-aerlig-a-utkast-2012-02-20.md');
  });
});
