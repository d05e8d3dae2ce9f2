import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { compareReports, diffWords, MeasureComparisonSchema, pmToPlainText, type DiffPart } from '../../shared/diff.js';
import type { PmNode } from '../../shared/prosemirror.js';
import type { ReportContent, ReportMeasure } from '../../shared/snapshotContent.js';
import type { Status } from '../../shared/status.js';

const text = (value: string, marks?: PmNode['marks']): PmNode => (marks ? { type: 'text', text: value, marks } : { type: 'text', text: value });
const paragraph = (...content: PmNode[]): PmNode => ({ type: 'paragraph', content });
const doc = (...content: PmNode[]): PmNode => ({ type: 'doc', content });

function measure(number: number, status: Status, paragraphs: string[], extra: Partial<ReportMeasure> = {}): ReportMeasure {
  return {
    number,
    title: `Tiltak ${number}`,
    ministries: ['JD'],
    status,
    ready: [],
    narrative: doc(...paragraphs.map((p) => paragraph(text(p)))),
    renderable: true,
    yjsState: '',
    ...extra,
  };
}

function report(measures: ReportMeasure[]): ReportContent {
  return {
    round: {
      id: 'statusrapport-2012-02',
      title: 'Statusrapport februar 2012',
      planTitle: 'Regjeringens handlingsplan mot menneskehandel (2011–2014)',
      reportTitle: 'Statusrapportering februar 2012',
      deadline: '2012-02-29T12:00:00+01:00',
      intro: '',
    },
    measures,
  };
}

const sideOf = (parts: DiffPart[], side: 'before' | 'after'): string =>
  parts
    .filter((part) => part.kind === 'same' || part.kind === (side === 'before' ? 'removed' : 'added'))
    .map((part) => part.text)
    .join('');

const textOf = (parts: DiffPart[], kind: DiffPart['kind']): string[] => parts.filter((p) => p.kind === kind).map((p) => p.text);

/** A deterministic pseudo-random text generator (Park–Miller), so failures can be replayed. */
function randomTexts(seed: number, count: number): string[] {
  let state = seed;
  const next = (): number => (state = (state * 16_807) % 2_147_483_647) / 2_147_483_647;
  const vocabulary = ['og', 'i', 'tiltak', 'menneskehandel', 'ofre', 'JD', 'UD', '2012', ',', '.', ' ', '  ', '\n\n', 'Ø', 'æøå', '«sitat»', '–', '😀', '(KOM)', 'pr.'];
  return Array.from({ length: count }, () => {
    const words = Math.floor(next() * 60);
    let out = '';
    for (let i = 0; i < words; i++) out += vocabulary[Math.floor(next() * vocabulary.length)]! + (next() < 0.6 ? ' ' : '');
    return out;
  });
}

describe('diffWords', () => {
  it('finds an inserted sentence as one added part and nothing removed', () => {
    const before = 'KOM utgav årsrapport for 2010 i august 2011. Rapporten gir en grundig oversikt.';
    const after = 'KOM utgav årsrapport for 2010 i august 2011. Den er tilgjengelig på nett. Rapporten gir en grundig oversikt.';
    const parts = diffWords(before, after);
    expect(textOf(parts, 'removed')).toEqual([]);
    expect(textOf(parts, 'added').map((t) => t.trim())).toEqual(['Den er tilgjengelig på nett.']);
    expect(sideOf(parts, 'before')).toBe(before);
    expect(sideOf(parts, 'after')).toBe(after);
  });

  it('finds a deleted phrase and a replaced word', () => {
    const parts = diffWords(
      'Seminaret skal etter planen avholdes våren 2012 i Trondheim.',
      'Seminaret skal avholdes høsten 2012 i Trondheim.',
    );
    expect(textOf(parts, 'removed').map((t) => t.trim())).toEqual(['etter planen', 'våren']);
    expect(textOf(parts, 'added').map((t) => t.trim())).toEqual(['høsten']);
  });

  it('works on words: a changed word is not split into letters', () => {
    const parts = diffWords('status Løpende nå', 'status Gjennomført nå');
    expect(parts).toEqual([
      { kind: 'same', text: 'status ' },
      { kind: 'removed', text: 'Løpende' },
      { kind: 'added', text: 'Gjennomført' },
      { kind: 'same', text: ' nå' },
    ]);
  });

  it('gives nothing for two empty texts and one part for equal texts', () => {
    expect(diffWords('', '')).toEqual([]);
    expect(diffWords('Uendret tekst.', 'Uendret tekst.')).toEqual([{ kind: 'same', text: 'Uendret tekst.' }]);
    expect(diffWords('', 'Ny')).toEqual([{ kind: 'added', text: 'Ny' }]);
    expect(diffWords('Borte', '')).toEqual([{ kind: 'removed', text: 'Borte' }]);
  });

  it('reassembles both sides, with merged non-empty parts, for varied inputs', () => {
    const fixed: [string, string][] = [
      ['Norge støttet vedtaket.', 'Norge støttet ikke vedtaket!'],
      ['a b c d e f', 'f e d c b a'],
      ['  leading and trailing  ', 'leading\tand\ntrailing'],
      ['Østersjørådet (CBSS), 2011–2014.', 'Østersjørådet, 2011–2014 (CBSS).'],
      ['emoji 😀 og æøå', 'emoji 😀😀 og ÆØÅ'],
      ['one\n\ntwo\n\nthree', 'three\n\ntwo\n\none'],
      ['', 'only after'],
      ['only before', ''],
    ];
    const random = randomTexts(42, 40);
    const pairs = [...fixed, ...random.slice(0, 20).map((before, i): [string, string] => [before, random[20 + i]!])];
    // Edits of one text: a word dropped, a sentence inserted, everything doubled.
    for (const base of random.slice(0, 5)) {
      pairs.push([base, base.replace(/\S+/, '')], [base, `${base.slice(0, base.length / 2)} Ny setning. ${base.slice(base.length / 2)}`], [base, base + base]);
    }
    for (const [before, after] of pairs) {
      const parts = diffWords(before, after);
      expect(sideOf(parts, 'before'), JSON.stringify({ before, after })).toBe(before);
      expect(sideOf(parts, 'after'), JSON.stringify({ before, after })).toBe(after);
      expect(parts.every((part) => part.text !== '')).toBe(true);
      parts.slice(1).forEach((part, i) => expect(part.kind, 'adjacent parts of one kind').not.toBe(parts[i]!.kind));
    }
  });

  it('diffs 30 000-character narratives well under a second, even when rewritten from scratch', () => {
    const sentence = (i: number): string => `Tiltak ${i} ble fulgt opp av departementet i ${2011 + (i % 3)}, med ${i * 7} deltakere. `;
    const before = Array.from({ length: 500 }, (_, i) => sentence(i)).join('').slice(0, 30_000);
    const edited = before.replace(/deltakere/g, (match, offset: number) => (offset % 7 === 0 ? 'personer' : match));
    const rewritten = randomTexts(7, 2_000).join(' ').slice(0, 30_000);
    expect(before.length).toBe(30_000);
    expect(rewritten.length).toBe(30_000);
    for (const after of [edited, rewritten]) {
      const started = performance.now();
      const parts = diffWords(before, after);
      const elapsed = performance.now() - started;
      expect(elapsed).toBeLessThan(1_000);
      expect(sideOf(parts, 'before')).toBe(before);
      expect(sideOf(parts, 'after')).toBe(after);
    }
  });
});

describe('pmToPlainText', () => {
  it('reads headings, paragraphs, list items and code as blocks separated by a blank line, hard breaks as newlines', () => {
    const narrative = doc(
      { type: 'heading', attrs: { level: 2 }, content: [text('Status')] },
      paragraph(text('Viktig', [{ type: 'bold' }]), text(' og vanlig'), { type: 'hardBreak' }, text('ny linje')),
      paragraph(),
      { type: 'bulletList', content: [{ type: 'listItem', content: [paragraph(text('Punkt'))] }] },
      { type: 'codeBlock', content: [text('kode')] },
    );
    expect(pmToPlainText(narrative)).toBe('Status\n\nViktig og vanlig\nny linje\n\nPunkt\n\nkode');
    expect(pmToPlainText(doc())).toBe('');
  });
});

describe('compareReports', () => {
  const before = report([
    measure(1, 'Løpende', ['Første avsnitt.', 'Andre avsnitt.']),
    measure(2, 'Under forberedelse', ['Arbeidet er ikke startet.']),
    measure(3, 'Gjennomført', ['Ferdig.']),
    measure(4, 'Ikke igangsatt', ['Skal bort.']),
  ]);
  const after = report([
    measure(1, 'Løpende', ['Første avsnitt.', 'Andre avsnitt.']),
    measure(2, 'Under gjennomføring', ['Arbeidet er startet.', 'Et seminar holdes i mars.']),
    measure(3, 'Gjennomført', [], { narrative: doc(paragraph(text('Ferdig.', [{ type: 'bold' }]))) }),
    measure(5, 'Under forberedelse', ['Nytt tiltak.']),
  ]);
  const comparisons = compareReports(before, after);
  const byNumber = (n: number) => comparisons.find((c) => c.number === n)!;

  it('covers every measure number present in either report, in order', () => {
    expect(comparisons.map((c) => c.number)).toEqual([1, 2, 3, 4, 5]);
    expect(z.array(MeasureComparisonSchema).parse(JSON.parse(JSON.stringify(comparisons)))).toEqual(comparisons);
  });

  it('marks an unchanged measure unchanged, with its whole text as one shared part', () => {
    expect(byNumber(1)).toEqual({
      number: 1,
      title: 'Tiltak 1',
      status: { before: 'Løpende', after: 'Løpende' },
      changed: false,
      narrative: [{ kind: 'same', text: 'Første avsnitt.\n\nAndre avsnitt.' }],
      planText: [],
    });
  });

  it('shows a change of the plan text word by word, and counts it as a change with the narrative the same', () => {
    const [planChanged] = compareReports(
      report([measure(6, 'Løpende', ['Uendret.'], { planText: 'Utgi årlige tilstandsrapporter.' })]),
      report([measure(6, 'Løpende', ['Uendret.'], { planText: 'Utgi halvårlige tilstandsrapporter.' })]),
    );
    expect(planChanged!.changed).toBe(true);
    expect(planChanged!.narrative).toEqual([{ kind: 'same', text: 'Uendret.' }]);
    expect(textOf(planChanged!.planText, 'removed').map((t) => t.trim())).toEqual(['årlige']);
    expect(textOf(planChanged!.planText, 'added').map((t) => t.trim())).toEqual(['halvårlige']);
    const [planSame] = compareReports(
      report([measure(6, 'Løpende', ['Uendret.'], { planText: 'Samme.' })]),
      report([measure(6, 'Løpende', ['Uendret.'], { planText: 'Samme.' })]),
    );
    expect(planSame).toMatchObject({ changed: false, planText: [{ kind: 'same', text: 'Samme.' }] });
  });

  it('detects a status change, a deleted word and an added paragraph', () => {
    const two = byNumber(2);
    expect(two.changed).toBe(true);
    expect(two.status).toEqual({ before: 'Under forberedelse', after: 'Under gjennomføring' });
    expect(textOf(two.narrative, 'removed').map((t) => t.trim())).toEqual(['ikke']);
    // Which of the two full stops counts as the shared one is the diff's choice; the new sentence is added either way.
    expect(textOf(two.narrative, 'added').join('')).toMatch(/^\.?\n\nEt seminar holdes i mars\.?$/);
    expect(sideOf(two.narrative, 'before')).toBe('Arbeidet er ikke startet.');
    expect(sideOf(two.narrative, 'after')).toBe('Arbeidet er startet.\n\nEt seminar holdes i mars.');
  });

  it('counts a formatting-only edit as a change, with the text unchanged', () => {
    expect(byNumber(3).changed).toBe(true);
    expect(byNumber(3).narrative).toEqual([{ kind: 'same', text: 'Ferdig.' }]);
  });

  it('shows a removed measure as all removed and a new one as all added, status null on the absent side', () => {
    expect(byNumber(4)).toMatchObject({ status: { before: 'Ikke igangsatt', after: null }, changed: true, narrative: [{ kind: 'removed', text: 'Skal bort.' }] });
    expect(byNumber(5)).toMatchObject({ status: { before: null, after: 'Under forberedelse' }, changed: true, narrative: [{ kind: 'added', text: 'Nytt tiltak.' }] });
  });
});
