import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ThreadSchema } from '../../shared/comments.js';
import { RoundDetailSchema } from '../../shared/round.js';
import { DEFAULT_ROUND } from '../../server/seed/buildRoundSeed.js';
import { api, type Target } from '../helpers/session.js';
import { suiteServer } from '../helpers/suiteServer.js';

const ROUND = DEFAULT_ROUND.id;
const THREADS = `/api/rounds/${ROUND}/measures/5/threads`;

/**
 * JSON text written by hand: `\ud800` stays a six-character escape in the request, as a
 * client with a broken string would send it (JSON.stringify would escape it the same way, but
 * the point is to see the bytes on the wire).
 */
function sendRaw(target: Target, method: string, path: string, jsonText: string): Promise<Response> {
  return api(target, path, { method, headers: { 'content-type': 'application/json' }, body: jsonText });
}

async function expectRefused(response: Response, field: string, why = /lone UTF-16 surrogate/): Promise<void> {
  expect(response.status).toBe(400);
  const body = (await response.json()) as { error: { code: string; field?: string; message: string } };
  expect(body.error).toMatchObject({ code: 'invalid_field', field });
  expect(body.error.message).toMatch(why);
}

describe('free text with a lone UTF-16 surrogate is refused, naming the field', () => {
  const server = suiteServer();

  it('comments: a new thread, a reply and an edit', async () => {
    const before = z.array(ThreadSchema).parse(await (await api(server, THREADS)).json()).length;
    await expectRefused(await sendRaw(server, 'POST', THREADS, '{"body":"Tallet er \\ud800 feil"}'), 'body');
    await expectRefused(await sendRaw(server, 'POST', THREADS, '{"body":"\\udfff"}'), 'body');
    expect(z.array(ThreadSchema).parse(await (await api(server, THREADS)).json())).toHaveLength(before);

    // A whole pair is a character like any other, and comes back as sent.
    const started = await sendRaw(server, 'POST', THREADS, '{"body":"Bra \\ud83d\\ude00"}');
    expect(started.status).toBe(201);
    const thread = ThreadSchema.parse(await started.json());
    expect(thread.comments[0]?.body).toBe('Bra 😀');

    await expectRefused(await sendRaw(server, 'POST', `/api/threads/${thread.id}/comments`, '{"body":"svar \\ud800"}'), 'body');
    await expectRefused(await sendRaw(server, 'PATCH', `/api/comments/${thread.comments[0]?.id}`, '{"body":"\\ud800x"}'), 'body');
  });

  it('rounds: title and intro, new or changed; a snapshot’s note', async () => {
    await expectRefused(
      await sendRaw(server, 'POST', '/api/rounds', '{"title":"Runde \\ud800","deadline":"2030-01-01T12:00"}'),
      'title',
    );
    await expectRefused(
      await sendRaw(server, 'POST', '/api/rounds', '{"title":"Runde","deadline":"2030-01-01T12:00","intro":"\\udc00"}'),
      'intro',
    );
    await expectRefused(await sendRaw(server, 'PATCH', `/api/rounds/${ROUND}`, '{"title":"Ny \\ud800 tittel"}'), 'title');
    await expectRefused(await sendRaw(server, 'PATCH', `/api/rounds/${ROUND}`, '{"intro":"Innledning \\ud800"}'), 'intro');
    await expectRefused(await sendRaw(server, 'POST', `/api/rounds/${ROUND}/snapshots`, '{"note":"\\ud800"}'), 'note');

    const round = RoundDetailSchema.parse(await (await api(server, `/api/rounds/${ROUND}`)).json());
    expect(round.title).toBe(DEFAULT_ROUND.title);
    expect(round.intro).not.toContain('\ufffd');
    const snapshots = (await (await api(server, `/api/rounds/${ROUND}/snapshots`)).json()) as unknown[];
    expect(snapshots).toHaveLength(0);
  });

  it('signing in: the username', async () => {
    await expectRefused(await sendRaw({ url: server.url, cookie: '' }, 'POST', '/api/session', '{"username":"jd\\ud800","password":"x"}'), 'username');
  });
});

describe('free text with a NUL character is refused, naming the field (PostgreSQL cannot store it as text)', () => {
  const server = suiteServer();
  const NUL = /NUL character/;

  it('a comment, a round title, a measure title and plan text, a snapshot note', async () => {
    const before = z.array(ThreadSchema).parse(await (await api(server, THREADS)).json()).length;
    await expectRefused(await sendRaw(server, 'POST', THREADS, '{"body":"Tallet er \\u0000 feil"}'), 'body', NUL);
    expect(z.array(ThreadSchema).parse(await (await api(server, THREADS)).json())).toHaveLength(before);
    await expectRefused(await sendRaw(server, 'PATCH', `/api/rounds/${ROUND}`, '{"title":"Ny\\u0000tittel"}'), 'title', NUL);
    await expectRefused(await sendRaw(server, 'PATCH', `/api/rounds/${ROUND}/measures/5`, '{"title":"Tiltak\\u0000"}'), 'title', NUL);
    await expectRefused(await sendRaw(server, 'PATCH', `/api/rounds/${ROUND}/measures/5`, '{"planText":"\\u0000"}'), 'planText', NUL);
    await expectRefused(await sendRaw(server, 'POST', `/api/rounds/${ROUND}/snapshots`, '{"note":"a\\u0000b"}'), 'note', NUL);
    expect(RoundDetailSchema.parse(await (await api(server, `/api/rounds/${ROUND}`)).json()).title).toBe(DEFAULT_ROUND.title);
  });
});
