import type { ImportWarning } from '../../shared/plan.js';
import { ImportedReportSchema, type ImportedMeasure, type ImportedReport } from '../../shared/importedReport.js';
import { GRADES, STATUSES, type Status } from '../../shared/status.js';
import { MINISTRY_CODES, type MinistryCode } from '../../shared/ministries.js';
import { conversionWarnings } from './conversionDamage.js';
import { SPLIT_HINTS } from './splitHints.js';

/**
 * Reads a status report of the action plan against human trafficking from its text transcript
 * (one PDF page per line, each page ending with its page number): the title and introduction,
 * the summary table `Tiltak N. title (MINISTRIES) Status title…`, then one section per measure,
 * `N Title(ministries) plan text [Status: X] narrative`.
 *
 * One rule decides wherever the table and a section disagree: the summary table wins, for the
 * measures, their order, titles, ministries and statuses (the round starts from it), and the
 * section's other version is reported as a warning. Everything else the parser has to decide
 * about, or suspects was damaged in the source, it reports as a warning too, and it never
 * changes the text itself.
 */

/** Longest narrative paragraph the importer makes, unless a single sentence is longer. */
export const MAX_PARAGRAPH_CHARS = 700;

export interface ParseReportOptions {
  /** Measure number → the first words of its narrative, for sections without a `Status:` line. */
  splitHints?: Readonly<Record<number, string>>;
}

interface Page {
  number: number;
  /** Offset of the page's first character in the joined document. */
  start: number;
  text: string;
}

/** The document with its pages joined by '\n', so page boundaries survive as the only newlines. */
interface PagedDocument {
  text: string;
  pages: Page[];
}

interface TableRow {
  number: number;
  /** The title's words before the ministry list: what the section heading starts with too. */
  lead: string;
  title: string;
  ministries: MinistryCode[];
  status: Status;
  /** The ministry list as written, when it is broken across the title and status. */
  wrappedList: string | null;
}

interface Section {
  number: number;
  title: string;
  /** The heading's ministry list as written, upper-cased. */
  ministries: string[];
  start: number;
  /** Offset just after the heading's `(…)`. */
  bodyStart: number;
  end: number;
}

export function parseReport(text: string, options: ParseReportOptions = {}): ImportedReport {
  const splitHints = options.splitHints ?? SPLIT_HINTS;
  const doc = readPages(text);
  const warnings: ImportWarning[] = [];

  const tableStart = findTableStart(doc.text);
  const { title, intro } = readFrontMatter(doc.text.slice(0, tableStart));
  const firstRowLead = readFirstRowLead(doc.text, tableStart);
  const sectionsStart = findHeading(doc.text, 1, firstRowLead, tableStart);
  if (!sectionsStart) {
    throw new Error(
      `parseReport: found the summary table but not the section of measure 1 ("1 ${firstRowLead} …(ministries)") after it`,
    );
  }
  const rows = readTable(doc.text.slice(tableStart, sectionsStart.start));
  const sections = findSections(doc.text, rows, sectionsStart.start);

  const measures: ImportedMeasure[] = [];
  for (const row of rows) {
    if (row.wrappedList !== null) {
      warnings.push({
        code: 'ministries_wrapped',
        measure: row.number,
        message: `Measure ${row.number}: the table's ministry list is broken across the title and status ("${row.wrappedList}"); read as ${row.ministries.join(', ')}.`,
        values: { raw: row.wrappedList, ministries: row.ministries.join(',') },
      });
    }
    const section = sections.get(row.number);
    if (!section) {
      warnings.push(missingSectionWarning(row, sections, doc));
      measures.push({
        number: row.number,
        title: row.title,
        ministries: row.ministries,
        status: row.status,
        sectionStatus: null,
        planText: '',
        narrative: [],
        hasSection: false,
      });
      continue;
    }
    const titles = titleMismatch(row, section);
    if (titles) warnings.push(titles);
    const mismatch = ministriesMismatch(row, section);
    if (mismatch) warnings.push(mismatch);

    const body = doc.text.slice(section.bodyStart, section.end);
    const split = splitSection(row.number, body, splitHints);
    if (split.warning) warnings.push(split.warning);
    if (split.sectionStatus !== null && split.sectionStatus !== row.status) {
      warnings.push(statusMismatchWarning(row, split.sectionStatus));
    }
    warnings.push(...truncatedPages(doc, section));
    measures.push({
      number: row.number,
      title: row.title,
      ministries: row.ministries,
      status: row.status,
      sectionStatus: split.sectionStatus,
      planText: normalizeSpace(split.plan),
      narrative: toParagraphs(split.narrative),
      hasSection: true,
    });
  }
  for (const measure of measures) {
    warnings.push(
      ...conversionWarnings(measure.number, [
        { field: 'title', paragraphs: [measure.title] },
        { field: 'planText', paragraphs: measure.planText === '' ? [] : [measure.planText] },
        { field: 'narrative', paragraphs: measure.narrative },
      ]),
    );
  }

  return ImportedReportSchema.parse({ title, intro, measures, warnings });
}

// ---------------------------------------------------------------------------------------------
// Pages

/**
 * One non-empty line is one page. Its page number is only removed when it is the number the
 * page should have (the previous page's plus one), so text that happens to end in a number
 * ("… i 2011") keeps it.
 */
function readPages(text: string): PagedDocument {
  const lines = text
    .split(/\r\n|\r|\n/)
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line !== '');
  const trailing = lines.map((line) => /^(.*\S)\s+(\d{1,4})$/u.exec(line));
  const firstNumber = Number(trailing[0]?.[2] ?? NaN);
  const secondNumber = Number(trailing[1]?.[2] ?? NaN);
  // A report extract may start on any page; trust the first number when the second page follows it.
  let expected = firstNumber === 1 || secondNumber === firstNumber + 1 ? firstNumber : 1;
  const pages: Page[] = [];
  let offset = 0;
  lines.forEach((line, index) => {
    const match = trailing[index];
    const pageText =
      line === String(expected) ? '' : match && Number(match[2]) === expected ? (match[1] ?? line) : line;
    pages.push({ number: expected, start: offset, text: pageText });
    offset += pageText.length + 1;
    expected += 1;
  });
  return { text: pages.map((page) => page.text).join('\n'), pages };
}

// ---------------------------------------------------------------------------------------------
// Title, introduction and summary table

const MONTHS = 'januar|februar|mars|april|mai|juni|juli|august|september|oktober|november|desember';

function findTableStart(text: string): number {
  const match = /(?<!\S)Tiltak\s+1\.\s/u.exec(text);
  if (!match) {
    throw new Error(
      'parseReport: summary table not found (expected "Tiltak 1. <title> (<ministries>) <status> …")',
    );
  }
  return match.index;
}

function readFrontMatter(front: string): { title: string; intro: string } {
  const text = normalizeSpace(front);
  if (text === '') throw new Error('parseReport: no title before the summary table');
  // The title has no full stop; it ends with the month and year of the report.
  const titleMatch =
    new RegExp(`^(.{1,300}?\\b(?:${MONTHS})\\s+\\d{4})(?=\\s+\\p{Lu}|$)`, 'iu').exec(text) ??
    /^(.{1,300}?\d{4}\)?)(?=\s+\p{Lu})/u.exec(text);
  const title = titleMatch?.[1] ?? text.split(/(?<=\.)\s/u)[0] ?? text;
  let intro = text.slice(title.length).trim();
  // The grades list ends the introduction; the app shows the grades itself.
  const gradeList = GRADES.map((grade) => wordsPattern(grade.label)).join('\\s+');
  const gradesMatch = new RegExp(`\\s*${gradeList}\\s*$`, 'iu').exec(intro);
  if (gradesMatch) intro = intro.slice(0, gradesMatch.index).trim();
  return { title: stripFinalStop(title), intro };
}

function readFirstRowLead(text: string, tableStart: number): string {
  const match = /(?<!\S)1\.\s+([^()\n]{1,300}?)\s*\(/u.exec(text.slice(tableStart));
  if (!match?.[1]) {
    throw new Error('parseReport: summary table row 1 has no "(ministries)" after its title');
  }
  return normalizeSpace(match[1]);
}

const STATUS_ALTERNATIVES = [...STATUSES]
  .sort((a, b) => b.length - a.length)
  .map(wordsPattern)
  .join('|');

/** A status as the table writes it: capitalized, so "under forberedelse" inside a title is not one. */
const TABLE_STATUS = new RegExp(`(?<!\\p{L})(${STATUS_ALTERNATIVES})(?!\\p{L})`, 'u');

function readTable(table: string): TableRow[] {
  const text = table.replace(/\n/g, ' ');
  const starts: { number: number; index: number; bodyStart: number }[] = [];
  for (let n = 1, from = 0; ; n += 1) {
    const pattern = new RegExp(`(?<!\\S)${n}\\.\\s+`, 'gu');
    pattern.lastIndex = from;
    const match = pattern.exec(text);
    if (!match) break;
    starts.push({ number: n, index: match.index, bodyStart: match.index + match[0].length });
    from = match.index + match[0].length;
  }
  if (starts.length === 0) throw new Error('parseReport: summary table has no rows ("1. …")');
  return starts.map((start, i) => {
    const end = starts[i + 1]?.index ?? text.length;
    return readRow(start.number, text.slice(start.bodyStart, end).trim());
  });
}

/**
 * A row is `lead (LIST) Status rest`, but where the list was too long for its column the
 * transcript interleaves it with the status and the rest of the title:
 * `lead (AD,JD,KRD, Under gjennomføring menneskehandel BLD)`.
 */
function readRow(number: number, body: string): TableRow {
  const open = body.indexOf('(');
  if (open < 0) {
    throw new Error(`parseReport: summary table row ${number} has no "(ministries)": "${clip(body)}"`);
  }
  const lead = normalizeSpace(body.slice(0, open));
  const afterOpen = body.slice(open + 1);
  const statusMatch = TABLE_STATUS.exec(afterOpen);
  if (!statusMatch?.[1]) {
    throw new Error(`parseReport: summary table row ${number} has no status: "${clip(body)}"`);
  }
  const status = canonicalStatus(statusMatch[1]);
  const beforeStatus = afterOpen.slice(0, statusMatch.index);
  const afterStatus = afterOpen.slice(statusMatch.index + statusMatch[0].length);

  let listText: string;
  let rest: string;
  let wrappedList: string | null = null;
  const close = beforeStatus.indexOf(')');
  if (close >= 0) {
    listText = beforeStatus.slice(0, close);
    rest = `${beforeStatus.slice(close + 1)} ${afterStatus}`;
  } else {
    const wrappedClose = afterStatus.indexOf(')');
    if (wrappedClose < 0) {
      throw new Error(`parseReport: summary table row ${number}: ministry list never closes: "${clip(body)}"`);
    }
    wrappedList = normalizeSpace(`(${afterOpen.slice(0, statusMatch.index + statusMatch[0].length + wrappedClose)})`);
    const inner = afterStatus.slice(0, wrappedClose).trim().split(/\s+/u).filter((t) => t !== '');
    // The list's tail sits at either end of the wrapped part; the words between belong to the title.
    const head: string[] = [];
    while (inner.length > 0 && isCodeToken(inner[0] ?? '')) head.push(inner.shift() ?? '');
    const tail: string[] = [];
    while (inner.length > 0 && isCodeToken(inner[inner.length - 1] ?? '')) tail.unshift(inner.pop() ?? '');
    listText = [beforeStatus, ...head, ...tail].join(',');
    rest = `${inner.join(' ')} ${afterStatus.slice(wrappedClose + 1)}`;
  }
  const ministries = ministryList(number, listText);
  const title = stripFinalStop(normalizeSpace(`${lead} ${rest}`));
  if (title === '') throw new Error(`parseReport: summary table row ${number} has no title`);
  return { number, lead, title, ministries, status, wrappedList };
}

function codeTokens(listText: string): string[] {
  return listText
    .split(/[\s,]+/u)
    .filter((token) => token !== '')
    .map((token) => token.toUpperCase());
}

function isCodeToken(token: string): boolean {
  const code = token.replace(/,/g, '').toUpperCase();
  return (MINISTRY_CODES as readonly string[]).includes(code);
}

function ministryList(number: number, listText: string): MinistryCode[] {
  const codes: MinistryCode[] = [];
  for (const token of codeTokens(listText)) {
    const code = MINISTRY_CODES.find((known) => known === token);
    if (!code) throw new Error(`parseReport: summary table row ${number}: unknown ministry "${token}"`);
    if (codes.includes(code)) throw new Error(`parseReport: summary table row ${number}: ministry ${code} twice`);
    codes.push(code);
  }
  if (codes.length === 0) throw new Error(`parseReport: summary table row ${number}: empty ministry list`);
  return codes;
}

// ---------------------------------------------------------------------------------------------
// Sections

/** A heading's ministry list: short words only, separated by commas. */
const HEADING_LIST = String.raw`\(\s*(\p{L}{2,4}(?:\s*,\s*\p{L}{2,4})*)\s*,?\s*\)`;
const MAX_HEADING_CHARS = 600;

/**
 * The heading of measure `number`: the number without a full stop (which tells it from the
 * table row), the first words of the table's title, and, within a title's length, a list of
 * ministry codes in parentheses.
 */
function findHeading(
  text: string,
  number: number,
  lead: string,
  from: number,
): Omit<Section, 'end'> | null {
  const words = lead.split(/\s+/u).slice(0, 3).join(' ');
  const pattern = new RegExp(`(?<!\\S)${number}\\s+${wordsPattern(words)}`, 'giu');
  pattern.lastIndex = from;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const titleStart = match.index + String(number).length;
    const window = text.slice(titleStart, titleStart + MAX_HEADING_CHARS);
    const lists = new RegExp(HEADING_LIST, 'gu');
    for (let list = lists.exec(window); list; list = lists.exec(window)) {
      const codes = codeTokens(list[1] ?? '');
      if (!codes.some((code) => (MINISTRY_CODES as readonly string[]).includes(code))) continue;
      return {
        number,
        title: stripFinalStop(normalizeSpace(window.slice(0, list.index))),
        ministries: codes,
        start: match.index,
        bodyStart: titleStart + list.index + list[0].length,
      };
    }
  }
  return null;
}

function findSections(text: string, rows: TableRow[], from: number): Map<number, Section> {
  const found: Omit<Section, 'end'>[] = [];
  let cursor = from;
  for (const row of rows) {
    const heading = findHeading(text, row.number, row.lead, cursor);
    if (!heading) continue;
    found.push(heading);
    cursor = heading.bodyStart;
  }
  const sections = new Map<number, Section>();
  found.forEach((heading, i) => {
    sections.set(heading.number, { ...heading, end: found[i + 1]?.start ?? text.length });
  });
  return sections;
}

const SECTION_STATUS = new RegExp(`(?<!\\p{L})Status:\\s*(${STATUS_ALTERNATIVES})(?!\\p{L})`, 'iu');

interface SectionSplit {
  plan: string;
  narrative: string;
  sectionStatus: Status | null;
  warning: ImportWarning | null;
}

/**
 * Plan text and narrative: the `Status:` line separates them. Without one, the source does not
 * mark the boundary, so only a curated hint may split; otherwise all of it counts as narrative
 * (what people edit) and the warning says so.
 */
function splitSection(
  number: number,
  body: string,
  hints: Readonly<Record<number, string>>,
): SectionSplit {
  const status = SECTION_STATUS.exec(body);
  if (status?.[1]) {
    return {
      plan: body.slice(0, status.index),
      narrative: body.slice(status.index + status[0].length),
      sectionStatus: canonicalStatus(status[1]),
      warning: null,
    };
  }
  const hint = hints[number];
  const at = hint ? new RegExp(wordsPattern(hint), 'u').exec(body) : null;
  if (hint && at) {
    return {
      plan: body.slice(0, at.index),
      narrative: body.slice(at.index),
      sectionStatus: null,
      warning: {
        code: 'no_status_line',
        measure: number,
        message: `Measure ${number} has no "Status:" line; plan text and narrative were split at the curated hint "${hint}".`,
        values: { split: 'curated', hint },
      },
    };
  }
  const message = hint
    ? `Measure ${number} has no "Status:" line and its curated hint "${hint}" is not in the section; the whole section is kept as narrative.`
    : `Measure ${number} has no "Status:" line and no curated hint; the whole section is kept as narrative.`;
  return {
    plan: '',
    narrative: body,
    sectionStatus: null,
    warning: {
      code: 'no_status_line',
      measure: number,
      message,
      values: hint ? { split: 'none', hint } : { split: 'none' },
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Warnings

function missingSectionWarning(
  row: TableRow,
  sections: Map<number, Section>,
  doc: PagedDocument,
): ImportWarning {
  const previous = [...sections.values()].filter((s) => s.number < row.number).pop();
  const lastPage = doc.pages[doc.pages.length - 1];
  const endsAfterPrevious =
    previous !== undefined && [...sections.values()].every((s) => s.number <= previous.number);
  const where = endsAfterPrevious
    ? ` The text ends${lastPage ? ` on page ${lastPage.number}` : ''} with the section of measure ${previous.number}.`
    : '';
  return {
    code: 'missing_section',
    measure: row.number,
    message: `Measure ${row.number} is in the summary table but has no section of its own.${where}`,
    values: previous ? { previousSection: String(previous.number) } : {},
  };
}

function titleMismatch(row: TableRow, section: Section): ImportWarning | null {
  if (section.title === '' || section.title === row.title) return null;
  return {
    code: 'title_mismatch',
    measure: row.number,
    message: `Measure ${row.number}: the summary table's title is "${row.title}", the section heading's "${section.title}"; the table's title is kept.`,
    values: { table: row.title, section: section.title },
  };
}

function ministriesMismatch(row: TableRow, section: Section): ImportWarning | null {
  const table = new Set<string>(row.ministries);
  const heading = new Set(section.ministries);
  const same = table.size === heading.size && [...table].every((code) => heading.has(code));
  if (same) return null;
  return {
    code: 'ministries_mismatch',
    measure: row.number,
    message: `Measure ${row.number}: the table names ${row.ministries.join(', ')}, the section heading ${section.ministries.join(', ')}; the table's list is kept.`,
    values: { table: row.ministries.join(','), section: section.ministries.join(',') },
  };
}

function statusMismatchWarning(row: TableRow, sectionStatus: Status): ImportWarning {
  const table = GRADES.find((g) => (g.statuses as readonly Status[]).includes(row.status));
  const sameGrade = table !== undefined && (table.statuses as readonly Status[]).includes(sectionStatus);
  return {
    code: 'status_mismatch',
    measure: row.number,
    message:
      `Measure ${row.number}: the summary table says "${row.status}", the section says "Status: ${sectionStatus}"` +
      `${sameGrade ? ' (the same grade, written two ways)' : ''}; the table's value is the round's starting status.`,
    values: { table: row.status, section: sectionStatus },
  };
}

/**
 * A page that ends mid-sentence is normal when the next page carries on in lower case. When it
 * carries on with a capital, a number or a new heading, or there is no next page, the parser
 * cannot tell a proper noun from lost text: it joins the pages and says so.
 */
function truncatedPages(doc: PagedDocument, section: Section): ImportWarning[] {
  const warnings: ImportWarning[] = [];
  for (const [i, page] of doc.pages.entries()) {
    const pageEnd = page.start + page.text.length;
    if (pageEnd <= section.bodyStart || pageEnd > section.end) continue;
    const last = page.text.trimEnd();
    if (/[.!?:;][»"”’)\]]*$/u.test(last)) continue;
    const next = doc.pages[i + 1];
    if (next && /^\p{Ll}/u.test(next.text)) continue;
    const lastWords = last.split(/\s+/u).slice(-5).join(' ');
    const values: Record<string, string> = { page: String(page.number), lastWords };
    if (next) values.nextWords = next.text.split(/\s+/u).slice(0, 4).join(' ');
    warnings.push({
      code: 'truncated_page',
      measure: section.number,
      message: next
        ? `Page ${page.number} ends mid-sentence ("… ${lastWords}") and page ${next.number} does not go on in lower case ("${values.nextWords} …"); the pages are joined, but text may have been lost in the source.`
        : `The text ends mid-sentence on page ${page.number} ("… ${lastWords}"); the rest is missing from the source.`,
      values,
    });
  }
  return warnings;
}

// ---------------------------------------------------------------------------------------------
// Narrative paragraphs

/**
 * Abbreviations after which a full stop does not end a sentence even before a capital. Those
 * that may close a sentence ("mv.", "osv.", "etc.", "m.m.") are not here: before a capital they
 * do end one ("… barnehagetilbud mv. En del av kvinnene …").
 */
const NON_FINAL_ABBREVIATIONS = new Set([
  'bl.a.', 'f.eks.', 'jf.', 'jfr.', 'pr.', 'nr.', 'ca.', 'evt.', 'dvs.', 'ift.', 'iht.', 'mht.',
  'vs.', 'kap.', 'ref.', 'st.', 'dr.', 'prof.', 'ang.', 'inkl.', 'ekskl.', 'p.t.', 'ev.', 'hhv.',
  'jan.', 'feb.', 'okt.', 'nov.', 'des.', 'nb.', 'tlf.', 'pkt.', 'avd.', 'adm.',
]);

/**
 * Narrative paragraphs. The source has no paragraph breaks, so:
 * - a sentence ends at ".", "!" or "?" (closing quotes and brackets may follow) before a word
 *   starting with a capital, a digit or an opening quote, except after a non-final abbreviation
 *   ("bl.a.", "jf.", "pr.", …) or a single initial, and except inside parentheses that close
 *   later; after a URL, a capital or digit also starts a new sentence. So "3. kvartal",
 *   "16.12.2011", "1) Månedlige …" and dots inside URLs never end a sentence, while
 *   "tiltak 27. Den …" does.
 * - a page break where the page ends a sentence is a paragraph break (the page number is
 *   already gone); a page break inside a sentence is a space.
 * - between those breaks, sentences are grouped into as few paragraphs of at most
 *   MAX_PARAGRAPH_CHARS as possible, as evenly as possible; a longer sentence stands alone.
 */
export function toParagraphs(raw: string): string[] {
  const tokens: { text: string; pageEndAfter: boolean }[] = [];
  const chunks = raw.split('\n');
  for (const [i, chunk] of chunks.entries()) {
    const words = chunk.split(/\s+/u).filter((w) => w !== '');
    const lastChunk = i === chunks.length - 1;
    words.forEach((word, j) => tokens.push({ text: word, pageEndAfter: !lastChunk && j === words.length - 1 }));
  }
  if (tokens.length === 0) return [];
  const insideParens = parenthesisDepths(tokens.map((t) => t.text));

  const runs: string[][] = [[]];
  let sentence: string[] = [];
  tokens.forEach((token, i) => {
    sentence.push(token.text);
    const next = tokens[i + 1];
    if (next === undefined) return;
    if (!insideParens[i] && endsSentence(token.text, next.text)) {
      runs[runs.length - 1]?.push(sentence.join(' '));
      sentence = [];
      if (token.pageEndAfter) runs.push([]);
    }
  });
  if (sentence.length > 0) runs[runs.length - 1]?.push(sentence.join(' '));
  return runs.flatMap(packParagraphs);
}

function endsSentence(token: string, next: string): boolean {
  if (!/^[\p{Lu}\d«"“]/u.test(next)) return false;
  if (/^https?:\/\//iu.test(token)) return true;
  const stop = /^(.*[.!?])[»"”’)\]]*$/u.exec(token);
  if (!stop?.[1]) return false;
  const word = stop[1].replace(/^[(«"“[]+/u, '').toLowerCase();
  if (NON_FINAL_ABBREVIATIONS.has(word)) return false;
  if (/^\p{L}\.$/u.test(word)) return false;
  return true;
}

/** For each token, whether it ends inside a pair of parentheses that closes later. */
function parenthesisDepths(tokens: string[]): boolean[] {
  const open: number[] = [];
  const inside = tokens.map(() => false);
  tokens.forEach((token, i) => {
    for (const char of token) {
      if (char === '(') open.push(i);
      else if (char === ')') {
        const from = open.pop();
        // The token holding ")" ends outside; tokens from the one holding "(" up to it are inside.
        if (from !== undefined) for (let k = from; k < i; k += 1) inside[k] = true;
      }
    }
  });
  return inside;
}

function packParagraphs(sentences: string[]): string[] {
  const n = sentences.length;
  if (n === 0) return [];
  const lengths = sentences.map((s) => s.length);
  // best[j]: fewest paragraphs for the first j sentences, then the smallest sum of squared lengths.
  const best: { count: number; squares: number; from: number }[] = [{ count: 0, squares: 0, from: 0 }];
  for (let j = 1; j <= n; j += 1) {
    let choice = { count: Infinity, squares: Infinity, from: j - 1 };
    let length = -1;
    for (let i = j - 1; i >= 0; i -= 1) {
      length += (lengths[i] ?? 0) + 1;
      if (length > MAX_PARAGRAPH_CHARS && i < j - 1) break;
      const prior = best[i];
      if (!prior) continue;
      const count = prior.count + 1;
      const squares = prior.squares + length * length;
      if (count < choice.count || (count === choice.count && squares < choice.squares)) {
        choice = { count, squares, from: i };
      }
    }
    best[j] = choice;
  }
  const paragraphs: string[] = [];
  for (let j = n; j > 0; ) {
    const from = best[j]?.from ?? 0;
    paragraphs.unshift(sentences.slice(from, j).join(' '));
    j = from;
  }
  return paragraphs;
}

// ---------------------------------------------------------------------------------------------
// Text helpers

function canonicalStatus(written: string): Status {
  const spaced = normalizeSpace(written).toLowerCase();
  const status = STATUSES.find((s) => s.toLowerCase() === spaced);
  if (!status) throw new Error(`parseReport: unknown status "${written}"`);
  return status;
}

/** A phrase as a pattern that allows any whitespace (a page break included) between its words. */
function wordsPattern(phrase: string): string {
  return phrase
    .trim()
    .split(/\s+/u)
    .map((word) => word.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))
    .join('\\s+');
}

function normalizeSpace(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}

/** Headings are not sentences; the report ends a few of them with a full stop and most without. */
function stripFinalStop(title: string): string {
  return title.replace(/\s*\.$/u, '');
}

function clip(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}
