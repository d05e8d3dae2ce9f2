import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { importedReportContent } from '../helpers/importedContent.js';
import { renderHtml, type ExportMeta } from '../../server/export/index.js';
import { DEFAULT_PLAN, DEFAULT_ROUND } from '../../server/seed/buildRoundSeed.js';
import { loadSeedReport } from '../../server/seed/loadSeedReport.js';
import type { PmNode } from '../../shared/prosemirror.js';
import type { ReportContent } from '../../shared/snapshotContent.js';
import { formatViolations, runAxe } from '../helpers/browser.js';
import { browserSuite } from '../helpers/browserSuite.js';

const seedContent = importedReportContent(loadSeedReport(), {
  ...DEFAULT_ROUND,
  planTitle: DEFAULT_PLAN.title,
  deadline: '2012-02-29T12:00:00+01:00',
});

const t = (text: string, marks?: PmNode['marks']): PmNode => (marks ? { type: 'text', text, marks } : { type: 'text', text });
const p = (...content: PmNode[]): PmNode => ({ type: 'paragraph', content });

/** Everything the editor can produce, so axe sees every element the exporter writes. */
const EVERY_NODE: PmNode = {
  type: 'doc',
  content: [
    { type: 'heading', attrs: { level: 2 }, content: [t('Gjennomført i 2011')] },
    p(
      t('Tekst med '),
      t('fet', [{ type: 'bold' }]),
      t(', '),
      t('kursiv', [{ type: 'italic' }]),
      t(', '),
      t('gjennomstreket', [{ type: 'strike' }]),
      t(', '),
      t('understreket', [{ type: 'underline' }]),
      t(', '),
      t('kode', [{ type: 'code' }]),
      t(' og en '),
      t('lenke i teksten', [{ type: 'link', attrs: { href: 'https://www.regjeringen.no/' } }]),
      t('.'),
      { type: 'hardBreak' },
      t('Ny linje.'),
    ),
    {
      type: 'bulletList',
      content: [
        { type: 'listItem', content: [p(t('Punkt'))] },
        {
          type: 'listItem',
          content: [p(t('Punkt med underliste')), { type: 'orderedList', attrs: { start: 3 }, content: [{ type: 'listItem', content: [p(t('Tre'))] }] }],
        },
      ],
    },
    { type: 'heading', attrs: { level: 3 }, content: [t('Videre')] },
    { type: 'blockquote', content: [p(t('Et sitat.'))] },
    { type: 'codeBlock', content: [t('linje 1\nlinje 2')] },
    { type: 'horizontalRule' },
    p(t('e-post', [{ type: 'link', attrs: { href: 'mailto:post@jd.dep.no' } }])),
  ],
};

function withEveryNode(content: ReportContent): ReportContent {
  return { ...content, measures: content.measures.map((m) => (m.number === 5 ? { ...m, narrative: EVERY_NODE } : m)) };
}

const DRAFT: ExportMeta = { draft: true, snapshot: null, generatedAt: '2012-02-20T09:30:00.000Z' };
const FINAL: ExportMeta = {
  draft: false,
  snapshot: {
    id: 'snap-1',
    roundId: DEFAULT_ROUND.id,
    takenAt: '2012-02-29T11:00:00.000Z',
    takenBy: { username: 'koordinator', name: 'Kari Koordinator' },
    reason: 'manual',
    note: 'Tatt før møtet.',
    sha256: 'ab'.repeat(32),
  },
  generatedAt: '2012-03-01T08:00:00.000Z',
};

describe('exported HTML report in Chromium', { timeout: 60_000 }, () => {
  const { person } = browserSuite();

  async function open(html: string): Promise<Page> {
    const { page } = await person(undefined, { label: 'exported report' });
    await page.setContent(html, { waitUntil: 'load' });
    return page;
  }

  for (const [name, meta] of [
    ['draft', DRAFT],
    ['snapshot', FINAL],
  ] as const) {
    it(`the 35-measure seed report (${name}) has no axe WCAG 2.1 A/AA violations`, async () => {
      const current = await open(renderHtml(withEveryNode(seedContent), meta));
      expect(await current.locator('section.measure').count()).toBe(35);
      const violations = await runAxe(current);
      expect(violations, formatViolations(violations)).toEqual([]);
    });
  }

  it('has the landmarks, one h1, a captioned table with header cells, and the print rules applied', async () => {
    const current = await open(renderHtml(withEveryNode(seedContent), DRAFT));
    expect(await current.locator('header').count()).toBe(1);
    expect(await current.locator('main').count()).toBe(1);
    expect(await current.locator('body > footer').count()).toBe(1);
    expect(await current.locator('h1').count()).toBe(1);
    await expect(current.title()).resolves.toMatch(/^UTKAST – Statusrapportering/);
    const table = current.getByRole('table', { name: 'Tiltaksoversikt med status for hvert tiltak' });
    expect(await table.getByRole('columnheader').allTextContents()).toEqual(['Tiltak nr.', 'Tiltak', 'Ansvarlig', 'Status']);
    expect(await table.getByRole('rowheader').count()).toBe(35);
    // The summary row links to its section.
    await table.getByRole('link', { name: 'Støtte ROSA' }).click();
    await expect(current.evaluate(() => window.location.hash)).resolves.toBe('#tiltak-15');

    await current.emulateMedia({ media: 'print' });
    const print = await current.evaluate(() => {
      const style = (selector: string) => getComputedStyle(document.querySelector(selector)!);
      return {
        thead: style('thead').display,
        heading: style('section.measure h2').breakAfter,
        // The status line stays with the narrative's start (the heading with the plan text's).
        status: style('section.measure .status').breakAfter,
        row: style('tbody tr').breakInside,
      };
    });
    expect(print).toEqual({ thead: 'table-header-group', heading: 'avoid', status: 'avoid', row: 'avoid' });
    // The plan's own text is a block quote named for what it is, between the heading and the status.
    const plan = current.locator('#tiltak-2 blockquote.plan');
    await expect(plan.getAttribute('aria-label')).resolves.toBe('Tiltaket i handlingsplanen');
    expect(await current.locator('#tiltak-2 > *').evaluateAll((nodes) => nodes.map((n) => n.tagName.toLowerCase() + (n.className ? `.${n.className}` : '')))).toEqual([
      'h2',
      'blockquote.plan',
      'p.status',
      'div.narrative',
    ]);
  });
});
