import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { renderDocx, renderHtml, renderMarkdown, renderPdf, type ExportMeta } from '../../server/export/index.js';
import { DEFAULT_PLAN, DEFAULT_ROUND } from '../../server/seed/buildRoundSeed.js';
import { loadSeedReport } from '../../server/seed/loadSeedReport.js';
import { STATUSES } from '../../shared/status.js';
import { importedReportContent } from '../helpers/importedContent.js';
import { openPdf, pdfText } from '../helpers/pdfText.js';
import { TABLE } from '../helpers/seedTable.js';

/**
 * Every word of every section of the source report is in every export, in the report's order
 * (heading, plan text, `Status: X`, narrative), and nothing else is: the export differs from the
 * source only where the importer's warnings say it chose (the summary table's title for 9 and
 * 25, its status for 10) and where a section has no `Status:` line of its own (the round's status
 * goes where the curated split says the plan text ends). The source is read here on its own,
 * from the raw transcript, not through the importer.
 */

const report = loadSeedReport();
const content = importedReportContent(report, { ...DEFAULT_ROUND, planTitle: DEFAULT_PLAN.title, deadline: '2012-02-29T12:00:00+01:00' });
const META: ExportMeta = {
  draft: false,
  snapshot: { id: 'ord', roundId: DEFAULT_ROUND.id, takenAt: '2012-02-29T11:00:00.000Z', takenBy: null, reason: 'deadline', note: null, sha256: 'b'.repeat(64) },
  generatedAt: '2012-03-01T08:00:00.000Z',
};
const NOT_REPORTED = 'Ingen rapportering for dette tiltaket.';

const words = (text: string): string[] => text.match(/[\p{L}\p{N}]+/gu) ?? [];

// --- the source, read on its own ----------------------------------------------------------------

interface SourceSection {
  number: number;
  title: string;
  ministries: string[];
  /** Plan text, the `Status:` line where there is one, and the narrative. */
  body: string;
}

/** The transcript: one line per page, each ending with its page number, which is dropped. */
function sourceText(): string {
  const raw = readFileSync(new URL('../../server/seed/report-2012-02.txt', import.meta.url), 'utf8');
  const pages = raw
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line !== '');
  return pages.map((line, i) => line.replace(new RegExp(` ${i + 1}$`), '')).join(' ');
}

/** Sections start at `N Title (MINISTRIES)`, in order, after the summary table's last row. */
function sourceSections(): SourceSection[] {
  const text = sourceText();
  let cursor = text.indexOf('35. Evaluere politiinnsatsen');
  expect(cursor).toBeGreaterThan(0);
  const found: (Omit<SourceSection, 'body'> & { start: number; bodyStart: number })[] = [];
  for (let n = 1; n <= 35; n++) {
    const heading = new RegExp(String.raw`(?<= )${n} (\p{Lu}[^()]*?)\s*\(([A-Za-z]{2,3}(?:\s*,\s*[A-Za-z]{2,3})*)\s*,?\)`, 'gu');
    heading.lastIndex = cursor;
    const match = heading.exec(text);
    if (!match) continue;
    found.push({
      number: n,
      title: match[1]!.replace(/\.$/, ''),
      ministries: match[2]!.split(/\s*,\s*/).map((code) => code.toUpperCase()),
      start: match.index,
      bodyStart: match.index + match[0].length,
    });
    cursor = match.index + match[0].length;
  }
  return found.map(({ start: _start, bodyStart, ...section }, i) => ({ ...section, body: text.slice(bodyStart, found[i + 1]?.start ?? text.length) }));
}

const STATUS_LINE = new RegExp(`Status:\\s*(${[...STATUSES].sort((a, b) => b.length - a.length).join('|')})`, 'i');
const warning = (code: string, number: number) => report.warnings.find((w) => w.code === code && w.measure === number);

/** The words every export must have for the sections, in order, built from the source and the warnings. */
function expectedWords(): string[] {
  const sections = sourceSections();
  expect(sections.map((s) => s.number)).toEqual(Array.from({ length: 33 }, (_, i) => i + 1));
  const out: string[] = [];
  for (const [number, ministries, tableStatus] of TABLE) {
    const section = sections.find((s) => s.number === number);
    if (!section) {
      // 34 and 35 have no section in the source: the export says there is nothing reported.
      const title = report.measures.find((m) => m.number === number)!.title;
      out.push(String(number), ...words(title), ...ministries, ...words(`Status: ${tableStatus}`), ...words(NOT_REPORTED));
      continue;
    }
    expect(new Set(section.ministries), `measure ${number}'s ministries`).toEqual(new Set(ministries));
    let title = section.title;
    const titles = warning('title_mismatch', number);
    if (titles) {
      // The table's title, where the importer says it chose it over the heading's.
      expect(titles.values.section).toBe(title);
      title = titles.values.table!;
    }
    let body = section.body;
    const statusLine = STATUS_LINE.exec(body);
    if (statusLine) {
      const statuses = warning('status_mismatch', number);
      if (statuses) {
        expect(statuses.values.section).toBe(statusLine[1]);
        body = body.replace(STATUS_LINE, `Status: ${statuses.values.table}`);
      }
      expect(STATUS_LINE.exec(body)?.[1]).toBe(tableStatus);
    } else {
      // No `Status:` line: the round's status goes where the curated split puts the narrative's start.
      const hint = warning('no_status_line', number)?.values.hint;
      expect(hint, `measure ${number}'s split`).toBeDefined();
      const at = body.indexOf(hint!);
      expect(at, `measure ${number}: "${hint}"`).toBeGreaterThanOrEqual(0);
      body = `${body.slice(0, at)} Status: ${tableStatus} ${body.slice(at)}`;
    }
    out.push(String(number), ...words(title), ...ministries, ...words(body));
  }
  return out;
}

const EXPECTED = expectedWords();

// --- each export's sections, as words ---------------------------------------------------------------

function decodeEntities(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

async function markdownWords(): Promise<string[]> {
  const md = renderMarkdown(content, META);
  const start = md.indexOf('\n## 1 ');
  const end = md.indexOf('\n## Om dokumentet');
  expect(start).toBeGreaterThan(0);
  return words(md.slice(start, end).replace(/<a id="tiltak-\d+"><\/a>/g, ''));
}

async function htmlWords(): Promise<string[]> {
  const html = renderHtml(content, META);
  const start = html.indexOf('<section class="measure"');
  const end = html.indexOf('</main>');
  expect(start).toBeGreaterThan(0);
  return words(decodeEntities(html.slice(start, end).replace(/<[^>]+>/g, ' ')));
}

async function docxWords(): Promise<string[]> {
  const xml = strFromU8(unzipSync(new Uint8Array(await renderDocx(content, META)))['word/document.xml']!);
  const paragraphs = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map(([p]) =>
    decodeEntities([...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('')),
  );
  const start = paragraphs.findIndex((p) => p.startsWith('1 Være en fortsatt'));
  const end = paragraphs.indexOf('Om dokumentet');
  expect(start).toBeGreaterThan(0);
  return words(paragraphs.slice(start, end).join('\n'));
}

async function pdfWords(): Promise<string[]> {
  const text = await pdfText(await openPdf(await renderPdf(content, META)));
  // After the summary table, whose first row starts with the same words.
  const start = text.indexOf('1 Være en fortsatt', text.indexOf('Evaluere politiinnsatsen'));
  const end = text.lastIndexOf('Om dokumentet');
  expect(start).toBeGreaterThan(0);
  return words(text.slice(start, end));
}

/**
 * `actual` as `expected`, word for word, where a word a line break cut in two (a long web
 * address in the PDF) counts as the one word; the first place they part, or null.
 */
function firstDifference(expected: string[], actual: string[], splitWords: boolean): string | null {
  let j = 0;
  for (let i = 0; i < expected.length; i++, j++) {
    const want = expected[i]!;
    let got = actual[j] ?? '';
    while (splitWords && got !== want && want.startsWith(got) && got !== '' && j + 1 < actual.length) got += actual[++j];
    if (got !== want) {
      return `word ${i} ("${expected.slice(Math.max(0, i - 6), i + 1).join(' ')}"): expected "${want}", found "${actual.slice(j, j + 4).join(' ')}"`;
    }
  }
  return j === actual.length ? null : `after the last expected word, more: "${actual.slice(j, j + 8).join(' ')}"`;
}

describe('every word of the report, in every export', () => {
  it('the sections hold 7,564 words of plan text and narrative, 1,829 of them plan text (the part once missing)', () => {
    const count = (text: string): number => text.split(/\s+/).filter((word) => word !== '').length;
    const plan = report.measures.reduce((sum, m) => sum + count(m.planText), 0);
    const narrative = report.measures.reduce((sum, m) => sum + m.narrative.reduce((n, p) => n + count(p), 0), 0);
    expect([plan + narrative, plan]).toEqual([7_564, 1_829]);
  });

  it.each([
    ['Markdown', markdownWords, false],
    ['HTML', htmlWords, false],
    ['DOCX', docxWords, false],
    ['PDF', pdfWords, true],
  ] as const)('%s: heading, plan text, status and narrative of all 35 measures, word for word', async (_format, read, splitWords) => {
    const actual = await read();
    expect(firstDifference(EXPECTED, actual, splitWords)).toBeNull();
  });

  it('differs from the source only where the warnings say: titles of 9 and 25, the status of 10', () => {
    expect(report.warnings.filter((w) => w.code === 'title_mismatch').map((w) => w.measure)).toEqual([9, 25]);
    expect(report.warnings.filter((w) => w.code === 'status_mismatch').map((w) => w.measure)).toEqual([10]);
  });
});
