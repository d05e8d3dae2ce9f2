import { existsSync, readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import type { ImportedReport } from '../../shared/plan.js';
import { loadSeedReport } from '../../server/seed/loadSeedReport.js';
import { MAX_PARAGRAPH_CHARS, parseReport } from '../../server/seed/parseReport.js';
import { TABLE } from '../helpers/seedTable.js';


/** Sections that carry a `Status:` line, also read by hand. */
const WITH_STATUS_LINE = [2, 3, 4, 5, 6, 7, 10, 12, 13, 16, 19, 21, 22, 28, 30, 31, 32];

const report: ImportedReport = loadSeedReport();

function measure(number: number) {
  const found = report.measures.find((m) => m.number === number);
  if (!found) throw new Error(`no measure ${number}`);
  return found;
}

function warningsFor(code: string, number: number) {
  return report.warnings.filter((w) => w.code === code && w.measure === number);
}

describe('seed report import', () => {
  it('reads all 35 measures in table order', () => {
    expect(report.measures.map((m) => m.number)).toEqual(TABLE.map(([n]) => n));
  });

  it('takes every status and ministry list from the summary table', () => {
    const read = report.measures.map((m) => [m.number, m.ministries, m.status]);
    expect(read).toEqual(TABLE);
  });

  it('reads the report title and introduction', () => {
    expect(report.title).toBe(
      'Statusrapportering for regjeringens handlingsplan mot menneskehandel (2011-2014) februar 2012',
    );
    expect(report.intro.startsWith('Regjeringen la i desember 2010 frem en handlingsplan')).toBe(true);
    expect(report.intro.endsWith('klassifiseres med følgende inndeling:')).toBe(true);
  });

  it('keeps the table status for measure 10 and reports the conflicting section status', () => {
    const ten = measure(10);
    expect(ten.status).toBe('Under gjennomføring');
    expect(ten.sectionStatus).toBe('Under forberedelse');
    const [warning] = warningsFor('status_mismatch', 10);
    expect(warning?.values).toEqual({ table: 'Under gjennomføring', section: 'Under forberedelse' });
    expect(report.warnings.filter((w) => w.code === 'status_mismatch').map((w) => w.measure)).toEqual([10]);
  });

  it('reports measures 34 and 35 as having no section', () => {
    for (const number of [34, 35]) {
      const m = measure(number);
      expect(m.hasSection).toBe(false);
      expect(m.narrative).toEqual([]);
      expect(m.planText).toBe('');
      expect(warningsFor('missing_section', number)).toHaveLength(1);
    }
    expect(measure(34).title).toBe('Inngå samarbeidsavtaler mellom politiet og andre aktører');
    expect(report.measures.filter((m) => !m.hasSection).map((m) => m.number)).toEqual([34, 35]);
  });

  it('reports the ministry lists broken across lines in the table', () => {
    const wrapped = report.warnings.filter((w) => w.code === 'ministries_wrapped').map((w) => w.measure);
    expect(wrapped).toEqual([16, 17, 19]);
    expect(report.warnings.filter((w) => w.code === 'ministries_mismatch')).toEqual([]);
  });

  it('joins titles split around the ministry list', () => {
    expect(measure(1).title).toBe(
      'Være en fortsatt pådriver for å styrke, samordne og gjennomføre det internasjonale regelverket mot menneskehandel, særlig innenfor FN, Europarådet og Østersjørådet',
    );
    expect(measure(16).title).toBe('Drive Lauras Hus som et forsøksprosjekt ut 2011');
    expect(measure(19).title).toBe('Gjennomgå organiseringen og finansieringen av bistanden til ofre');
    expect(measure(24).title).toBe(
      'Sikre bedre oppfølgning av enslige mindreårige asylsøkere og mindreårige uten tilknytning til Norge som påtreffes i kriminelle-/rusmiljøer',
    );
  });

  it('splits plan text from narrative at the Status line', () => {
    const two = measure(2);
    expect(two.sectionStatus).toBe('Gjennomført');
    expect(two.planText.startsWith('For å avdekke menneskehandel')).toBe(true);
    expect(two.planText.endsWith('en eventuell etterfølgende resolusjon om oppfølgende tiltak.')).toBe(true);
    expect(two.narrative[0]?.startsWith('UD har prioritert å følge pengesporet')).toBe(true);
    expect(two.narrative.join(' ')).not.toContain('Status:');
    for (const number of WITH_STATUS_LINE) expect(measure(number).sectionStatus, `measure ${number}`).not.toBeNull();
  });

  it('splits sections without a Status line at a curated hint, and says so', () => {
    const seventeen = measure(17);
    expect(seventeen.sectionStatus).toBeNull();
    expect(seventeen.planText.endsWith('vil være viktig i denne sammenheng.')).toBe(true);
    expect(seventeen.narrative[0]?.startsWith('Husbanken analyserte i 2011')).toBe(true);
    expect(warningsFor('no_status_line', 17)[0]?.values).toMatchObject({ split: 'curated' });

    const withoutStatusLine = report.measures
      .filter((m) => m.hasSection && !WITH_STATUS_LINE.includes(m.number))
      .map((m) => m.number);
    const warned = report.warnings.filter((w) => w.code === 'no_status_line').map((w) => w.measure);
    expect(warned).toEqual(withoutStatusLine);
  });

  it('keeps the whole section as narrative when a hint is not found', () => {
    const text = readFileSync(new URL('../../server/seed/report-2012-02.txt', import.meta.url), 'utf8');
    const parsed = parseReport(text, { splitHints: { 1: 'Words that are not in the section' } });
    const one = parsed.measures.find((m) => m.number === 1);
    expect(one?.planText).toBe('');
    expect(one?.narrative[0]?.startsWith('Norge vil søke å styrke')).toBe(true);
    const warning = parsed.warnings.find((w) => w.code === 'no_status_line' && w.measure === 1);
    expect(warning?.values).toMatchObject({ split: 'none' });
    expect(warning?.message).toMatch(/not in the section/);
  });

  it('keeps paragraphs short unless a single sentence is longer', () => {
    for (const m of report.measures) {
      for (const paragraph of m.narrative) {
        if (paragraph.length > MAX_PARAGRAPH_CHARS) {
          expect(paragraph, `measure ${m.number}`).not.toMatch(/[.!?] \p{Lu}/u);
        }
        expect(paragraph).toBe(paragraph.trim());
      }
    }
  });

  it('never splits inside a sentence or after an abbreviation', () => {
    const paragraphs = report.measures.flatMap((m) => m.narrative);
    for (const paragraph of paragraphs) {
      expect(paragraph).toMatch(/^[\p{Lu}\d«]/u);
      expect(paragraph).not.toMatch(/\b(bl\.a|evt|jf|jfr|pr|nr)\.$/u);
    }
    // "3. kvartal" and "16.12.2011 nr. 1251" stay inside their sentences.
    expect(measure(15).narrative.join(' ')).toContain('Ved utgangen av 3. kvartal 2011 hadde det vært totalt 19 elever');
    expect(measure(18).narrative[0]?.startsWith('Etter 1 i forskrift 16.12.2011 nr. 1251 om sosiale tjenester')).toBe(true);
  });

  it('removes page numbers and breaks paragraphs at pages that end a sentence', () => {
    const one = measure(1).narrative;
    expect(one.join(' ')).not.toContain(' 4 Innenfor');
    expect(one.some((p) => p.endsWith('spesialrepresentantens mandat.'))).toBe(true);
    expect(one.some((p) => p.startsWith('Innenfor Europarådet'))).toBe(true);
    expect(measure(17).planText).not.toContain('forbedringer. 14');
    expect(measure(33).narrative.at(-1)?.endsWith('kompetansegruppe mot menneskehandel.')).toBe(true);
    for (const m of report.measures) {
      const all = [m.planText, ...m.narrative].join('\n');
      expect(all, `measure ${m.number}`).not.toMatch(/[.!?] \d{1,2}(\s+\p{Lu}|$)/mu);
    }
    // A page that ends mid-sentence and goes on in lower case is one sentence.
    expect(measure(15).narrative.join(' ')).toContain('det tar tid for en elev å integrere seg');
  });

  it('reports a page break it cannot vouch for', () => {
    const [warning] = warningsFor('truncated_page', 4);
    expect(warning?.values).toMatchObject({ page: '6' });
    expect(warning?.values.lastWords).toMatch(/Det betyr at$/);
  });

  it('reads a small report of another shape without crashing', () => {
    const text = [
      'En rapport mars 2013 Innledning her. 1',
      'Tiltak 1. Gjøre noe (JD) Løpende nyttig 2. Gjøre mer (UD, jd) Gjennomført 2',
      '1 Gjøre noe nyttig(jd) Planen. Status: Løpende Det ble gjort. 3',
    ].join('\n');
    const parsed = parseReport(text);
    expect(parsed.title).toBe('En rapport mars 2013');
    expect(parsed.measures.map((m) => [m.number, m.title, m.ministries, m.status])).toEqual([
      [1, 'Gjøre noe nyttig', ['JD'], 'Løpende'],
      [2, 'Gjøre mer', ['UD', 'JD'], 'Gjennomført'],
    ]);
    expect(parsed.measures[0]?.narrative).toEqual(['Det ble gjort.']);
    expect(parsed.warnings.map((w) => [w.code, w.measure])).toEqual([['missing_section', 2]]);
  });

  it('throws a clear error on text without a summary table', () => {
    expect(() => parseReport('Bare litt tekst uten tabell. 1')).toThrow(/summary table not found/);
    expect(() => parseReport('')).toThrow(/summary table not found/);
    const tableOnly = 'Tittel mai 2012 Intro. 1\nTiltak 1. Gjøre noe (JD) Løpende 2';
    expect(() => parseReport(tableOnly)).toThrow(/section of measure 1/);
    expect(() => parseReport('Tittel mai 2012 1\nTiltak 1. Gjøre noe (XX) Løpende\n1 Gjøre noe(jd) x')).toThrow(
      /unknown ministry "XX"/,
    );
  });

  it('carries the report text of the shared seed byte for byte', () => {
    const shared = new URL('../../../shared/seed/000_531b08d4dc2e2fa0.txt', import.meta.url);
    // A user's clone has no ../shared; CI has it.
    if (!existsSync(shared)) return;
    const source = readFileSync(shared);
    const marker = Buffer.from('\nTranskript:\n');
    const at = source.indexOf(marker);
    expect(at).toBeGreaterThan(-1);
    const fixture = readFileSync(new URL('../../server/seed/report-2012-02.txt', import.meta.url));
    expect(fixture.equals(source.subarray(at + marker.length))).toBe(true);
  });
});
