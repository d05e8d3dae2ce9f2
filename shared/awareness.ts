import * as z from 'zod/mini';
import { MAX_AWARENESS_STATE_BYTES } from './limits.js';
import { MinistryCodeSchema } from './ministries.js';

/** Longest display name accepted in presence. */
export const MAX_DISPLAY_NAME_CHARS = 80;

/** The caret colour of a client that did not pick one, or picked one the caret cannot show. */
export const DEFAULT_CARET_COLOR = '#4a4a4a';

/** Who a person is in a measure's presence list and on their caret. */
export const PresenceUserSchema = z.object({
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(MAX_DISPLAY_NAME_CHARS)),
  /** Null for a coordinator or reader without a ministry. */
  ministry: z.nullable(MinistryCodeSchema),
  /** Set by the server from the session; whatever a client claims here is replaced. */
  username: z.optional(z.string().check(z.maxLength(64))),
  /** `#rrggbb`: the caret extension ignores any other form. */
  color: z.string().check(z.regex(/^#[0-9a-fA-F]{6}$/)),
});
export type PresenceUser = z.infer<typeof PresenceUserSchema>;

const IdJsonSchema = z.object({ client: z.int().check(z.nonnegative()), clock: z.int().check(z.nonnegative()) });

/**
 * A Yjs relative position as `Y.relativePositionToJSON` writes it. One of `item`, `type` or
 * `tname` must be there: without them Yjs throws when it resolves the position.
 */
const RelativePositionJsonSchema = z
  .object({
    type: z.optional(z.nullable(IdJsonSchema)),
    tname: z.optional(z.nullable(z.string().check(z.maxLength(64)))),
    item: z.optional(z.nullable(IdJsonSchema)),
    assoc: z.optional(z.int().check(z.gte(-1), z.lte(1))),
  })
  .check(z.refine((pos) => Boolean(pos.item ?? pos.type ?? pos.tname), 'a relative position names an item or a type'));

/** y-prosemirror's cursor: relative positions of the selection's anchor and head, or null (no selection). */
export const CursorSchema = z.nullable(z.object({ anchor: RelativePositionJsonSchema, head: RelativePositionJsonSchema }));
export type Cursor = z.infer<typeof CursorSchema>;

type RelativePositionJson = NonNullable<Cursor>['anchor'];
type IdJson = NonNullable<RelativePositionJson['item']>;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What IdJsonSchema accepts, with only its keys; undefined for anything else. */
function readId(value: unknown): IdJson | undefined {
  if (!isRecord(value)) return undefined;
  const { client, clock } = value;
  if (!Number.isSafeInteger(client) || !Number.isSafeInteger(clock) || (client as number) < 0 || (clock as number) < 0) return undefined;
  return { client: client as number, clock: clock as number };
}

/** What RelativePositionJsonSchema accepts, with only its keys; undefined for anything else. */
function readRelativePosition(value: unknown): RelativePositionJson | undefined {
  if (!isRecord(value)) return undefined;
  const position: RelativePositionJson = {};
  for (const key of ['type', 'item'] as const) {
    const id = value[key];
    if (id === undefined) continue;
    if (id === null) position[key] = null;
    else {
      const read = readId(id);
      if (read === undefined) return undefined;
      position[key] = read;
    }
  }
  const { tname, assoc } = value;
  if (tname !== undefined) {
    if (tname !== null && (typeof tname !== 'string' || tname.length > 64)) return undefined;
    position.tname = tname;
  }
  if (assoc !== undefined) {
    if (assoc !== -1 && assoc !== 0 && assoc !== 1) return undefined;
    position.assoc = assoc;
  }
  return position.item ?? position.type ?? position.tname ? position : undefined;
}

/**
 * A cursor exactly as CursorSchema parses it (unknown keys left out), without zod: presence
 * messages are the most frequent there are, and this check runs for each. Undefined where
 * CursorSchema would fail (tests/shared/awarenessCursor.test.ts holds the two together).
 */
export function readCursor(value: unknown): Cursor | undefined {
  if (value === null) return null;
  if (!isRecord(value)) return undefined;
  const anchor = readRelativePosition(value.anchor);
  const head = anchor && readRelativePosition(value.head);
  return anchor && head ? { anchor, head } : undefined;
}

/** One client's awareness state as it is relayed: `user` stamped by the server, `cursor` checked. */
export interface AwarenessState {
  user?: PresenceUser;
  cursor?: Cursor;
  [key: string]: unknown;
}

/** Deepest nesting of any other presence field kept (stock tools put flat values there). */
const MAX_EXTRA_FIELD_DEPTH = 8;

function jsonDepthWithin(value: unknown, limit: number): boolean {
  const pending: [unknown, number][] = [[value, 0]];
  while (pending.length > 0) {
    const [current, depth] = pending.pop()!;
    if (depth > limit) return false;
    if (typeof current === 'object' && current !== null) {
      for (const inner of Object.values(current)) pending.push([inner, depth + 1]);
    }
  }
  return true;
}

/**
 * A caret colour the caret can show: `#rrggbb` as is, `#rgb` spelled out, anything else the
 * default. Stock examples use `#000` or no colour at all; that is no reason to refuse anyone.
 */
export function normalizeCaretColor(value: unknown): string {
  if (typeof value !== 'string') return DEFAULT_CARET_COLOR;
  if (/^#[0-9a-fA-F]{6}$/.test(value)) return value.toLowerCase();
  const short = /^#([0-9a-fA-F])([0-9a-fA-F])([0-9a-fA-F])$/.exec(value);
  return short ? `#${short[1]}${short[1]}${short[2]}${short[2]}${short[3]}${short[3]}`.toLowerCase() : DEFAULT_CARET_COLOR;
}

/**
 * A presence state as received, made safe to pass on: null (a client saying goodbye) as is; an
 * object keeps a well-formed `cursor` (anything else is dropped), its other flat fields, and a
 * `user` that is `identity` with the client's caret colour normalised. Anything that is not an
 * object, or whose JSON is over MAX_AWARENESS_STATE_BYTES, is `undefined`: the entry is dropped.
 * Never throws: a presence field is never a reason to close a connection.
 */
export function sanitizePresenceState(json: string, identity: Omit<PresenceUser, 'color'>): AwarenessState | null | undefined {
  if (json.length > MAX_AWARENESS_STATE_BYTES) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (raw === null) return null;
  if (typeof raw !== 'object' || Array.isArray(raw)) return undefined;
  const state: AwarenessState = {};
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    if (key === 'user' || key === 'cursor' || key === '__proto__') continue;
    if (jsonDepthWithin(value, MAX_EXTRA_FIELD_DEPTH)) state[key] = value;
  }
  const record = raw as { user?: unknown; cursor?: unknown };
  if ('cursor' in record) {
    const cursor = readCursor(record.cursor);
    if (cursor !== undefined) state.cursor = cursor;
  }
  const claimed = typeof record.user === 'object' && record.user !== null ? (record.user as { color?: unknown }).color : undefined;
  state.user = { ...identity, color: normalizeCaretColor(claimed) };
  return state;
}
