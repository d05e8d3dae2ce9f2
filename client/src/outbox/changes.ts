import * as z from 'zod/mini';
import { AnchorSchema } from '../../../shared/comments.js';
import { MinistryCodeSchema } from '../../../shared/ministries.js';
import { StatusSchema } from '../../../shared/status.js';

/**
 * What a person changed that waits in this browser for the server: a measure's status, a
 * ministry's readiness, a thread resolved or reopened, a new thread, a reply, a comment deleted.
 * Field changes carry what the field said when the person changed it (`base`), so that the server
 * refuses (409) a change made over someone else's (a thread's resolved state has no such check:
 * resolving twice is resolving). As a schema, because it is read back from localStorage, where
 * anything may be.
 */
const ChangeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('status'), roundId: z.string(), number: z.int().check(z.positive()), value: StatusSchema, base: StatusSchema }),
  z.object({
    kind: z.literal('ready'),
    roundId: z.string(),
    number: z.int().check(z.positive()),
    ministry: MinistryCodeSchema,
    value: z.boolean(),
    base: z.boolean(),
  }),
  z.object({
    kind: z.literal('thread'),
    roundId: z.string(),
    number: z.int().check(z.positive()),
    body: z.string(),
    anchor: z.nullable(AnchorSchema),
    quote: z.nullable(z.string()),
  }),
  z.object({ kind: z.literal('reply'), roundId: z.string(), number: z.int().check(z.positive()), threadId: z.string(), body: z.string() }),
  z.object({ kind: z.literal('delete'), roundId: z.string(), number: z.int().check(z.positive()), threadId: z.string(), commentId: z.string() }),
  z.object({
    kind: z.literal('resolve'),
    roundId: z.string(),
    number: z.int().check(z.positive()),
    threadId: z.string(),
    value: z.boolean(),
    base: z.boolean(),
  }),
]);
export type Change = z.infer<typeof ChangeSchema>;
export type FieldChange = Extract<Change, { kind: 'status' | 'ready' | 'resolve' }>;
export type CommentChange = Extract<Change, { kind: 'thread' | 'reply' }>;

/** Why the server would not take a change; the person is told, and decides what to do with it. */
export const REFUSALS = ['forbidden', 'gone', 'invalid', 'unknownNames'] as const;
export type Refusal = (typeof REFUSALS)[number];

const PendingSchema = z.object({
  id: z.string(),
  change: ChangeSchema,
  /** When the person made the change (ISO). */
  madeAt: z.string(),
  /**
   * `waiting` to be sent; `sending` now (by some tab of this browser); `conflict`: someone else
   * changed the field meanwhile (`current` says to what), the person chooses; `refused`.
   */
  state: z.enum(['waiting', 'sending', 'conflict', 'refused']),
  /** An earlier send may have reached the server though its answer never came back. */
  attempted: z.boolean(),
  current: z.optional(z.union([StatusSchema, z.boolean()])),
  refusal: z.optional(z.enum(REFUSALS)),
  /** With `unknownNames`: the names the server knew nothing of. */
  names: z.optional(z.array(z.string())),
});
export type Pending = z.infer<typeof PendingSchema>;

/** The stored list as far as it can be read: entries that no longer parse are left out. */
export function readPending(raw: unknown): Pending[] {
  if (!Array.isArray(raw)) return [];
  const list: Pending[] = [];
  for (const item of raw) {
    const parsed = PendingSchema.safeParse(item);
    if (parsed.success) list.push(parsed.data);
  }
  return list;
}

/** Whether two changes are of the same field (a status of one measure; one ministry's readiness of one; one thread's resolved state). */
export function sameField(a: Change, b: Change): boolean {
  if (a.roundId !== b.roundId || a.number !== b.number) return false;
  if (a.kind === 'status' && b.kind === 'status') return true;
  if (a.kind === 'resolve' && b.kind === 'resolve') return a.threadId === b.threadId;
  return a.kind === 'ready' && b.kind === 'ready' && a.ministry === b.ministry;
}

const isField = (change: Change): change is FieldChange => change.kind === 'status' || change.kind === 'ready' || change.kind === 'resolve';

/**
 * Adds a change. A field already waiting (or in conflict) takes the new value and keeps what it
 * said on the server before (`base`; in a conflict, what it says now), and a change back to that
 * leaves nothing to send; a refused change of the field gives way. A field being sent right now
 * is left alone: the new change follows it, made from its value.
 */
export function enqueue(list: readonly Pending[], change: Change, { id, now }: { id: string; now: string }): Pending[] {
  const added: Pending = { id, change, madeAt: now, state: 'waiting', attempted: false };
  if (!isField(change)) return [...list, added];
  const rest = list.filter((entry) => !(entry.state === 'refused' && sameField(entry.change, change)));
  const at = rest.findIndex((entry) => (entry.state === 'waiting' || entry.state === 'conflict') && sameField(entry.change, change));
  const open = rest[at];
  if (!open || !isField(open.change)) return change.value === change.base ? rest : [...rest, added];
  const base = open.state === 'conflict' && open.current !== undefined ? open.current : open.change.base;
  if (change.value === base) return rest.filter((_, i) => i !== at);
  const merged = { ...open.change, value: change.value, base } as FieldChange;
  return rest.map((entry, i) => (i === at ? { id: entry.id, change: merged, madeAt: now, state: 'waiting', attempted: entry.attempted } : entry));
}

/** The next change to send: the oldest waiting one (changes go in the order they were made). */
export function nextToSend(list: readonly Pending[]): Pending | undefined {
  return list.find((entry) => entry.state === 'waiting');
}

/** Marks a change as being sent. */
export function markSending(list: readonly Pending[], id: string): Pending[] {
  return list.map((entry) => (entry.id === id ? { ...entry, state: 'sending' } : entry));
}

/**
 * After a reload: a change that was being sent when the page went is waiting again, and may
 * have reached the server.
 */
export function afterReload(list: readonly Pending[]): Pending[] {
  return list.map((entry) => (entry.state === 'sending' ? { ...entry, state: 'waiting', attempted: true } : entry));
}

/** What became of one send. */
export type Outcome =
  | { kind: 'saved' }
  /** The field says something else now (409): `current`. */
  | { kind: 'conflict'; current: FieldChange['value'] }
  | { kind: 'refused'; refusal: Refusal; names?: readonly string[] }
  /** No answer: it waits, and is sent again. */
  | { kind: 'unanswered' };

/**
 * Takes the outcome of sending `id`. Saved: gone. A conflict whose current value is what the
 * person chose is saved too; otherwise the person chooses, and a later change of the same field
 * (made while this one was on its way) is what they chose. Unanswered: it waits again, merged
 * with any later change of the same field.
 */
export function settle(list: readonly Pending[], id: string, outcome: Outcome): Pending[] {
  const entry = list.find((e) => e.id === id);
  if (!entry) return [...list];
  const later = isField(entry.change) ? list.filter((e) => e !== entry && e.state === 'waiting' && sameField(e.change, entry.change)) : [];
  switch (outcome.kind) {
    case 'saved':
      return list.filter((e) => e !== entry);
    case 'refused':
      return list.map((e) => (e === entry ? { ...e, state: 'refused', refusal: outcome.refusal, ...(outcome.names ? { names: [...outcome.names] } : {}) } : e));
    case 'unanswered': {
      const last = later[later.length - 1];
      const change = last && isField(entry.change) && isField(last.change) ? ({ ...entry.change, value: last.change.value } as FieldChange) : entry.change;
      const same = isField(change) && change.value === change.base;
      return list
        .filter((e) => !later.includes(e) && !(same && e === entry))
        .map((e) => (e === entry ? { ...e, change, state: 'waiting', attempted: true } : e));
    }
    case 'conflict': {
      if (!isField(entry.change)) return list.filter((e) => e !== entry);
      const chosen = later[later.length - 1] ?? entry;
      if (!isField(chosen.change) || chosen.change.value === outcome.current) return list.filter((e) => e !== entry && !later.includes(e));
      return list
        .filter((e) => e === chosen || (e !== entry && !later.includes(e)))
        .map((e) => (e === chosen ? { ...e, state: 'conflict', current: outcome.current } : e));
    }
  }
}

/**
 * The person's choice in a conflict: `mine` sends their value again, made from what the field
 * says now (so a further change by someone else is again a conflict); `theirs` drops theirs.
 */
export function choose(list: readonly Pending[], id: string, choice: 'mine' | 'theirs'): Pending[] {
  const entry = list.find((e) => e.id === id);
  if (!entry || entry.state !== 'conflict' || !isField(entry.change) || entry.current === undefined) return [...list];
  if (choice === 'theirs') return list.filter((e) => e !== entry);
  const change = { ...entry.change, base: entry.current } as FieldChange;
  return list.map((e) => (e === entry ? { id: e.id, change, madeAt: e.madeAt, state: 'waiting', attempted: false } : e));
}

/** Drops a change (a refused one the person has seen, or a comment taken back into its form). */
export function discard(list: readonly Pending[], id: string): Pending[] {
  return list.filter((e) => e.id !== id);
}
