import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import * as Y from 'yjs';
import { anchoredText, anchorFromTextPositions } from '../../shared/anchors.js';
import { MAX_QUOTE_CHARS, ThreadSchema, type Anchor, type Thread } from '../../shared/comments.js';
import { measureDocName, NARRATIVE_FIELD } from '../../shared/documentLayout.js';
import { DEFAULT_ROUND } from '../../server/seed/buildRoundSeed.js';
import { connectClient, synced, type TestClient } from '../helpers/clients.js';
import { openEventStream } from '../helpers/events.js';
import { api, type Target } from '../helpers/session.js';
import { suiteServer } from '../helpers/suiteServer.js';
import { waitFor } from '../helpers/waitFor.js';

const ROUND = DEFAULT_ROUND.id;
/** Measure 5 is JD's alone. */
const MEASURE = 5;
const THREADS = `/api/rounds/${ROUND}/measures/${MEASURE}/threads`;

function send(target: Target, method: string, path: string, body?: unknown): Promise<Response> {
  return api(target, path, {
    method,
    ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
}

async function thread(response: Response, status = 200): Promise<Thread> {
  expect(response.status).toBe(status);
  return ThreadSchema.parse(await response.json());
}

async function threadsOf(target: Target, path = THREADS): Promise<Thread[]> {
  const response = await api(target, path);
  expect(response.status).toBe(200);
  return z.array(ThreadSchema).parse(await response.json());
}

describe('comment threads', () => {
  const server = suiteServer();
  let jd: Target;
  let hod: Target;
  const clients: TestClient[] = [];

  beforeAll(async () => {
    [jd, hod] = await Promise.all([server.as('jd'), server.as('hod')]);
  });
  afterEach(() => {
    for (const client of clients.splice(0)) client.destroy();
  });

  it('stamps the author from the session; a request naming an author is refused and stores nothing', async () => {
    const before = (await threadsOf(hod)).length;
    const forged = await send(hod, 'POST', THREADS, {
      body: 'Jeg er koordinatoren.',
      author: { username: 'koordinator', name: 'Koordinator', ministry: null },
    });
    expect(forged.status).toBe(400);
    expect(await forged.json()).toMatchObject({ error: { code: 'invalid_field', field: 'author' } });
    expect((await threadsOf(hod)).length).toBe(before);

    const started = await thread(await send(hod, 'POST', THREADS, { body: 'Er tallet for 2011 riktig?' }), 201);
    expect(started.comments).toHaveLength(1);
    expect(started.comments[0]?.author).toEqual({ username: 'hod', name: 'Redaktør HOD', ministry: 'HOD' });
    expect(started).toMatchObject({ measure: MEASURE, anchor: null, quote: null, resolved: false });
    expect((await threadsOf(jd)).map((t) => t.id)).toContain(started.id);
  });

  it("replies; edits and deletes only one's own comment (the coordinator may delete any)", async () => {
    const started = await thread(await send(jd, 'POST', THREADS, { body: 'Utkast klart.' }), 201);
    const replied = await thread(await send(hod, 'POST', `/api/threads/${started.id}/comments`, { body: 'Takk!' }), 201);
    expect(replied.comments.map((c) => [c.author.username, c.body])).toEqual([
      ['jd', 'Utkast klart.'],
      ['hod', 'Takk!'],
    ]);
    const [first, second] = replied.comments;
    if (!first || !second) throw new Error('two comments expected');

    const foreignEdit = await send(hod, 'PATCH', `/api/comments/${first.id}`, { body: 'HOD skriver om JDs kommentar.' });
    expect(foreignEdit.status).toBe(403);
    expect((await send(hod, 'DELETE', `/api/comments/${first.id}`)).status).toBe(403);
    const coordinatorEdit = await send(server, 'PATCH', `/api/comments/${first.id}`, { body: 'Koordinatoren omskriver.' });
    expect(coordinatorEdit.status).toBe(403);

    const edited = await thread(await send(jd, 'PATCH', `/api/comments/${first.id}`, { body: 'Utkast klart (rettet).' }));
    expect(edited.comments[0]).toMatchObject({ body: 'Utkast klart (rettet).', author: { username: 'jd' } });
    expect(edited.comments[0]?.editedAt).not.toBeNull();
    expect((await send(jd, 'PATCH', `/api/comments/${first.id}`, { body: '   ' })).status).toBe(400);

    expect((await send(hod, 'DELETE', `/api/comments/${second.id}`)).status).toBe(204);
    expect((await send(server, 'DELETE', `/api/comments/${first.id}`)).status).toBe(204);
    // The last comment took the thread with it.
    expect((await threadsOf(jd)).map((t) => t.id)).not.toContain(started.id);
    expect((await send(jd, 'POST', `/api/threads/${started.id}/comments`, { body: 'Hei?' })).status).toBe(404);
  });

  it("resolving is for the measure's ministries, the coordinator and whoever started the thread; everyone sees it live", async () => {
    const stream = await openEventStream(hod, ROUND);
    await waitFor(() => stream.events[0]?.type === 'snapshot', { what: 'snapshot' });
    const openBefore = (await threadsOf(hod)).filter((t) => !t.resolved).length;
    const started = await thread(await send(hod, 'POST', THREADS, { body: 'Mangler kilde.' }), 201);
    await waitFor(() => stream.events.some((e) => e.type === 'thread' && e.thread.id === started.id), { what: 'thread event' });
    await waitFor(
      () => stream.events.some((e) => e.type === 'measure' && e.measure.number === MEASURE && e.measure.openThreads === openBefore + 1),
      { what: 'open count event' },
    );

    // Another ministry's editor who did not start it may not; HOD, who asked, may.
    expect((await send(await server.as('ud'), 'POST', `/api/threads/${started.id}/resolve`)).status).toBe(403);
    expect((await thread(await send(hod, 'POST', `/api/threads/${started.id}/resolve`))).resolved).toBe(true);
    expect((await thread(await send(hod, 'POST', `/api/threads/${started.id}/reopen`))).resolved).toBe(false);
    const resolved = await thread(await send(jd, 'POST', `/api/threads/${started.id}/resolve`));
    expect(resolved).toMatchObject({ resolved: true, resolvedBy: { username: 'jd' } });
    await waitFor(
      () => stream.events.some((e) => e.type === 'thread' && e.thread.id === started.id && e.thread.resolved),
      { what: 'resolution event' },
    );
    const reopened = await thread(await send(server, 'POST', `/api/threads/${started.id}/reopen`));
    expect(reopened).toMatchObject({ resolved: false, resolvedBy: null });
    // Anyone may still reply to it.
    expect((await send(hod, 'POST', `/api/threads/${started.id}/comments`, { body: 'Kilde lagt til.' })).status).toBe(201);
    stream.close();
  });

  it("a mention puts the thread in that ministry's waiting list until the ministry answers", async () => {
    const asked = await thread(await send(server, 'POST', THREADS, { body: '@JD, kan dere legge inn 2011-tallene?' }), 201);
    expect(asked.mentions).toEqual(['JD']);
    expect(asked.waitingFor).toEqual(['JD']);
    const waiting = await threadsOf(jd, `/api/rounds/${ROUND}/threads?waitingFor=JD`);
    expect(waiting.map((t) => t.id)).toContain(asked.id);
    expect((await threadsOf(jd, `/api/rounds/${ROUND}/threads?waitingFor=HOD`)).map((t) => t.id)).not.toContain(asked.id);
    expect((await api(jd, `/api/rounds/${ROUND}/threads?waitingFor=XX`)).status).toBe(400);

    await send(jd, 'POST', `/api/threads/${asked.id}/comments`, { body: 'Lagt inn.' });
    expect((await threadsOf(jd, `/api/rounds/${ROUND}/threads?waitingFor=JD`)).map((t) => t.id)).not.toContain(asked.id);
  });

  it('a question waiting in an older round is still listed once a new round has started', async () => {
    const asked = await thread(await send(server, 'POST', THREADS, { body: '@JD, hva med tallene?' }), 201);
    expect((await send(server, 'POST', '/api/rounds', { title: 'Statusrapport 2013', deadline: '2030-02-28T12:00' })).status).toBe(201);
    const waiting = await threadsOf(jd, '/api/threads?waitingFor=jd');
    expect(waiting.find((t) => t.id === asked.id)).toMatchObject({ roundId: ROUND, waitingFor: ['JD'] });
    expect((await threadsOf(jd, '/api/threads?waitingFor=HOD')).map((t) => t.id)).not.toContain(asked.id);
    expect((await api(jd, '/api/threads?waitingFor=XX')).status).toBe(400);
  });

  it('an anchor stays on its words while two clients insert and delete around and inside it', async () => {
    const doc = measureDocName(ROUND, MEASURE);
    const a = connectClient(jd, doc);
    const b = connectClient(server, doc);
    clients.push(a, b);
    await Promise.all([synced(a), synced(b)]);

    // A new paragraph to anchor in: "Innledning. Tallene for 2011 mangler fortsatt. Slutt."
    const paragraph = new Y.XmlElement('paragraph');
    const text = new Y.XmlText('Innledning. Tallene for 2011 mangler fortsatt. Slutt.');
    paragraph.insert(0, [text]);
    a.doc.getXmlFragment(NARRATIVE_FIELD).insert(0, [paragraph]);
    await waitFor(() => b.text().includes('Tallene for 2011'), { what: 'paragraph at B' });

    const words = 'Tallene for 2011 mangler';
    const from = text.toJSON().indexOf(words);
    const anchor: Anchor = anchorFromTextPositions({ text, index: from }, { text, index: from + words.length });
    const started = await thread(await send(hod, 'POST', THREADS, { body: 'Hvilke tall?', anchor }), 201);
    expect(started.quote).toBe(words);

    // Concurrently: A types before, inside and right at both edges; B deletes before and after.
    const bText = b.doc.getXmlFragment(NARRATIVE_FIELD).get(0) as Y.XmlElement;
    const bInner = bText.get(0) as Y.XmlText;
    a.doc.transact(() => {
      text.insert(from + words.length, '!'); // right after the end: outside
      text.insert(from + 'Tallene for '.length, 'de endelige '); // inside
      text.insert(from, '>'); // right before the start: outside
      text.insert(0, 'Ny start. '); // before
    });
    b.doc.transact(() => {
      bInner.delete(0, 'Innledning. '.length); // before
      bInner.delete(bInner.length - ' Slutt.'.length, ' Slutt.'.length); // after
    });
    await waitFor(() => a.text() === b.text() && !a.text().includes('Slutt') && a.text().includes('Ny start'), {
      what: 'both clients converged',
    });
    const expected = 'Tallene for de endelige 2011 mangler';
    expect(anchoredText(a.doc, a.doc.getXmlFragment(NARRATIVE_FIELD), anchor)).toBe(expected);
    expect(anchoredText(b.doc, b.doc.getXmlFragment(NARRATIVE_FIELD), anchor)).toBe(expected);
    expect(a.text()).toContain(`>${expected}!`);
    const [now] = (await threadsOf(jd)).filter((t) => t.id === started.id);
    expect(now).toMatchObject({ quote: words, detached: false });

    // The passage deleted: the thread stays, marked as detached, with its quote.
    const start = text.toJSON().indexOf(expected);
    text.delete(start, expected.length);
    await waitFor(() => !b.text().includes('endelige'), { what: 'deletion at B' });
    expect(anchoredText(b.doc, b.doc.getXmlFragment(NARRATIVE_FIELD), anchor)).toBeNull();
    await waitFor(async () => (await threadsOf(jd)).find((t) => t.id === started.id)?.detached === true, {
      what: 'thread detached',
    });
    expect((await threadsOf(jd)).find((t) => t.id === started.id)?.quote).toBe(words);
  });

  it(`a passage longer than ${MAX_QUOTE_CHARS} characters is quoted that long, cut with an ellipsis; each thread of a list is judged on its own passage`, async () => {
    const doc = measureDocName(ROUND, MEASURE);
    const writer = connectClient(jd, doc);
    clients.push(writer);
    await synced(writer);
    const long = 'Lang passasje om tiltaket. '.repeat(60).trim();
    const paragraph = new Y.XmlElement('paragraph');
    const text = new Y.XmlText(`${long} Kort.`);
    paragraph.insert(0, [text]);
    writer.doc.getXmlFragment(NARRATIVE_FIELD).insert(0, [paragraph]);
    await waitFor(async () => ((await (await api(jd, `/api/rounds/${ROUND}/measures/${MEASURE}`)).json()) as { narrative: string }).narrative.includes('Kort.'), {
      what: 'the long paragraph stored',
    });

    const whole = anchorFromTextPositions({ text, index: 0 }, { text, index: long.length });
    const started = await thread(await send(hod, 'POST', THREADS, { body: 'Hele avsnittet?', anchor: whole }), 201);
    const quote = started.quote ?? '';
    expect(quote.length).toBeLessThanOrEqual(MAX_QUOTE_CHARS);
    expect(quote.length).toBeGreaterThan(MAX_QUOTE_CHARS - 5);
    expect(quote.endsWith('…')).toBe(true);
    expect(long.startsWith(quote.slice(0, -1))).toBe(true);

    const shortFrom = long.length + 1;
    const short = await thread(
      await send(hod, 'POST', THREADS, { body: 'Kort?', anchor: anchorFromTextPositions({ text, index: shortFrom }, { text, index: shortFrom + 'Kort'.length }) }),
      201,
    );
    expect(short.quote).toBe('Kort');
    // The short passage deleted: only its thread is detached.
    text.delete(shortFrom, 'Kort.'.length);
    await waitFor(async () => (await threadsOf(jd)).find((t) => t.id === short.id)?.detached === true, { what: 'the short passage’s thread detached' });
    expect((await threadsOf(jd)).find((t) => t.id === started.id)?.detached).toBe(false);
  });

  it('an anchor that is not Yjs positions, or covers no text, is a 400 naming the anchor', async () => {
    const garbage = await send(jd, 'POST', THREADS, { body: 'x', anchor: { start: 'AAAA', end: 'AAAA' } });
    expect(garbage.status).toBe(400);
    expect(await garbage.json()).toMatchObject({ error: { field: 'anchor' } });
    const other = new Y.Doc();
    const text = new Y.XmlText('ikke i dette dokumentet');
    other.getXmlFragment(NARRATIVE_FIELD).insert(0, [text]);
    const elsewhere = anchorFromTextPositions({ text, index: 0 }, { text, index: 5 });
    const response = await send(jd, 'POST', THREADS, { body: 'x', anchor: elsewhere });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { field: 'anchor' } });
  });
});
