import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ProseMirrorView, canRender, hasText, safeHref } from '../../client/src/report/ProseMirrorView.js';
import { WordDiff, canShorten } from '../../client/src/report/WordDiff.js';
import { osloWallTime, wallTimeValue } from '../../client/src/rounds/osloWallTime.js';
import { mergeSnapshots, reasonText } from '../../client/src/rounds/snapshotWords.js';
import { renderHtml } from '../../server/export/html.js';
import { diffWords } from '../../shared/diff.js';
import { osloWallTimeToIso } from '../../shared/osloInstant.js';
import type { PmNode } from '../../shared/prosemirror.js';
import type { SnapshotSummary } from '../../shared/snapshot.js';

const text = (value: string, marks?: PmNode['marks']): PmNode => (marks ? { type: 'text', text: value, marks } : { type: 'text', text: value });
const p = (...content: PmNode[]): PmNode => ({ type: 'paragraph', content });
const doc = (...content: PmNode[]): PmNode => ({ type: 'doc', content });
const html = (node: PmNode, sectionLevel = 2): string => renderToStaticMarkup(createElement(ProseMirrorView, { doc: node, sectionLevel }));

/** The snapshot viewer's narrative renderer: the editor's JSON as plain React elements. */
describe('ProseMirrorView', () => {
  it('renders paragraphs, lists, quotes and hard breaks as their HTML elements', () => {
    const out = html(
      doc(
        p(text('Første'), { type: 'hardBreak' }, text('linje to')),
        { type: 'bulletList', content: [{ type: 'listItem', content: [p(text('punkt'))] }] },
        { type: 'orderedList', attrs: { start: 3 }, content: [{ type: 'listItem', content: [p(text('tre'))] }] },
        { type: 'orderedList', attrs: { start: 1 }, content: [{ type: 'listItem', content: [p(text('en'))] }] },
        { type: 'blockquote', content: [p(text('sitat'))] },
      ),
    );
    expect(out).toBe(
      '<p>Første<br/>linje to</p><ul><li><p>punkt</p></li></ul><ol start="3"><li><p>tre</p></li></ol>' +
        '<ol><li><p>en</p></li></ol><blockquote><p>sitat</p></blockquote>',
    );
  });

  it('shifts headings below the section heading without skipping a level', () => {
    const node = doc(
      { type: 'heading', attrs: { level: 2 }, content: [text('A')] },
      { type: 'heading', attrs: { level: 4 }, content: [text('B')] },
      { type: 'heading', attrs: { level: 2 }, content: [text('C')] },
    );
    expect(html(node, 2)).toBe('<h3>A</h3><h4>B</h4><h3>C</h3>');
    expect(html(node, 1)).toBe('<h2>A</h2><h3>B</h3><h2>C</h2>');
    // Never past h6.
    expect(html(doc({ type: 'heading', attrs: { level: 1 }, content: [text('D')] }), 5)).toBe('<h6>D</h6>');
  });

  it('ranks heading levels as the HTML export does: 2, 4, 3 read as h3, h4, h4 (no level skipped)', () => {
    const node = doc(
      { type: 'heading', attrs: { level: 2 }, content: [text('A')] },
      { type: 'heading', attrs: { level: 4 }, content: [text('B')] },
      { type: 'heading', attrs: { level: 3 }, content: [text('C')] },
    );
    expect(html(node, 2)).toBe('<h3>A</h3><h4>B</h4><h4>C</h4>');
    const exported = renderHtml(
      { round: { id: 'r', title: 'R', planTitle: 'P', reportTitle: 'R', deadline: '2026-01-01T12:00:00+01:00', intro: '' }, measures: [{ number: 1, title: 'T', ministries: ['JD'], status: 'Løpende', ready: [], narrative: node, yjsState: '' }] },
      { draft: true, snapshot: null, generatedAt: '2026-01-01T10:00:00.000Z' },
    );
    expect(exported).toContain('<h3>A</h3>\n<h4>B</h4>\n<h4>C</h4>');
  });

  it('nests marks in one order, whatever order the JSON lists them in', () => {
    const href = 'https://www.regjeringen.no/';
    const out = html(doc(p(text('x', [{ type: 'code' }, { type: 'link', attrs: { href } }, { type: 'bold' }, { type: 'italic' }, { type: 'strike' }]))));
    expect(out).toBe(`<p><a href="${href}" rel="noopener noreferrer"><strong><em><s><code>x</code></s></em></strong></a></p>`);
  });

  it('keeps only http, https and mailto links; other targets and text that looks like markup stay text', () => {
    expect(safeHref('mailto:post@jd.dep.no')).toBe('mailto:post@jd.dep.no');
    expect(safeHref(' https://example.org/a ')).toBe('https://example.org/a');
    for (const bad of ['javascript:alert(1)', 'data:text/html,x', '/relative', 'vbscript:x', 42, null]) expect(safeHref(bad)).toBeNull();
    const out = html(doc(p(text('<b>farlig</b>', [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }]))));
    expect(out).toBe('<p>&lt;b&gt;farlig&lt;/b&gt;</p>');
  });

  it('shows nothing, and says it cannot, for a narrative nested deeper than any narrative may be', () => {
    let deep: PmNode = p(text('bunnen'));
    for (let i = 0; i < 50_000; i++) deep = { type: 'blockquote', content: [deep] };
    expect(canRender(doc(deep))).toBe(false);
    expect(html(doc(deep))).toBe('');
    expect(hasText(doc(deep))).toBe(false);
    expect(canRender(doc(p(text('a'))))).toBe(true);
  });

  it('shows the content of nodes it does not know, and knows when there is no text', () => {
    expect(html(doc({ type: 'callout', content: [p(text('inni'))] }, { type: 'mystery', content: [text('bare tekst')] }))).toBe(
      '<p>inni</p><p>bare tekst</p>',
    );
    expect(hasText(doc(p(), p(text('  '))))).toBe(false);
    expect(hasText(doc(p(text('a'))))).toBe(true);
  });
});

/** "What changed": the word diff with <ins>/<del>, said in words too, and long unchanged text shortened. */
describe('WordDiff', () => {
  it('marks added and removed words with ins and del, each with a hidden "lagt til"/"fjernet"', () => {
    const out = renderToStaticMarkup(createElement(WordDiff, { parts: diffWords('Status er løpende.', 'Status er gjennomført.'), full: false }));
    expect(out).toContain('<del class="diff__removed" data-kind="removed"><span class="visually-hidden">fjernet: </span>løpende');
    expect(out).toContain('<ins class="diff__added" data-kind="added"><span class="visually-hidden">lagt til: </span>gjennomført');
  });

  it('shortens long unchanged text around a change to its ends, unless the whole text is asked for', () => {
    const long = Array.from({ length: 120 }, (_, i) => `ord${i}`).join(' ');
    const parts = diffWords(`${long} slutt.`, `${long} ny slutt.`);
    expect(canShorten(parts)).toBe(true);
    const short = renderToStaticMarkup(createElement(WordDiff, { parts, full: false }));
    const full = renderToStaticMarkup(createElement(WordDiff, { parts, full: true }));
    expect(short).toContain('uendret tekst utelatt');
    expect(short).not.toContain('ord0 ');
    expect(short).toContain('ord119');
    expect(full).toContain('ord0 ');
    expect(full).not.toContain('utelatt');
    expect(canShorten(diffWords('kort', 'kort tekst'))).toBe(false);
  });
});

describe('deadline inputs and snapshot words', () => {
  it('turns an instant into Oslo wall time and back, in winter and summer', () => {
    expect(osloWallTime('2026-12-12T11:00:00.000Z')).toEqual({ date: '2026-12-12', time: '12:00' });
    expect(osloWallTime('2026-06-30T22:30:00Z')).toEqual({ date: '2026-07-01', time: '00:30' });
    expect(wallTimeValue('2026-07-01', '00:30:00')).toBe('2026-07-01T00:30');
    const { date, time } = osloWallTime(osloWallTimeToIso('2027-03-28', '12:00'));
    expect(wallTimeValue(date, time)).toBe('2027-03-28T12:00');
  });

  it('says why a snapshot was taken, and merges lists by id in time order', () => {
    expect(reasonText({ reason: 'deadline', takenBy: null })).toBe('Ved fristen');
    expect(reasonText({ reason: 'deadline_at_start', takenBy: null })).toBe('Ved oppstart: fristen gikk ut mens serveren var nede');
    expect(reasonText({ reason: 'manual', takenBy: { username: 'koordinator', name: 'Kari' } })).toBe('Tatt manuelt av Kari');
    const snap = (id: string, takenAt: string): SnapshotSummary => ({
      id,
      roundId: 'r',
      takenAt,
      takenBy: null,
      reason: 'deadline',
      note: null,
      sha256: '0'.repeat(64),
    });
    const merged = mergeSnapshots([snap('b', '2026-01-02T00:00:00Z'), snap('a', '2026-01-01T00:00:00Z')], [snap('b', '2026-01-02T00:00:00Z'), snap('c', '2026-01-03T00:00:00Z')]);
    expect(merged.map((s) => s.id)).toEqual(['a', 'b', 'c']);
  });
});
