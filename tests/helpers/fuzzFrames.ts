import fc from 'fast-check';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import * as syncProtocol from 'y-protocols/sync';
import { NARRATIVE_FIELD } from '../../shared/documentLayout.js';
import { MAX_MESSAGE_BYTES } from '../../shared/limits.js';
import { applyEdit, captureUpdates, lightEditOpArb, heavyEditOpArb, type EditOp } from './fuzzEdits.js';

/**
 * What the sync fuzz suite sends: fast-check arbitraries for actions (descriptions, cheap to
 * generate and print), and the code that turns each into y-websocket frames. Frames that need
 * the room's current state (edits, towers) are built by the fuzz session on its scratch docs.
 */

/** Top-level y-websocket message types (y-websocket's own numbering). */
const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;
const MESSAGE_AUTH = 2;
const MESSAGE_QUERY_AWARENESS = 3;

/** A frame to send: binary, or a text frame. `hostile` frames may close the socket. */
export interface Frame {
  data: Uint8Array | string;
  hostile: boolean;
  /**
   * Set on the frames of a chain (a tower): they depend on each other and end the frames they
   * are sent with, so after a refusal the rest are neither built nor sent. How many frames are
   * left in the chain, this one included.
   */
  chainLeft?: number;
  /** Made on the lane's scratch doc: if it is lost, the scratch no longer matches the room. */
  scratch?: boolean;
  /** A valid sync step 1: the server answers it with a step 2, as it answers probes. */
  answered?: boolean;
}

/** Who an awareness entry claims to be: a fresh id, the lane's own, a writer's, another lane's. */
export type IdRef =
  | { kind: 'random'; id: number }
  | { kind: 'own' }
  | { kind: 'writer'; index: number }
  | { kind: 'lane'; index: number }
  | { kind: 'extreme'; id: number };

/** An awareness state as sent: a JSON value, raw text (often not JSON), deep nesting or a huge string. */
export type StateSpec =
  | { kind: 'json'; value: unknown }
  | { kind: 'raw'; text: string }
  | { kind: 'deep'; depth: number }
  | { kind: 'huge'; size: number };

export interface AwarenessSpec {
  entries: { id: IdRef; clock: number; state: StateSpec }[];
}

/** A document update made on a fresh doc, never seen by the room (its root may be of another type). */
export interface StandaloneSpec {
  rootType: 'xml' | 'map' | 'array' | 'text';
  rootName: string;
  ops: EditOp[];
  value: fc.JsonValue;
}

/** An update whose dependencies the server never saw. */
export interface MissingDepsSpec {
  /** `gap`: a clock gap in its own client; `foreign`: built on another client's unseen items; `deletes`: only deletions of unseen items. */
  flavor: 'gap' | 'foreign' | 'deletes';
  ghost: EditOp[];
  ops: EditOp[];
}

export type Mutation =
  | { m: 'truncate'; at: number }
  | { m: 'flip'; at: number; bit: number }
  | { m: 'insert'; at: number; bytes: Uint8Array }
  | { m: 'remove'; at: number; len: number }
  | { m: 'overflow'; at: number }
  | { m: 'type'; value: number };

export type BaseFrameSpec = { kind: 'standalone'; spec: StandaloneSpec } | { kind: 'awareness'; spec: AwarenessSpec };

export type JunkSpec =
  | { kind: 'bytes'; bytes: Uint8Array }
  | { kind: 'text'; text: string }
  | { kind: 'unknownType'; type: number; rest: Uint8Array }
  | { kind: 'varintOverflow'; prefix: readonly number[]; length: number }
  | { kind: 'oversize'; extra: number; header: 'zeros' | 'sync' | 'awareness' }
  | { kind: 'exactMax'; header: 'sync' | 'awareness' }
  | { kind: 'clientAuth'; payload: Uint8Array }
  | { kind: 'syncSubtype'; subtype: number; payload: Uint8Array };

export type FuzzAction =
  | { kind: 'edits'; lane: number; ops: EditOp[]; merge: boolean; asStep2: boolean }
  | { kind: 'tower'; lane: number; depth: number; levelsPerUpdate: number; name: string }
  | { kind: 'standalone'; lane: number; spec: StandaloneSpec }
  | { kind: 'missingDeps'; lane: number; spec: MissingDepsSpec }
  | { kind: 'awareness'; lane: number; spec: AwarenessSpec }
  | { kind: 'mutated'; lane: number; base: BaseFrameSpec; mutations: Mutation[] }
  | { kind: 'junk'; lane: number; spec: JunkSpec }
  | { kind: 'step1'; lane: number; stateVector: [number, number][] }
  | { kind: 'queryAwareness'; lane: number };

// ---------------------------------------------------------------------------------------------
// Arbitraries

const MINISTRIES = ['UD', 'JD', 'BLD', 'FD', 'HOD', 'AD', 'KRD'] as const;
const lane = fc.nat({ max: 1_000 });
const u32 = fc.nat({ max: 2 ** 32 - 1 });

const idRefArb: fc.Arbitrary<IdRef> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('own' as const) }), weight: 6 },
  { arbitrary: fc.record({ kind: fc.constant('random' as const), id: u32 }), weight: 4 },
  { arbitrary: fc.record({ kind: fc.constant('writer' as const), index: fc.nat({ max: 9 }) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('lane' as const), index: fc.nat({ max: 9 }) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('extreme' as const), id: fc.constantFrom(0, 2 ** 31, 2 ** 32, 2 ** 53 - 1) }), weight: 1 },
);

const colorArb = fc.oneof(
  fc.integer({ min: 0, max: 0xffffff }).map((n) => `#${n.toString(16).padStart(6, '0')}`),
  fc.constantFrom('#000', 'red', '', '#0062BA80', 'url(javascript:alert(1))'),
);
const nameArb = fc.oneof(fc.string({ minLength: 1, maxLength: 20 }), fc.constantFrom('', ' ', 'x'.repeat(81), '<img src=x>'));
const relativePositionArb = fc.record(
  { type: fc.option(fc.record({ client: u32, clock: u32 }), { nil: null }), tname: fc.option(fc.constant(NARRATIVE_FIELD), { nil: null }), item: fc.option(fc.record({ client: u32, clock: u32 }), { nil: null }), assoc: fc.integer({ min: -1, max: 0 }) },
  { requiredKeys: [] },
);
const presenceArb = fc.record(
  { name: nameArb, ministry: fc.oneof(fc.constantFrom(...MINISTRIES), fc.constant(null), fc.string({ maxLength: 4 })), color: colorArb, username: fc.string({ maxLength: 10 }) },
  { requiredKeys: [] },
);
const cursorArb = fc.oneof(
  fc.constant(null),
  fc.constant({}),
  fc.record({ anchor: relativePositionArb, head: relativePositionArb }),
  fc.record({ anchor: relativePositionArb }),
  fc.jsonValue({ maxDepth: 2 }),
);

/** Presence states a buggy or hostile client might send, all small. */
const lightStateArb: fc.Arbitrary<StateSpec> = fc.oneof(
  { arbitrary: fc.record({ user: presenceArb, cursor: cursorArb }, { requiredKeys: [] }).map((value) => ({ kind: 'json' as const, value })), weight: 10 },
  { arbitrary: fc.constantFrom<unknown>(null, {}, { cursor: {} }, { user: { name: 'Kari', color: '#000' } }, { user: null }).map((value) => ({ kind: 'json' as const, value })), weight: 4 },
  { arbitrary: fc.jsonValue({ maxDepth: 4 }).map((value) => ({ kind: 'json' as const, value })), weight: 3 },
  { arbitrary: fc.record({ user: fc.jsonValue({ maxDepth: 2 }), cursor: fc.jsonValue({ maxDepth: 3 }) }, { requiredKeys: [] }).map((value) => ({ kind: 'json' as const, value })), weight: 2 },
  {
    arbitrary: fc.oneof(fc.string({ maxLength: 30 }), fc.string({ unit: 'binary', maxLength: 30 }), fc.constantFrom('{"user":', '{"user":{"name":"a"}', 'undefined', 'NaN', '{}}')).map((text) => ({ kind: 'raw' as const, text })),
    weight: 3,
  },
  { arbitrary: fc.integer({ min: 10, max: 500 }).map((depth) => ({ kind: 'deep' as const, depth })), weight: 1 },
);

/** Presence states that are expensive for everyone: huge strings, very deep nesting. */
const heavyStateArb: fc.Arbitrary<StateSpec> = fc.oneof(
  fc.integer({ min: 500, max: 400_000 }).map((depth) => ({ kind: 'deep' as const, depth })),
  fc.oneof(fc.integer({ min: 4_000, max: 10_000 }), fc.integer({ min: 10_000, max: 900_000 })).map((size) => ({ kind: 'huge' as const, size })),
);

const lightAwarenessArb: fc.Arbitrary<AwarenessSpec> = fc.record({
  entries: fc.oneof(
    { arbitrary: fc.array(fc.record({ id: idRefArb, clock: fc.oneof(fc.nat({ max: 50 }), u32), state: lightStateArb }), { minLength: 1, maxLength: 3 }), weight: 12 },
    { arbitrary: fc.array(fc.record({ id: idRefArb, clock: fc.nat({ max: 50 }), state: lightStateArb }), { minLength: 0, maxLength: 40 }), weight: 2 },
  ),
});

const heavyAwarenessArb: fc.Arbitrary<AwarenessSpec> = fc.oneof(
  fc.record({ entries: fc.array(fc.record({ id: idRefArb, clock: fc.nat({ max: 50 }), state: heavyStateArb }), { minLength: 1, maxLength: 2 }) }),
  // Many ids in one message.
  fc.tuple(fc.integer({ min: 100, max: 3_000 }), u32).map(([count, first]) => ({
    entries: Array.from({ length: count }, (_, i) => ({
      id: { kind: 'random' as const, id: (first + i) % 2 ** 32 },
      clock: 1,
      state: { kind: 'json' as const, value: { user: { name: 'x', ministry: null, color: '#123456' } } },
    })),
  })),
);

const smallOpsArb = fc.array(lightEditOpArb, { minLength: 1, maxLength: 4 });

export const standaloneSpecArb: fc.Arbitrary<StandaloneSpec> = fc.record({
  rootType: fc.constantFrom('xml' as const, 'xml' as const, 'map' as const, 'array' as const, 'text' as const),
  rootName: fc.constantFrom(NARRATIVE_FIELD, NARRATIVE_FIELD, 'fuzz-loose', ''),
  ops: smallOpsArb,
  value: fc.jsonValue({ maxDepth: 2 }),
});

const missingDepsArb: fc.Arbitrary<MissingDepsSpec> = fc.record({
  flavor: fc.constantFrom('gap' as const, 'foreign' as const, 'deletes' as const),
  ghost: smallOpsArb,
  ops: smallOpsArb,
});

const stateVectorArb = fc.array(fc.tuple(u32, fc.oneof(fc.nat({ max: 100 }), u32)), { maxLength: 4 });

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ m: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ m: fc.constant('flip' as const), at: fc.nat(), bit: fc.nat({ max: 7 }) }),
  fc.record({ m: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }) }),
  fc.record({ m: fc.constant('remove' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ m: fc.constant('overflow' as const), at: fc.nat() }),
  fc.record({ m: fc.constant('type' as const), value: fc.nat({ max: 255 }) }),
);

// Not sync step 1: a mutated one is mostly still a valid step 1, and the answers to those
// would be taken for the answers to the lanes' probes.
const baseFrameArb: fc.Arbitrary<BaseFrameSpec> = fc.oneof(
  { arbitrary: standaloneSpecArb.map((spec) => ({ kind: 'standalone' as const, spec })), weight: 3 },
  { arbitrary: lightAwarenessArb.map((spec) => ({ kind: 'awareness' as const, spec })), weight: 2 },
);

const lightJunkArb: fc.Arbitrary<JunkSpec> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('bytes' as const), bytes: fc.uint8Array({ maxLength: 64 }) }), weight: 4 },
  { arbitrary: fc.record({ kind: fc.constant('text' as const), text: fc.string({ maxLength: 20 }) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('unknownType' as const), type: fc.oneof(fc.integer({ min: 4, max: 127 }), u32), rest: fc.uint8Array({ maxLength: 16 }) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('varintOverflow' as const), prefix: fc.constantFrom([], [0], [0, 2], [1], [0, 0]), length: fc.integer({ min: 5, max: 20 }) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('clientAuth' as const), payload: fc.uint8Array({ maxLength: 16 }) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('syncSubtype' as const), subtype: fc.oneof(fc.integer({ min: 3, max: 20 }), u32), payload: fc.uint8Array({ maxLength: 16 }) }), weight: 1 },
);

/** Frames of 1 MiB, or just over. */
const heavyJunkArb: fc.Arbitrary<JunkSpec> = fc.oneof(
  fc.record({ kind: fc.constant('oversize' as const), extra: fc.integer({ min: 1, max: 64 }), header: fc.constantFrom('zeros' as const, 'sync' as const, 'awareness' as const) }),
  fc.record({ kind: fc.constant('exactMax' as const), header: fc.constantFrom('sync' as const, 'awareness' as const) }),
);

const towerArb = fc.record({
  kind: fc.constant('tower' as const),
  lane,
  depth: fc.oneof({ arbitrary: fc.integer({ min: 100, max: 2_000 }), weight: 3 }, { arbitrary: fc.integer({ min: 2_000, max: 20_000 }), weight: 3 }, { arbitrary: fc.integer({ min: 20_000, max: 60_000 }), weight: 1 }),
  levelsPerUpdate: fc.oneof({ arbitrary: fc.constant(1), weight: 3 }, { arbitrary: fc.integer({ min: 2, max: 60 }), weight: 2 }),
  name: fc.constantFrom('blockquote', 'bulletList', 'listItem', 'paragraph', 'x'),
});

const editsArb = (ops: fc.Arbitrary<EditOp[]>): fc.Arbitrary<FuzzAction> =>
  fc.record({ kind: fc.constant('edits' as const), lane, ops, merge: fc.boolean(), asStep2: fc.boolean() });

/**
 * One fuzz action. Most are cheap (a frame costs the server well under a millisecond); about
 * one in 400 is heavy (a huge or very deep presence, a 1 MiB frame, a long paste, a wide or
 * deep structure), and about one in 2,000 a tower built one level (or a few) per update.
 */
export const actionArb: fc.Arbitrary<FuzzAction> = fc.oneof(
  { arbitrary: editsArb(fc.array(lightEditOpArb, { minLength: 1, maxLength: 6 })), weight: 3_000 },
  { arbitrary: fc.record({ kind: fc.constant('awareness' as const), lane, spec: lightAwarenessArb }), weight: 2_000 },
  { arbitrary: fc.record({ kind: fc.constant('mutated' as const), lane, base: baseFrameArb, mutations: fc.array(mutationArb, { minLength: 1, maxLength: 3 }) }), weight: 2_000 },
  { arbitrary: fc.record({ kind: fc.constant('junk' as const), lane, spec: lightJunkArb }), weight: 1_000 },
  { arbitrary: fc.record({ kind: fc.constant('missingDeps' as const), lane, spec: missingDepsArb }), weight: 750 },
  { arbitrary: fc.record({ kind: fc.constant('standalone' as const), lane, spec: standaloneSpecArb }), weight: 600 },
  { arbitrary: fc.record({ kind: fc.constant('step1' as const), lane, stateVector: stateVectorArb }), weight: 300 },
  { arbitrary: fc.record({ kind: fc.constant('queryAwareness' as const), lane }), weight: 200 },
  { arbitrary: editsArb(fc.tuple(heavyEditOpArb, fc.array(lightEditOpArb, { maxLength: 2 })).map(([heavy, light]) => [heavy, ...light])), weight: 12 },
  { arbitrary: fc.record({ kind: fc.constant('awareness' as const), lane, spec: heavyAwarenessArb }), weight: 12 },
  { arbitrary: fc.record({ kind: fc.constant('junk' as const), lane, spec: heavyJunkArb }), weight: 6 },
  { arbitrary: towerArb, weight: 5 },
);

/** A batch: the actions of one fast-check run, sent over the lanes before the next run starts. */
export function batchArb(actions: { min: number; max: number }): fc.Arbitrary<FuzzAction[]> {
  return fc.array(actionArb, { minLength: actions.min, maxLength: actions.max });
}

// ---------------------------------------------------------------------------------------------
// Frames

/** A sync message (`0`, subtype, payload). */
export function syncFrame(subtype: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  encoding.writeVarUint(encoder, subtype);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

export function updateFrame(update: Uint8Array, asStep2 = false): Uint8Array {
  return syncFrame(asStep2 ? syncProtocol.messageYjsSyncStep2 : syncProtocol.messageYjsUpdate, update);
}

export function stateVectorFrame(stateVector: Uint8Array): Uint8Array {
  return syncFrame(syncProtocol.messageYjsSyncStep1, stateVector);
}

function encodeStateVector(entries: readonly [number, number][]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const [client, clock] of entries) {
    encoding.writeVarUint(encoder, client);
    encoding.writeVarUint(encoder, clock);
  }
  return encoding.toUint8Array(encoder);
}

/** Who the ids of an awareness message may refer to, at the time it is sent. */
export interface IdContext {
  own: number;
  writers: readonly number[];
  lanes: readonly number[];
}

function resolveId(ref: IdRef, ids: IdContext): number {
  switch (ref.kind) {
    case 'own':
      return ids.own;
    case 'random':
    case 'extreme':
      return ref.id;
    case 'writer':
      return ids.writers[ref.index % Math.max(1, ids.writers.length)] ?? ids.own;
    case 'lane':
      return ids.lanes[ref.index % Math.max(1, ids.lanes.length)] ?? ids.own;
  }
}

function stateText(state: StateSpec): string {
  switch (state.kind) {
    case 'json':
      return JSON.stringify(state.value) ?? 'null';
    case 'raw':
      return state.text;
    case 'deep':
      return `{"user":{"name":"Dyp","ministry":null,"color":"#123456"},"cursor":${'['.repeat(state.depth)}${']'.repeat(state.depth)}}`;
    case 'huge':
      return JSON.stringify({ user: { name: 'Stor', ministry: 'JD', color: '#123456' }, note: 'x'.repeat(state.size) });
  }
}

export function awarenessFrame(spec: AwarenessSpec, ids: IdContext): Uint8Array {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, spec.entries.length);
  for (const entry of spec.entries) {
    encoding.writeVarUint(inner, resolveId(entry.id, ids));
    encoding.writeVarUint(inner, entry.clock);
    encoding.writeVarString(inner, stateText(entry.state));
  }
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(encoder, encoding.toUint8Array(inner));
  return encoding.toUint8Array(encoder);
}

const NOTHING_PROTECTED: ReadonlySet<number> = new Set();

/** An update made on a fresh doc: edits on its narrative, or its narrative root used as another type. */
export function standaloneUpdate(spec: StandaloneSpec): Uint8Array {
  const doc = new Y.Doc();
  try {
    const updates = captureUpdates(doc, () => {
      switch (spec.rootType) {
        case 'xml':
          if (spec.rootName === NARRATIVE_FIELD) for (const op of spec.ops) applyEdit(doc, op, NOTHING_PROTECTED, null);
          else doc.getXmlFragment(spec.rootName).insert(0, [new Y.XmlText(JSON.stringify(spec.value) ?? '')]);
          return;
        case 'map':
          doc.getMap(spec.rootName).set('k', spec.value);
          return;
        case 'array':
          doc.getArray(spec.rootName).insert(0, [spec.value, spec.value]);
          return;
        case 'text':
          doc.getText(spec.rootName).insert(0, JSON.stringify(spec.value) ?? 'x', { bold: true });
          return;
      }
    });
    return Y.mergeUpdates(updates.length > 0 ? updates : [Y.encodeStateAsUpdate(doc)]);
  } finally {
    doc.destroy();
  }
}

/** An update that needs items the server never saw (see MissingDepsSpec). */
export function missingDepsUpdate(spec: MissingDepsSpec): Uint8Array {
  const ghost = new Y.Doc();
  const doc = new Y.Doc();
  try {
    // The ghost always leaves something to build on.
    const ghostOps: EditOp[] = [{ op: 'insertBlocks', at: 0, index: 0, blocks: [{ name: 'paragraph', attrs: {}, children: [{ text: 'spøkelse', marks: null }] }] }, ...spec.ghost];
    if (spec.flavor === 'gap') {
      for (const op of ghostOps) applyEdit(doc, op, NOTHING_PROTECTED, null);
      const before = Y.encodeStateVector(doc);
      for (const op of spec.ops) applyEdit(doc, op, NOTHING_PROTECTED, null);
      doc.getXmlFragment(NARRATIVE_FIELD).insert(0, [new Y.XmlText('etter hullet')]);
      return Y.encodeStateAsUpdate(doc, before);
    }
    for (const op of ghostOps) applyEdit(ghost, op, NOTHING_PROTECTED, null);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(ghost));
    const updates = captureUpdates(doc, () => {
      if (spec.flavor === 'deletes') {
        const fragment = doc.getXmlFragment(NARRATIVE_FIELD);
        fragment.delete(0, fragment.length);
      } else {
        for (const op of spec.ops) applyEdit(doc, op, NOTHING_PROTECTED, null);
        // Something that surely depends on the ghost: right after its first paragraph.
        const fragment = doc.getXmlFragment(NARRATIVE_FIELD);
        fragment.insert(Math.min(1, fragment.length), [new Y.XmlElement('paragraph')]);
      }
    });
    return Y.mergeUpdates(updates);
  } finally {
    ghost.destroy();
    doc.destroy();
  }
}

function baseFrame(base: BaseFrameSpec, ids: IdContext): Uint8Array {
  switch (base.kind) {
    case 'standalone':
      return updateFrame(standaloneUpdate(base.spec));
    case 'awareness':
      return awarenessFrame(base.spec, ids);
  }
}

/** Applies byte-level mutations to a valid frame. */
export function mutate(frame: Uint8Array, mutations: readonly Mutation[]): Uint8Array {
  let bytes = Array.from(frame);
  for (const mutation of mutations) {
    const at = 'at' in mutation ? mutation.at % (bytes.length + 1) : 0;
    switch (mutation.m) {
      case 'truncate':
        bytes = bytes.slice(0, at);
        break;
      case 'flip':
        if (at < bytes.length) bytes[at] = bytes[at]! ^ (1 << mutation.bit);
        break;
      case 'insert':
        bytes.splice(at, 0, ...mutation.bytes);
        break;
      case 'remove':
        bytes.splice(at, mutation.len);
        break;
      case 'overflow':
        bytes.splice(at, 0, ...Array<number>(10).fill(0xff));
        break;
      case 'type':
        if (bytes.length > 0) bytes[0] = mutation.value;
        break;
    }
  }
  return Uint8Array.from(bytes);
}

export function mutatedFrame(base: BaseFrameSpec, mutations: readonly Mutation[], ids: IdContext): Uint8Array {
  return mutate(baseFrame(base, ids), mutations);
}

/** A frame of exactly `size` bytes starting with the given header, padded with zeros. */
function padded(header: 'zeros' | 'sync' | 'awareness', size: number): Uint8Array {
  const frame = new Uint8Array(size);
  if (header === 'zeros') return frame;
  const encoder = encoding.createEncoder();
  if (header === 'sync') {
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    encoding.writeVarUint(encoder, syncProtocol.messageYjsUpdate);
  } else encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
  encoding.writeVarUint(encoder, size - encoding.length(encoder) - 3);
  frame.set(encoding.toUint8Array(encoder));
  return frame;
}

export function junkFrame(spec: JunkSpec): Uint8Array | string {
  switch (spec.kind) {
    case 'bytes':
      return spec.bytes;
    case 'text':
      return spec.text;
    case 'unknownType': {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, spec.type);
      encoding.writeUint8Array(encoder, spec.rest);
      return encoding.toUint8Array(encoder);
    }
    case 'varintOverflow':
      return Uint8Array.from([...spec.prefix, ...Array<number>(spec.length).fill(0xff)]);
    case 'oversize':
      return padded(spec.header, MAX_MESSAGE_BYTES + spec.extra);
    case 'exactMax':
      return padded(spec.header, MAX_MESSAGE_BYTES);
    case 'clientAuth': {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_AUTH);
      encoding.writeVarUint8Array(encoder, spec.payload);
      return encoding.toUint8Array(encoder);
    }
    case 'syncSubtype':
      return syncFrame(spec.subtype, spec.payload);
  }
}

export function stepOneFrame(stateVector: readonly [number, number][]): Uint8Array {
  return stateVectorFrame(encodeStateVector(stateVector));
}

export function queryAwarenessFrame(): Uint8Array {
  return Uint8Array.of(MESSAGE_QUERY_AWARENESS);
}
