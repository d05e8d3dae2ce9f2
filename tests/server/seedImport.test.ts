import { existsSync, readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import type { ImportedReport } from '../../shared/importedReport.js';
import { loadSeedReport } from '../../server/seed/loadSeedReport.js';
import { MAX_PARAGRAPH_CHARS, parseReport } from '../../server/seed/parseReport.js';
import * as Y from 'yjs';
import { linkAddresses } from '../../server/seed/addresses.js';
import { conversionWarnings } from '../../server/seed/conversionDamage.js';
import { narrativeUpdate } from '../../server/seed/buildRoundSeed.js';
import { fragmentToProseMirror, narrativeFragment, narrativeText } from '../../shared/narrative.js';
import { narrativeBlocks } from '../../shared/narrativeBlocks.js';
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

  it('takes the summary table’s title where the heading words it otherwise, and says so (9 and 25)', () => {
    expect(measure(9).title).toBe('Bidra til å bekjempe menneskehandel gjennom EØSfinansieringsmekanismen');
    expect(measure(25).title).toBe('Fortsette innsatsen for å forebygge og oppklare barns forsvinninger fra barnevernets omsorgssenter eller asylmottak');
    expect(report.warnings.filter((w) => w.code === 'title_mismatch').map((w) => [w.measure, w.values])).toEqual([
      [9, { table: 'Bidra til å bekjempe menneskehandel gjennom EØSfinansieringsmekanismen', section: 'Bidra til å bekjempe menneskehandel gjennom EØS-finansieringsmekanismen' }],
      [
        25,
        {
          table: 'Fortsette innsatsen for å forebygge og oppklare barns forsvinninger fra barnevernets omsorgssenter eller asylmottak',
          section: 'Fortsette innsatsen for å forebygge og oppklare at barn forsvinner fra barnevernets omsorgssenter eller asylmottak',
        },
      ],
    ]);
  });

  it('reports every piece of PDF conversion damage with its correction, and changes none of it', () => {
    const damage = report.warnings.filter((w) => w.code === 'conversion_damage');
    expect(damage.map((w) => [w.measure, w.values.damage, w.suggestion])).toEqual([
      [1, 'spaced_brackets', { field: 'planText', find: '( domestic workers )', replace: '(domestic workers)' }],
      [1, 'spaced_brackets', { field: 'narrative', find: '( domestic workers )', replace: '(domestic workers)' }],
      [9, 'lost_hyphen', { field: 'title', find: 'EØSfinansieringsmekanismen', replace: 'EØS-finansieringsmekanismen' }],
      [11, 'lost_hyphen', { field: 'planText', find: 'FNkonvensjonen', replace: 'FN-konvensjonen' }],
      [11, 'spaced_brackets', { field: 'narrative', find: '( work package 4 )', replace: '(work package 4)' }],
      [18, 'lost_section_sign', { field: 'narrative', find: '1 i forskrift', replace: '§ 1 i forskrift' }],
      [18, 'lost_section_sign', { field: 'narrative', find: 'utlendingsforskriften 8-3', replace: 'utlendingsforskriften § 8-3' }],
      [18, 'lost_hyphen', { field: 'narrative', find: 'NAVkontoret', replace: 'NAV-kontoret' }],
      [20, 'lost_section_sign', { field: 'narrative', find: '1 i prioriteringsforskriften', replace: '§ 1 i prioriteringsforskriften' }],
      [20, 'lost_section_sign', { field: 'narrative', find: 'jfr. 5', replace: 'jfr. § 5' }],
      [22, 'lost_hyphen', { field: 'narrative', find: 'IDdokumenter', replace: 'ID-dokumenter' }],
    ]);
    for (const warning of damage) {
      const m = measure(warning.measure!);
      const { field, find } = warning.suggestion!;
      const paragraphs = field === 'title' ? [m.title] : field === 'planText' ? [m.planText] : m.narrative;
      // The text is as found, and what to change is in exactly one place of the field.
      const places = paragraphs.flatMap((paragraph) => paragraph.split(find).length - 1);
      expect(places.reduce((a, b) => a + b, 0), `${warning.measure} ${field}: ${find}`).toBe(1);
      expect(warning.message).toContain(`"${warning.values.found}"`);
    }
    // No § anywhere: the importer did not put one back.
    expect(JSON.stringify(report.measures)).not.toContain('§');
  });

  it('tells conversion damage from ordinary writing, and gives no suggestion where it cannot name one place', () => {
    const none = conversionWarnings(1, [{ field: 'narrative', paragraphs: ['FNs og NGOen (UD) møttes etter loven 2011 og 16.12.2011, jf. tiltak 27.'] }]);
    expect(none).toEqual([]);
    const twice = conversionWarnings(2, [{ field: 'narrative', paragraphs: ['Se IDkort.', 'Se IDkort.'] }]);
    expect(twice.map((w) => [w.values.found, w.suggestion])).toEqual([
      ['IDkort', undefined],
      ['IDkort', undefined],
    ]);
    const widened = conversionWarnings(3, [{ field: 'narrative', paragraphs: ['Et IDkort her og et IDkort der.'] }]);
    expect(widened.map((w) => w.suggestion)).toEqual([
      // Widened a word on each side at a time, until it names one place.
      { field: 'narrative', find: 'Et IDkort her', replace: 'Et ID-kort her' },
      { field: 'narrative', find: 'et IDkort der.', replace: 'et ID-kort der.' },
    ]);
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

  it('makes the web addresses in a narrative links on import, the text as written', () => {
    const addresses = report.measures.flatMap((m) => {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, narrativeUpdate(m.narrative));
      const linked = narrativeBlocks(fragmentToProseMirror(narrativeFragment(doc)))!.flatMap((block) =>
        block.kind === 'paragraph' ? block.inlines.flatMap((inline) => (inline.kind === 'text' && inline.marks.href ? [[m.number, inline.text, inline.marks.href]] : [])) : [],
      );
      expect(narrativeText(narrativeFragment(doc))).toBe(m.narrative.join('\n\n'));
      doc.destroy();
      return linked;
    });
    expect(addresses).toEqual([
      [1, 'http://www.norad.no/no/resultater/publikasjoner/evalueringer/publikasjon?key=259795', 'http://www.norad.no/no/resultater/publikasjoner/evalueringer/publikasjon?key=259795'],
      [6, 'https://www.politi.no/vedlegg/lokale_vedlegg/politidirektoratet/vedlegg_1407.pdf', 'https://www.politi.no/vedlegg/lokale_vedlegg/politidirektoratet/vedlegg_1407.pdf'],
      [16, 'http://www.bymisjon.no/pagefiles/15016/evalueringsrapport_lauras_hus+vedlegg.pdf', 'http://www.bymisjon.no/pagefiles/15016/evalueringsrapport_lauras_hus+vedlegg.pdf'],
      [29, 'https://www.politi.no/oslo/strategier_og_analyser/statistikker_og_analyser/tema_938.xhtml', 'https://www.politi.no/oslo/strategier_og_analyser/statistikker_og_analyser/tema_938.xhtml'],
    ]);
  });

  it('finds web and e-mail addresses, leaving the punctuation after them out', () => {
    expect(linkAddresses('Skriv til post@jd.dep.no. Se (https://no.wikipedia.org/wiki/Oslo_(by)), eller http://a.no/b?c=1&d=2, så.')).toEqual([
      { text: 'Skriv til ' },
      { text: 'post@jd.dep.no', href: 'mailto:post@jd.dep.no' },
      { text: '. Se (' },
      { text: 'https://no.wikipedia.org/wiki/Oslo_(by)', href: 'https://no.wikipedia.org/wiki/Oslo_(by)' },
      { text: '), eller ' },
      { text: 'http://a.no/b?c=1&d=2', href: 'http://a.no/b?c=1&d=2' },
      { text: ', så.' },
    ]);
    expect(linkAddresses('Ingen adresse her.')).toEqual([{ text: 'Ingen adresse her.' }]);
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
