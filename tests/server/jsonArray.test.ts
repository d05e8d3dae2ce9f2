import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { jsonArray } from '../../server/http/jsonArray.js';

/**
 * Long lists (a measure's threads with all their comments) go out element by element, with turns
 * of the event loop between chunks (server/http/jsonArray.ts): the same bytes as one JSON.stringify.
 */

function served(items: readonly unknown[]): Hono {
  return new Hono().get('/', (c) => jsonArray(c, items));
}

describe('a JSON array written as the client reads it', () => {
  it('is byte for byte what JSON.stringify makes of the list, small or large', async () => {
    const lists: unknown[][] = [
      [],
      [{ a: 1 }],
      [1, 'to', null, { tre: [3, { 'fi"re': 'æøå\n' }] }, true],
      Array.from({ length: 300 }, (_, i) => ({ id: `t${i}`, body: 'x'.repeat(10_000), n: i })),
    ];
    for (const items of lists) {
      const response = await served(items).request('/');
      expect(response.headers.get('content-type')).toBe('application/json');
      expect(await response.text()).toBe(JSON.stringify(items));
    }
  });

  it('a list of several chunks lets other work run between them', async () => {
    const items = Array.from({ length: 300 }, (_, i) => ({ id: i, body: 'y'.repeat(10_000) }));
    const response = await served(items).request('/');
    const reader = response.body!.getReader();
    let chunks = 0;
    let otherWorkRan = false;
    let otherWorkRanBeforeTheEnd = false;
    setImmediate(() => (otherWorkRan = true));
    for (;;) {
      const { done } = await reader.read();
      if (done) break;
      chunks++;
      if (otherWorkRan && chunks > 1) otherWorkRanBeforeTheEnd = true;
    }
    expect(chunks).toBeGreaterThan(5);
    expect(otherWorkRanBeforeTheEnd).toBe(true);
  });
});
