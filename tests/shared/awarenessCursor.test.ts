import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CursorSchema, readCursor, sanitizePresenceState } from '../../shared/awareness.js';

/** Numbers around every edge the schema draws: negatives, fractions, unsafe integers, strings. */
const number = fc.oneof(
  fc.integer({ min: -3, max: 3 }),
  fc.nat(),
  fc.constantFrom(-0, 0.5, 1.5, -1.5, 2 ** 53, 2 ** 53 - 1, -(2 ** 53), 1e300),
  fc.string({ maxLength: 2 }),
  fc.constant(null),
  fc.boolean(),
);
const id = fc.oneof(
  fc.record({ client: number, clock: number }, { requiredKeys: [] }),
  fc.record({ client: fc.nat(), clock: fc.nat(), extra: fc.string() }),
  fc.constant(null),
  fc.constant([1, 2]),
  number,
);
const position = fc.oneof(
  fc.record(
    {
      type: id,
      tname: fc.oneof(fc.string({ maxLength: 3 }), fc.string({ minLength: 63, maxLength: 66 }), fc.constant(''), fc.constant(null), number),
      item: id,
      assoc: number,
      other: fc.jsonValue({ maxDepth: 2 }),
    },
    { requiredKeys: [] },
  ),
  fc.jsonValue({ maxDepth: 2 }),
);
const cursor = fc.oneof(
  fc.record({ anchor: position, head: position }, { requiredKeys: [] }),
  fc.record({ anchor: position, head: position, extra: fc.jsonValue({ maxDepth: 1 }) }),
  fc.jsonValue({ maxDepth: 3 }),
);

describe('presence cursors are read without zod, exactly as CursorSchema reads them', () => {
  it('accepts what the schema accepts, with the same result, and refuses the rest', () => {
    fc.assert(
      fc.property(cursor, (value) => {
        // Through JSON, as a presence state arrives.
        const received: unknown = JSON.parse(JSON.stringify(value) ?? 'null');
        const parsed = CursorSchema.safeParse(received);
        expect(readCursor(received)).toEqual(parsed.success ? parsed.data : undefined);
      }),
      { numRuns: 20_000 },
    );
  });

  it("keeps a y-prosemirror cursor and drops a broken one from a presence state", () => {
    const identity = { name: 'JD', ministry: 'JD' as const, username: 'jd' };
    const good = { anchor: { type: { client: 1, clock: 2 }, tname: null, item: { client: 3, clock: 4 }, assoc: 0 }, head: { tname: 'narrative' } };
    expect(sanitizePresenceState(JSON.stringify({ cursor: good }), identity)?.cursor).toEqual(good);
    expect(sanitizePresenceState(JSON.stringify({ cursor: { anchor: good.anchor, head: { assoc: 1 } } }), identity)).not.toHaveProperty('cursor');
    expect(sanitizePresenceState(JSON.stringify({ cursor: null }), identity)?.cursor).toBeNull();
  });
});
