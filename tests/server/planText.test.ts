import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ApiErrorSchema } from '../../shared/api.js';
import { ComparisonSchema } from '../../shared/compare.js';
import { MeasureDetailSchema } from '../../shared/measure.js';
import { MeasureSummarySchema } from '../../shared/measureSummary.js';
import { RoundDetailSchema } from '../../shared/round.js';
import { SnapshotSummarySchema } from '../../shared/snapshot.js';
import { SnapshotSchema, type Snapshot } from '../../shared/snapshotContent.js';
import type { ImportSuggestion } from '../../shared/plan.js';
import { DEFAULT_ROUND } from '../../server/seed/buildRoundSeed.js';
import { DATABASE_FILE } from '../../server/store/sqliteStore.js';
import { openEventStream } from '../helpers/events.js';
import { openPdf, pdfText } from '../helpers/pdfText.js';
import { api, patchJson, type Target } from '../helpers/session.js';
import { suiteServer } from '../helpers/suiteServer.js';
import { waitFor } from '../helpers/waitFor.js';

/**
 * A measure's title and plan text: the coordinator's to correct (they quote the plan), through
 * the same PATCH as the status; recorded in snapshots, carried into new rounds, in every export.
 */

const ROUND = DEFAULT_ROUND.id;

async function detail(target: Target, number: number, round: string = ROUND) {
  return MeasureDetailSchema.parse(await (await api(target, `/api/rounds/${round}/measures/${number}`)).json());
}

/** The importer's suggestion for a measure's field, from the round's warnings. */
async function suggestion(target: Target, number: number, field: ImportSuggestion['field']): Promise<ImportSuggestion> {
  const round = RoundDetailSchema.parse(await (await api(target, `/api/rounds/${ROUND}`)).json());
  const found = round.importWarnings.find((w) => w.code === 'conversion_damage' && w.measure === number && w.suggestion?.field === field);
  if (!found?.suggestion) throw new Error(`no ${field} suggestion for measure ${number}`);
  return found.suggestion;
}

async function takeSnapshot(target: Target): Promise<Snapshot> {
  const response = await api(target, `/api/rounds/${ROUND}/snapshots`, { method: 'POST' });
  expect(response.status).toBe(201);
  const { id } = SnapshotSummarySchema.parse(await response.json());
  return SnapshotSchema.parse(await (await api(target, `/api/snapshots/${id}`)).json());
}

describe('a measure’s title and plan text', () => {
  const server = suiteServer();

  it('the coordinator applies the importer’s suggestions to a title and a plan text; the event stream carries both', async () => {
    const stream = await openEventStream(server, ROUND);
    try {
      await waitFor(() => stream.events[0]?.type === 'snapshot', { what: 'the first event' });
      const title = await suggestion(server, 9, 'title');
      const before = await detail(server, 9);
      expect(before.title).toContain(title.find);
      const retitled = await patchJson(server, `/api/rounds/${ROUND}/measures/9`, { title: before.title.replace(title.find, title.replace) });
      expect(retitled.status).toBe(200);
      expect(MeasureSummarySchema.parse(await retitled.json()).title).toBe('Bidra til å bekjempe menneskehandel gjennom EØS-finansieringsmekanismen');

      const plan = await suggestion(server, 11, 'planText');
      const eleven = await detail(server, 11);
      const corrected = eleven.planText.replace(plan.find, plan.replace);
      expect(corrected).toContain('FN-konvensjonen');
      expect((await patchJson(server, `/api/rounds/${ROUND}/measures/11`, { planText: corrected })).status).toBe(200);
      expect(await detail(server, 11)).toMatchObject({ planText: corrected, title: eleven.title, status: eleven.status, carriedOver: false });

      const events = await waitFor(
        () => {
          const nine = stream.events.find((e) => e.type === 'measure' && e.measure.number === 9);
          const elevens = stream.events.find((e) => e.type === 'measure' && e.measure.number === 11);
          return nine && elevens ? { nine, elevens } : false;
        },
        { what: 'both measure events' },
      );
      expect(events.nine).toMatchObject({ measure: { title: 'Bidra til å bekjempe menneskehandel gjennom EØS-finansieringsmekanismen' } });
      expect(events.elevens).toMatchObject({ planText: corrected });
    } finally {
      stream.close();
    }
  });

  it('an editor, even of the measure, may not change them: 403, and nothing changes', async () => {
    const ud = await server.as('ud');
    const before = await detail(server, 3);
    for (const body of [{ title: 'Ny tittel' }, { planText: 'Ny tekst' }, { status: 'Gjennomført', planText: 'Ny tekst' }]) {
      const response = await patchJson(ud, `/api/rounds/${ROUND}/measures/3`, body);
      expect(response.status).toBe(403);
      expect(ApiErrorSchema.parse(await response.json()).error).toMatchObject({ code: 'forbidden' });
    }
    expect(await detail(server, 3)).toEqual(before);
    // The status alone is still theirs.
    expect((await patchJson(ud, `/api/rounds/${ROUND}/measures/3`, { status: 'Gjennomført' })).status).toBe(200);
  });

  it.each([
    ['an empty title', { title: '  ' }, 'title'],
    ['a title of two lines', { title: 'En\nto' }, 'title'],
    ['a title too long', { title: 'x'.repeat(501) }, 'title'],
    ['a title with a lone surrogate', { title: 'Tittel \ud800' }, 'title'],
    ['a plan text that is not text', { planText: 7 }, 'planText'],
    ['a plan text too long', { planText: 'x'.repeat(20_001) }, 'planText'],
  ])('%s is a 400 naming the field, and changes nothing', async (_label, body, field) => {
    const before = await detail(server, 5);
    const response = await patchJson(server, `/api/rounds/${ROUND}/measures/5`, body);
    expect(response.status).toBe(400);
    expect(ApiErrorSchema.parse(await response.json()).error).toMatchObject({ code: 'invalid_field', field });
    expect(await detail(server, 5)).toEqual(before);
  });

  it('a snapshot records every plan text as it is in the round, under a hash that holds, and its PDF shows it', async () => {
    const snapshot = await takeSnapshot(server);
    expect(createHash('sha256').update(JSON.stringify(snapshot.content)).digest('hex')).toBe(snapshot.sha256);
    for (const number of [1, 11, 34]) {
      const measure = snapshot.content.measures.find((m) => m.number === number)!;
      expect(measure.planText).toBe((await detail(server, number)).planText);
    }
    expect(snapshot.content.measures.find((m) => m.number === 11)?.planText).toContain('FN-konvensjonen');

    const response = await api(server, `/api/snapshots/${snapshot.id}/export.pdf`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="statusrapport-2012-02-.*-[0-9a-f]{8}\.pdf"$/);
    // Lines may break after a hyphen: the words are compared without the line breaks.
    const text = (await pdfText(await openPdf(new Uint8Array(await response.arrayBuffer())))).replace(/\s+/g, ' ').replace(/- /g, '-');
    expect(text).toContain('9 Bidra til å bekjempe menneskehandel gjennom EØS-finansieringsmekanismen (UD)');
    expect(text).toContain('er å bidra til at flest mulig land ratifiserer FN-konvensjonen mot menneskehandel');
  });

  it('“what changed” shows a plan-text correction word by word, as a change of the measure', async () => {
    const before = await takeSnapshot(server);
    const twelve = await detail(server, 12);
    const corrected = `${twelve.planText} Evalueringen legges fram i 2013.`;
    expect((await patchJson(server, `/api/rounds/${ROUND}/measures/12`, { planText: corrected })).status).toBe(200);
    const comparison = ComparisonSchema.parse(await (await api(server, `/api/rounds/${ROUND}/compare?from=${before.id}`)).json());
    const compared = comparison.measures.find((m) => m.number === 12);
    expect(compared?.changed).toBe(true);
    // Which full stop counts as the shared one is the diff's choice; the new sentence is added either way.
    expect(compared?.planText.filter((p) => p.kind === 'added').map((p) => p.text).join('')).toMatch(/^\.? ?Evalueringen legges fram i 2013\.?$/);
    expect(compared?.planText.filter((p) => p.kind === 'removed')).toEqual([]);
    expect(compared?.planText.filter((p) => p.kind !== 'added').map((p) => p.text).join('')).toBe(twelve.planText);
    expect(compared?.planText.filter((p) => p.kind !== 'removed').map((p) => p.text).join('')).toBe(corrected);
    expect(comparison.measures.find((m) => m.number === 13)).toMatchObject({ changed: false, planText: [{ kind: 'same' }] });
  });

  it('a new round carries each measure’s title and plan text over, as the round before left them', async () => {
    const response = await api(server, '/api/rounds', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: 'neste-runde', title: 'Statusrapport februar 2013', deadline: '2099-02-28T12:00' }),
    });
    expect(response.status).toBe(201);
    for (const number of [1, 9, 11, 35]) {
      const [before, after] = [await detail(server, number), await detail(server, number, 'neste-runde')];
      expect([after.title, after.planText]).toEqual([before.title, before.planText]);
    }
  });

  it('a snapshot stored before plan texts were recorded still reads, keeps its hash, and exports without them', async () => {
    const recorded = await takeSnapshot(server);
    // The same content as an older release recorded it: no planText on any measure.
    const old = { ...recorded.content, measures: recorded.content.measures.map(({ planText: _planText, ...measure }) => measure) };
    const contentJson = JSON.stringify(old);
    const sha256 = createHash('sha256').update(contentJson).digest('hex');
    const db = new Database(join(server.dataDir, DATABASE_FILE));
    try {
      db.prepare('INSERT INTO snapshots (id, round_id, taken_at, taken_by, reason, note, sha256, content) VALUES (?, ?, ?, NULL, ?, NULL, ?, ?)').run(
        'gammelt-bilde',
        ROUND,
        '2012-02-29T11:00:00.000Z',
        'deadline',
        sha256,
        contentJson,
      );
    } finally {
      db.close();
    }
    const served = SnapshotSchema.parse(await (await api(server, '/api/snapshots/gammelt-bilde')).json());
    expect(served.sha256).toBe(sha256);
    expect(createHash('sha256').update(JSON.stringify(served.content)).digest('hex')).toBe(sha256);
    const markdown = await (await api(server, '/api/snapshots/gammelt-bilde/export.md')).text();
    expect(markdown).toContain('## 1 Være en fortsatt pådriver');
    expect(markdown).not.toMatch(/^> /m);
  });
});
