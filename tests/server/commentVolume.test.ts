import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ApiErrorSchema } from '../../shared/api.js';
import { MAX_COMMENT_CHARS, ThreadSchema, type Thread } from '../../shared/comments.js';
import { MAX_COMMENT_CHARS_PER_MEASURE, MAX_COMMENT_CHARS_PER_ROUND, MAX_COMMENTS_PER_THREAD, MAX_THREADS_PER_MEASURE } from '../../shared/limits.js';
import { DEFAULT_ROUND } from '../../server/seed/buildRoundSeed.js';
import { api, type Target } from '../helpers/session.js';
import { suiteServer } from '../helpers/suiteServer.js';

/**
 * A measure's threads are bounded together (shared/limits.ts): at most MAX_THREADS_PER_MEASURE
 * threads and MAX_COMMENT_CHARS_PER_MEASURE characters of comments, since every reader of the
 * measure page loads them all, and a round's comments at most MAX_COMMENT_CHARS_PER_ROUND. A thread, reply or longer edit past either is a 409 naming the
 * field, and stores nothing; deleting makes room again.
 */

const ROUND = DEFAULT_ROUND.id;

function send(target: Target, method: string, path: string, body?: unknown): Promise<Response> {
  return api(target, path, {
    method,
    ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
}

async function created(response: Response): Promise<Thread> {
  expect(response.status, await response.clone().text()).toBe(201);
  return ThreadSchema.parse(await response.json());
}

async function refusal(response: Response): Promise<{ field?: string; message: string; code: string }> {
  expect(response.status).toBe(409);
  return ApiErrorSchema.parse(await response.json()).error;
}

async function threadsOn(target: Target, measure: number): Promise<Thread[]> {
  return z.array(ThreadSchema).parse(await (await api(target, `/api/rounds/${ROUND}/measures/${measure}/threads`)).json());
}

describe('how much one measure’s threads hold', () => {
  const server = suiteServer();

  it(`refuses comments past ${MAX_COMMENT_CHARS_PER_MEASURE} characters on one measure, new threads, replies and longer edits alike`, async () => {
    const measure = 9;
    const threads = `/api/rounds/${ROUND}/measures/${measure}/threads`;
    const full = 'x'.repeat(MAX_COMMENT_CHARS);
    expect(MAX_COMMENTS_PER_THREAD * MAX_COMMENT_CHARS).toBe(MAX_COMMENT_CHARS_PER_MEASURE);
    // One thread of the most comments, each of the most characters: the measure is full.
    const thread = await created(await send(server, 'POST', threads, { body: full }));
    for (let n = 2; n <= MAX_COMMENTS_PER_THREAD; n++) expect((await send(server, 'POST', `/api/threads/${thread.id}/comments`, { body: full })).status).toBe(201);

    const another = await refusal(await send(server, 'POST', threads, { body: 'Ett spørsmål til.' }));
    expect(another).toMatchObject({ code: 'conflict', field: 'body' });
    expect(another.message).toContain(`more than ${MAX_COMMENT_CHARS_PER_MEASURE} characters`);
    expect(await threadsOn(server, measure)).toHaveLength(1);
    // Elsewhere, comments go on.
    await created(await send(server, 'POST', `/api/rounds/${ROUND}/measures/10/threads`, { body: 'Et annet tiltak.' }));

    // Shorter makes room, for exactly as much.
    const [first, second] = (await threadsOn(server, measure))[0]!.comments;
    expect((await send(server, 'PATCH', `/api/comments/${first!.id}`, { body: full.slice(1_000) })).status).toBe(200);
    const small = await created(await send(server, 'POST', threads, { body: 'y'.repeat(1_000) }));
    expect((await refusal(await send(server, 'PATCH', `/api/comments/${small.comments[0]!.id}`, { body: 'y'.repeat(1_001) }))).field).toBe('body');
    expect((await refusal(await send(server, 'POST', `/api/threads/${small.id}/comments`, { body: 'z' }))).field).toBe('body');
    // An edit that does not grow is taken, full or not.
    expect((await send(server, 'PATCH', `/api/comments/${small.comments[0]!.id}`, { body: 'w'.repeat(1_000) })).status).toBe(200);
    expect((await threadsOn(server, measure)).find((t) => t.id === small.id)?.comments[0]?.body).toBe('w'.repeat(1_000));

    expect((await send(server, 'DELETE', `/api/comments/${second!.id}`)).status).toBe(204);
    await created(await send(server, 'POST', threads, { body: 'Nå er det plass.' }));
  });

  it(`refuses a thread past ${MAX_THREADS_PER_MEASURE} on one measure; replies go on`, async () => {
    const measure = 11;
    const threads = `/api/rounds/${ROUND}/measures/${measure}/threads`;
    let next = 0;
    let last: Thread | null = null;
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (next < MAX_THREADS_PER_MEASURE) {
          const n = next++;
          last = await created(await send(server, 'POST', threads, { body: `Spørsmål ${n}.` }));
        }
      }),
    );
    const refused = await refusal(await send(server, 'POST', threads, { body: 'Ett for mye.' }));
    expect(refused).toMatchObject({ code: 'conflict', field: 'threads' });
    expect(refused.message).toContain(`${MAX_THREADS_PER_MEASURE} threads`);
    expect(await threadsOn(server, measure)).toHaveLength(MAX_THREADS_PER_MEASURE);
    expect((await send(server, 'POST', `/api/threads/${last!.id}/comments`, { body: 'Svar.' })).status).toBe(201);
  });
});

describe('how much one round’s threads hold', () => {
  const server = suiteServer();

  it(`refuses comments past ${MAX_COMMENT_CHARS_PER_ROUND} characters in one round, on any measure`, async () => {
    const full = 'x'.repeat(MAX_COMMENT_CHARS);
    // Whole measures of full threads, then one measure's worth more, until the round is full.
    const perMeasure = MAX_COMMENT_CHARS_PER_MEASURE / MAX_COMMENT_CHARS;
    const comments = MAX_COMMENT_CHARS_PER_ROUND / MAX_COMMENT_CHARS;
    const measures = Array.from({ length: Math.ceil(comments / perMeasure) }, (_, i) => 12 + i);
    for (const [index, measure] of measures.entries()) {
      const thread = await created(await send(server, 'POST', `/api/rounds/${ROUND}/measures/${measure}/threads`, { body: full }));
      const replies = Math.min(perMeasure, comments - index * perMeasure) - 1;
      let next = 0;
      await Promise.all(
        Array.from({ length: 4 }, async () => {
          while (next < replies) {
            next++;
            expect((await send(server, 'POST', `/api/threads/${thread.id}/comments`, { body: full })).status).toBe(201);
          }
        }),
      );
    }
    const refused = await refusal(await send(server, 'POST', `/api/rounds/${ROUND}/measures/30/threads`, { body: 'Ett ord.' }));
    expect(refused).toMatchObject({ code: 'conflict', field: 'body' });
    expect(refused.message).toContain(`the comments of the round would hold more than ${MAX_COMMENT_CHARS_PER_ROUND} characters`);
    expect(await threadsOn(server, 30)).toEqual([]);
  });
});
