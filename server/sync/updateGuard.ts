import * as Y from 'yjs';
import { NARRATIVE_FIELD } from '../../shared/documentLayout.js';
import {
  MAX_CLIENT_IDS_PER_ACCOUNT,
  MAX_CLIENT_IDS_PER_DOCUMENT,
  MAX_COMBINING_RUN,
  MAX_DOCUMENT_BYTES,
  MAX_NARRATIVE_DEPTH,
  MAX_NARRATIVE_NODES,
  MAX_TABLE_COLUMNS,
  MAX_TABLE_ROWS,
} from '../../shared/limits.js';
import { attributeProblem, combiningRunProblem, holdsText, isCombiningMark, markProblem, nodeProblem } from '../../shared/narrativeSchema.js';
import { ClientClaims } from './ClientClaims.js';
import { elementGridWidth, GridWidth, spanValue } from './tableGrid.js';

/** An update as `Y.decodeUpdate` gives it: its structs and its delete set. */
export type DecodedUpdate = ReturnType<typeof Y.decodeUpdate>;

/**
 * What the guard says about one update before it is applied:
 * - `apply`: it only adds what the document can integrate at once, within the limits;
 * - `missingDependencies`: it refers to changes the document does not have, which Yjs would keep
 *   as pending structs (never stored, yet served to everyone): the sender resyncs;
 * - `limit`: it would take the document past a limit on its shape or size, or it writes under a
 *   client id another account introduced: refused like a read-only write, with the reason;
 * - `tooMuchWork`: judging it needs work the size of the whole document (a copy of it, or counting
 *   it again) and the sender may have none done now: nothing is judged, the sender retries later.
 *
 * `writers` are the client ids the update brings new structs of: once it is applied they are
 * its author's (those nobody had).
 */
export type UpdateVerdict =
  | { kind: 'apply'; addedTypes: number; writers: number[] }
  | { kind: 'missingDependencies'; detail: string }
  | { kind: 'limit'; detail: string }
  | { kind: 'tooMuchWork'; detail: string };

/** What `combiningRuns` answers when a copy of the document would tell but the sender may have none made. */
const COPY_REFUSED = Symbol('copy refused');

const ALWAYS = (): boolean => true;

type Struct = DecodedUpdate['structs'][number];

/** Depth of the parent type of an item that is not integrated yet: the root is 0. */
type ParentDepth = number | 'missing';

function refersToRoot(item: Y.Item): boolean {
  return typeof (item.parent as unknown) === 'string';
}

/**
 * Most children of an element by its node name: rows of a table, cells of a row (the editor's
 * tables, shared/limits.ts). A cell spanning columns still counts once here; the grid's width,
 * spans counted, is `tooWideTable`'s.
 */
const MAX_CHILDREN: ReadonlyMap<string, { most: number; what: string }> = new Map([
  ['table', { most: MAX_TABLE_ROWS, what: 'rows in a table' }],
  ['tableRow', { most: MAX_TABLE_COLUMNS, what: 'cells in a table row' }],
]);

/**
 * The type a new item goes into: a type of the document, an item of the same update holding one,
 * the name of a root, or null when it cannot be told (beside garbage-collected content, which
 * Yjs collects the item with; or a dependency missing, which the other checks refuse).
 */
type ParentKey = Y.AbstractType<unknown> | Y.Item | string | null;

/**
 * Where a new item goes: its parent, and its key there when it is a map entry (an element's
 * attribute), else null (a child in the parent's list). An item that names a neighbour instead
 * of its parent takes both from that neighbour, as Yjs does when it integrates it.
 */
interface Placement {
  parent: ParentKey;
  sub: string | null;
}

const UNKNOWN_PLACEMENT: Placement = { parent: null, sub: null };

/** The node name of an element type (null for anything else: a fragment, a text, a map). */
function elementName(type: unknown): string | null {
  return type instanceof Y.XmlElement ? type.nodeName : null;
}

/** What a parent is to the narrative: its fragment, an element, a text, or anything else. */
type ParentKind = 'narrative' | 'element' | 'text' | 'other';

/** Names a child the narrative does not hold, for a refusal. */
function contentName(content: Y.Item['content']): string {
  if (content instanceof Y.ContentType) {
    const type: unknown = content.type;
    if (type instanceof Y.XmlHook) return 'a Y.XmlHook';
    if (type instanceof Y.XmlFragment) return 'a Y.XmlFragment';
    if (type instanceof Y.Map) return 'a Y.Map';
    if (type instanceof Y.Array) return 'a Y.Array';
    if (type instanceof Y.Text) return 'a Y.Text';
    return 'a type';
  }
  if (content instanceof Y.ContentAny) return 'a value';
  if (content instanceof Y.ContentString) return 'a string';
  if (content instanceof Y.ContentJSON) return 'JSON';
  if (content instanceof Y.ContentBinary) return 'binary data';
  if (content instanceof Y.ContentEmbed) return 'an embed';
  if (content instanceof Y.ContentFormat) return 'formatting';
  return 'other content';
}

/** The type a parent holds: the parent itself when integrated, the type an item of the update holds, else null. */
function typeOf(parent: Y.AbstractType<unknown> | Y.Item): unknown {
  return parent instanceof Y.Item ? (parent.content instanceof Y.ContentType ? parent.content.type : null) : parent;
}

/** Whether an item is the document's (integrated: its parent is a type), not one of an update's. */
function isIntegrated(item: Y.Item): boolean {
  return item.parent instanceof Y.AbstractType;
}

/** Why a new attribute of element `nodeName` is not what the editor's schema has (shared/narrativeSchema.ts), or null. */
function attributeContentProblem(nodeName: string, key: string, content: Y.Item['content']): string | null {
  if (!(content instanceof Y.ContentAny)) {
    return `attribute ${JSON.stringify(key.slice(0, 40))} of ${nodeName} is ${contentName(content)}: attributes hold plain values`;
  }
  // Yjs sets an attribute as an item of one value; one of several can be split so that two stay live.
  if (content.arr.length !== 1) return `attribute ${JSON.stringify(key.slice(0, 40))} of ${nodeName} holds ${content.arr.length} values in one item`;
  for (const value of content.arr as unknown[]) {
    const problem = attributeProblem(nodeName, key, value);
    if (problem) return problem;
  }
  return null;
}

/** Why a table is too wide, for a refusal. */
function wideProblem(width: number): string {
  return `a table ${width} columns wide, spans counted (at most ${MAX_TABLE_COLUMNS})`;
}

/**
 * The new children of a new element in the order Yjs gives them, when each goes right after the
 * one before it (the first with no left neighbour, none with a right one), as Yjs writes the
 * children of an element made with them; else null.
 */
function inOrder(items: Y.Item[]): Y.Item[] | null {
  const byOrigin = new Map<string, Y.Item>();
  for (const item of items) {
    const key = item.origin ? `${item.origin.client}:${item.origin.clock}` : '';
    if (item.rightOrigin !== null || byOrigin.has(key)) return null;
    byOrigin.set(key, item);
  }
  const ordered: Y.Item[] = [];
  for (let next = byOrigin.get(''); next !== undefined; next = byOrigin.get(`${next.lastId.client}:${next.lastId.clock}`)) {
    ordered.push(next);
    if (ordered.length > items.length) return null;
  }
  return ordered.length === items.length ? ordered : null;
}

/** The value an attribute's item gives it: its last (an item may carry several; Yjs reads the last). */
function lastValue(item: Y.Item): unknown {
  const values = item.content.getContent();
  return values[values.length - 1];
}

/** The struct of a document holding `id`, or null when the document has no such clock. */
function structAt(doc: Y.Doc, id: Y.ID): Y.Item | Y.GC | null {
  const structs = doc.store.clients.get(id.client);
  if (!structs || id.clock >= Y.getState(doc.store, id.client)) return null;
  return structs[Y.findIndexSS(structs, id.clock)] ?? null;
}

const RUN_PROBLEM = `more than ${MAX_COMBINING_RUN} combining marks in a row`;

/**
 * Most items and deletions a walk along a text looks through for the combining marks beside a
 * change (tombstones, formatting, the update's own deletions); past it the run is counted
 * exactly on a copy of the document. The editor's own edits never come near it.
 */
const MAX_WALK = 256;

/** Most steps all such walks of one update take together, so that a crafted update costs no more than a copy of the document. */
const MAX_WALK_STEPS = 65_536;

/** A character of a text: an item (of the document or of the update) and a UTF-16 offset in it. */
interface Spot {
  item: Y.Item;
  offset: number;
}

/** The code point of `text` at `offset` read going right (step 1) or left (-1; the one ending there). */
function charAt(text: string, offset: number, step: 1 | -1): string {
  const unit = text.charCodeAt(offset);
  if (step < 0 && unit >= 0xdc00 && unit <= 0xdfff && offset > 0) {
    const high = text.charCodeAt(offset - 1);
    if (high >= 0xd800 && high <= 0xdbff) return text.slice(offset - 1, offset + 1);
  }
  if (step > 0 && unit >= 0xd800 && unit <= 0xdbff && offset + 1 < text.length) {
    const low = text.charCodeAt(offset + 1);
    if (low >= 0xdc00 && low <= 0xdfff) return text.slice(offset, offset + 2);
  }
  return text.charAt(offset);
}

/**
 * The combining marks at the start (step 1) or end (-1) of a string, counted up to
 * MAX_COMBINING_RUN + 1, and whether the string is marks only.
 */
function endMarks(text: string, step: 1 | -1): { marks: number; only: boolean } {
  let marks = 0;
  for (let offset = step > 0 ? 0 : text.length - 1; offset >= 0 && offset < text.length; ) {
    const char = charAt(text, offset, step);
    if (!isCombiningMark(char) || ++marks > MAX_COMBINING_RUN) return { marks, only: false };
    offset += step * char.length;
  }
  return { marks, only: marks > 0 };
}

/** Whether a text (of a copy of the document) holds a run of more than MAX_COMBINING_RUN combining marks. */
function holdsLongRun(text: Y.XmlText): boolean {
  let run = 0;
  for (let item = text._start; item !== null; item = item.right) {
    if (item.deleted || item.content instanceof Y.ContentFormat) continue;
    if (!(item.content instanceof Y.ContentString)) {
      run = 0;
      continue;
    }
    const str = item.content.str;
    if (combiningRunProblem(str)) return true;
    const lead = endMarks(str, 1);
    run += lead.marks;
    if (run > MAX_COMBINING_RUN) return true;
    if (!lead.only) run = endMarks(str, -1).marks;
  }
  return false;
}

/**
 * Keeps one document within MAX_NARRATIVE_DEPTH, MAX_NARRATIVE_NODES and MAX_DOCUMENT_BYTES,
 * and free of pending structs, by inspecting each update before it is applied. The depth of an
 * inserted type counts its ancestors already in the document, so a tower built one level per
 * update is stopped at the limit like one sent at once. Node and byte counts are kept as upper
 * bounds (each accepted update adds its own) and counted exactly only when a bound is reached
 * (not again until an update is accepted). Work the size of the whole document (those counts, a
 * copy to judge combining marks on) is done only when the caller's `mayCopy` allows it.
 * Nothing here recurses: a document stored before the limits existed may be nested arbitrarily.
 * It also keeps the document the shape the editor and every reader expect (see `misplaced`).
 */
export class UpdateGuard {
  /** Depth of each type of the document met so far (types never move). */
  private readonly typeDepths = new WeakMap<Y.AbstractType<unknown>, number>();
  private nodes = 0;
  private bytes = 0;
  /** Whether `nodes` and `bytes` are exact counts (nothing was accepted since they were counted). */
  private countsExact = true;
  /** Asked before a copy of the document is made for the update being inspected. */
  private mayCopy: () => boolean = ALWAYS;
  /** Walking steps the update being inspected has left (MAX_WALK_STEPS). */
  private walkSteps = 0;
  /** Why the stored document is over a limit already (it then takes no further update), or null. */
  readonly overLimit: string | null;

  constructor(
    private readonly doc: Y.Doc,
    /** Who introduced each client id of the document: an update may write only under its author's own. */
    readonly claims: ClientClaims = new ClientClaims(),
  ) {
    const shape = this.measure();
    this.nodes = shape.nodes;
    this.bytes = Y.encodeStateAsUpdate(doc).byteLength;
    this.overLimit =
      shape.depth > MAX_NARRATIVE_DEPTH
        ? `the stored document is nested ${shape.depth} levels deep (at most ${MAX_NARRATIVE_DEPTH})`
        : shape.nodes > MAX_NARRATIVE_NODES
          ? `the stored document holds ${shape.nodes} nodes (at most ${MAX_NARRATIVE_NODES})`
          : null;
  }

  /**
   * Inspects an update `author` sends; when the verdict is `apply`, its growth is counted as if
   * applied (and the caller claims its `writers` for the author once it is). `mayCopy` is asked
   * (and so takes from the sender's allowance) before any work the size of the whole document;
   * when it answers false the verdict is `tooMuchWork`.
   */
  check(update: Uint8Array, decoded: DecodedUpdate, author: string, mayCopy: () => boolean = ALWAYS): UpdateVerdict {
    if (this.overLimit) return { kind: 'limit', detail: this.overLimit };
    this.mayCopy = mayCopy;
    let inspected: UpdateVerdict;
    try {
      inspected = this.inspect(update, decoded);
    } finally {
      // Not kept past the check: it may hold on to the sender's connection.
      this.mayCopy = ALWAYS;
    }
    if (inspected.kind !== 'apply') return inspected;
    const foreign = this.claims.foreign(inspected.writers, author);
    if (foreign.length > 0) {
      return { kind: 'limit', detail: `client id ${foreign.join(', ')} belongs to another account: nobody writes in someone else's name` };
    }
    const fresh = this.claims.unclaimed(inspected.writers).length;
    if (fresh > 0 && this.claims.size + fresh > MAX_CLIENT_IDS_PER_DOCUMENT) {
      return { kind: 'limit', detail: `the document would hold more than ${MAX_CLIENT_IDS_PER_DOCUMENT} client ids` };
    }
    if (fresh > 0 && this.claims.claimedBy(author) + fresh > MAX_CLIENT_IDS_PER_ACCOUNT) {
      return { kind: 'limit', detail: `${author} would have brought more than ${MAX_CLIENT_IDS_PER_ACCOUNT} client ids into the document` };
    }
    const overNodes = (): boolean => this.nodes + inspected.addedTypes > MAX_NARRATIVE_NODES;
    const overBytes = (): boolean => this.bytes + update.byteLength > MAX_DOCUMENT_BYTES;
    if ((overNodes() || overBytes()) && !this.countsExact) {
      if (!mayCopy()) return { kind: 'tooMuchWork', detail: 'the document is near its limits and would have to be counted again' };
      this.nodes = this.measure().nodes;
      this.bytes = Y.encodeStateAsUpdate(this.doc).byteLength;
      this.countsExact = true;
    }
    if (overNodes()) return { kind: 'limit', detail: `the document would hold more than ${MAX_NARRATIVE_NODES} nodes` };
    if (overBytes()) return { kind: 'limit', detail: `the document would be larger than ${MAX_DOCUMENT_BYTES} bytes` };
    this.nodes += inspected.addedTypes;
    this.bytes += update.byteLength;
    this.countsExact = false;
    return inspected;
  }

  /**
   * Counts into the bounds an update applied without a check (another instance checked and stored
   * it): its bytes, and every type it holds (already integrated or not: an upper bound).
   */
  countApplied(update: Uint8Array): void {
    let types = 0;
    for (const struct of Y.decodeUpdate(update).structs) if (struct instanceof Y.Item && struct.content instanceof Y.ContentType) types++;
    this.nodes += types;
    this.bytes += update.byteLength;
    this.countsExact = false;
  }

  private inspect(update: Uint8Array, { structs, ds }: DecodedUpdate): UpdateVerdict {
    const store = this.doc.store;
    const own = new UpdateStructs(structs);
    this.walkSteps = MAX_WALK_STEPS;
    for (const [client, first] of own.firstClocks()) {
      if (first > Y.getState(store, client)) {
        return { kind: 'missingDependencies', detail: `client ${client} starts at clock ${first}, the document has ${Y.getState(store, client)}` };
      }
    }
    const unresolvable = this.unresolvable(structs, own);
    if (unresolvable) return { kind: 'missingDependencies', detail: unresolvable };
    const parentDepths = new Map<Y.Item, ParentDepth>();
    const placements = new Map<Y.Item, Placement>();
    const writers = new Set<number>();
    /** New strings starting or ending with a combining mark, by the text they go into. */
    const markEdged = new Map<Y.AbstractType<unknown> | Y.Item, Y.Item[]>();
    let addedTypes = 0;
    for (const struct of structs) {
      if (struct instanceof Y.Skip) return { kind: 'missingDependencies', detail: 'the update has a gap' };
      // Already integrated: Yjs skips it.
      if (struct.id.clock + struct.length <= Y.getState(store, struct.id.client)) continue;
      writers.add(struct.id.client);
      if (!(struct instanceof Y.Item)) continue;
      if (struct.content instanceof Y.ContentDoc) return { kind: 'limit', detail: 'subdocuments are not accepted' };
      const misplaced = this.misplaced(struct, own, placements, markEdged);
      if (misplaced) return { kind: 'limit', detail: misplaced };
      if (!(struct.content instanceof Y.ContentType)) continue;
      const parentDepth = this.parentDepth(struct, own, parentDepths);
      if (parentDepth === 'missing') return { kind: 'missingDependencies', detail: 'an item has no parent the document knows' };
      if (parentDepth + 1 > MAX_NARRATIVE_DEPTH) {
        return { kind: 'limit', detail: `nesting deeper than ${MAX_NARRATIVE_DEPTH} levels` };
      }
      addedTypes++;
    }
    for (const [client, deletions] of ds.clients) {
      const known = Math.max(Y.getState(store, client), own.endClock(client));
      for (const { clock, len } of deletions) {
        if (clock + len > known) return { kind: 'missingDependencies', detail: `deletes ${client}:${clock + len - 1}, which the document does not have` };
      }
    }
    const deletions = new UpdateDeletions(ds);
    const tooMany = this.tooManyChildren(structs, deletions, own, placements);
    if (tooMany) return { kind: 'limit', detail: tooMany };
    const wide = this.tooWideTable(update, structs, deletions, own, placements);
    if (wide === COPY_REFUSED) return { kind: 'tooMuchWork', detail: 'the width of a table with cells spanning rows can only be told on a copy of the document' };
    if (wide) return { kind: 'limit', detail: wide };
    if (markEdged.size > 0 || ds.clients.size > 0) {
      const runs = this.combiningRuns(update, markEdged, deletions, own, placements);
      if (runs === COPY_REFUSED) return { kind: 'tooMuchWork', detail: 'its combining marks can only be counted on a copy of the document' };
      if (runs) return { kind: 'limit', detail: runs };
    }
    return { kind: 'apply', addedTypes, writers: [...writers] };
  }

  /**
   * Why Yjs could not integrate the update's structs whole and as the guard reads them, or null;
   * such an update is refused as one with missing dependencies (the sender resyncs, and a client
   * of Yjs then sends what the document lacks, cut where the document ends):
   * - a reference (left or right neighbour, parent) to a clock neither the document nor the update
   *   has: Yjs keeps the struct pending, and every struct of its client after it, even a struct
   *   the document already has (it looks for its references before it skips it);
   * - a reference to its own client's clock at or after the struct's own: Yjs takes a client's own
   *   earlier clocks as there and fails looking this one up;
   * - a struct reaching back over clocks the document has: Yjs links its new part right after its
   *   own earlier clock, wherever that is, not where the guard would judge it;
   * - structs that wait for each other (a left neighbour in another client's struct that comes
   *   after one waiting for this one): Yjs keeps them all pending.
   */
  private unresolvable(structs: Struct[], own: UpdateStructs): string | null {
    const store = this.doc.store;
    /** Structs not integrated yet, with the update's structs each waits for (its references, and its client's struct before it). */
    const waitsFor = new Map<Struct, Struct[]>();
    const previous = new Map<number, Struct>();
    for (const struct of structs) {
      const at = `${struct.id.client}:${struct.id.clock}`;
      const state = Y.getState(store, struct.id.client);
      const integrated = struct.id.clock + struct.length <= state;
      if (!integrated && struct.id.clock < state) return `${at} reaches back over clocks the document has`;
      const waits: Struct[] = [];
      if (struct instanceof Y.Item) {
        for (const ref of [struct.origin, struct.rightOrigin, struct.parent instanceof Y.ID ? struct.parent : null]) {
          if (!ref) continue;
          if (ref.client === struct.id.client && ref.clock >= struct.id.clock) return `${at} refers to ${ref.client}:${ref.clock}, its own client's clock after it`;
          if (this.hasClock(ref)) continue;
          const found = own.find(ref);
          if (!found) return `refers to ${ref.client}:${ref.clock}, which the document does not have`;
          waits.push(found);
        }
      }
      if (integrated) continue;
      const before = previous.get(struct.id.client);
      if (before) waits.push(before);
      previous.set(struct.id.client, struct);
      waitsFor.set(struct, waits);
    }
    // Integrated one after another as each finds what it waits for; any left over wait in a circle.
    const waiting = new Map<Struct, number>();
    const waitedOnBy = new Map<Struct, Struct[]>();
    const ready: Struct[] = [];
    for (const [struct, waits] of waitsFor) {
      const pending = waits.filter((other) => waitsFor.has(other));
      waiting.set(struct, pending.length);
      for (const other of pending) {
        const list = waitedOnBy.get(other);
        if (list) list.push(struct);
        else waitedOnBy.set(other, [struct]);
      }
      if (pending.length === 0) ready.push(struct);
    }
    let integratedCount = 0;
    for (let next = ready.pop(); next !== undefined; next = ready.pop()) {
      integratedCount++;
      for (const dependent of waitedOnBy.get(next) ?? []) {
        const left = waiting.get(dependent)! - 1;
        waiting.set(dependent, left);
        if (left === 0) ready.push(dependent);
      }
    }
    return integratedCount === waitsFor.size ? null : 'structs of the update wait for each other';
  }

  /**
   * Why the update would give a table more rows, or a row more cells, than MAX_CHILDREN allows,
   * or null. An element's children are counted as it has them, plus the ones the update inserts
   * into it, less the ones it deletes from it (the editor replaces a row's cells when the header
   * row is turned on or off). Only elements the update adds children to are judged, so that a
   * table stored bigger may still be edited and made smaller.
   */
  private tooManyChildren(structs: Struct[], deletions: UpdateDeletions, own: UpdateStructs, placements: Map<Y.Item, Placement>): string | null {
    const counts = new Map<Y.AbstractType<unknown> | Y.Item, { name: string; count: number; grows: boolean }>();
    const entry = (parent: Y.AbstractType<unknown> | Y.Item) => {
      let found = counts.get(parent);
      if (!found) {
        const integrated = !(parent instanceof Y.Item);
        const name = elementName(integrated ? parent : parent.content instanceof Y.ContentType ? parent.content.type : null) ?? '';
        found = { name, count: integrated && parent instanceof Y.XmlElement ? parent.length : 0, grows: false };
        counts.set(parent, found);
      }
      return found;
    };
    const store = this.doc.store;
    for (const struct of structs) {
      if (!(struct instanceof Y.Item) || !(struct.content instanceof Y.ContentType)) continue;
      if (struct.id.clock + struct.length <= Y.getState(store, struct.id.client)) continue;
      const { parent, sub } = this.placementOf(struct, own, placements);
      if (parent === null || typeof parent === 'string' || sub !== null) continue;
      const counted = entry(parent);
      if (!MAX_CHILDREN.has(counted.name)) continue;
      counted.count++;
      counted.grows = true;
    }
    if (![...counts.values()].some((counted) => counted.grows && MAX_CHILDREN.has(counted.name))) return null;
    this.eachDeletedChild(deletions, (child) => {
      const counted = child.parent instanceof Y.XmlElement ? counts.get(child.parent as Y.AbstractType<unknown>) : undefined;
      if (counted) counted.count--;
    });
    for (const counted of counts.values()) {
      const limit = MAX_CHILDREN.get(counted.name);
      if (limit && counted.grows && counted.count > limit.most) return `more than ${limit.most} ${limit.what}`;
    }
    return null;
  }

  /**
   * Each child (an element or a text in a list, not an attribute) of the document that the
   * update deletes and that is not deleted yet, once, however often the update lists it.
   */
  private eachDeletedChild(deletions: UpdateDeletions, visit: (child: Y.Item) => void): void {
    const store = this.doc.store;
    for (const [client, ranges] of deletions.byClient) {
      const clientStructs = store.clients.get(client);
      if (!clientStructs) continue;
      const state = Y.getState(store, client);
      for (const { clock, end } of ranges) {
        if (clock >= state) continue;
        for (let i = Y.findIndexSS(clientStructs, clock); i < clientStructs.length && clientStructs[i]!.id.clock < end; i++) {
          const struct = clientStructs[i]!;
          if (struct instanceof Y.Item && !struct.deleted && struct.parentSub === null && struct.content instanceof Y.ContentType) visit(struct);
        }
      }
    }
  }

  /**
   * Why the update would make a table wider than MAX_TABLE_COLUMNS grid columns, counting spans
   * as the editor does (`GridWidth`, server/sync/tableGrid.ts), or null; COPY_REFUSED when only a
   * copy of the document would tell and the sender may have none made. A row within the cell
   * count can still be too wide through its cells' `colspan`s and the `rowspan`s of cells above;
   * every editor opening the table would then pad the other rows past the count and have each of
   * its edits refused. Judged: tables the update brings, adds rows or cells to, sets spans in, or
   * deletes rows from (the rows below then move up under cells spanning down), each as the update
   * leaves it. Where rows are new and cells span rows, their order matters: the rows of a new
   * table written one after the other (as Yjs writes a new element's children), and one new row
   * going right after a row the document has, are placed so; otherwise the table is judged on a
   * copy.
   */
  private tooWideTable(
    update: Uint8Array,
    structs: Struct[],
    deletions: UpdateDeletions,
    own: UpdateStructs,
    placements: Map<Y.Item, Placement>,
  ): string | null | typeof COPY_REFUSED {
    const store = this.doc.store;
    /** New children (elements) by the type or new item they go into. */
    const children = new Map<Y.AbstractType<unknown> | Y.Item, Y.Item[]>();
    /** New `colspan` and `rowspan` values by the cell they are set on. */
    const spans = new Map<Y.AbstractType<unknown> | Y.Item, Map<string, Y.Item[]>>();
    const tables = new Set<Y.AbstractType<unknown> | Y.Item>();
    const parentOf = (key: Y.AbstractType<unknown> | Y.Item): Y.AbstractType<unknown> | Y.Item | null => {
      if (key instanceof Y.Item) {
        const { parent, sub } = this.placementOf(key, own, placements);
        return parent === null || typeof parent === 'string' || sub !== null ? null : parent;
      }
      const parent: unknown = key._item?.parent;
      return parent instanceof Y.AbstractType ? (parent as Y.AbstractType<unknown>) : null;
    };
    const addTable = (key: Y.AbstractType<unknown> | Y.Item | null): void => {
      if (key !== null && elementName(typeOf(key)) === 'table') tables.add(key);
    };
    for (const struct of structs) {
      if (!(struct instanceof Y.Item) || struct.content instanceof Y.ContentDeleted) continue;
      if (struct.id.clock + struct.length <= Y.getState(store, struct.id.client)) continue;
      const { parent, sub } = this.placementOf(struct, own, placements);
      if (parent === null || typeof parent === 'string') continue;
      if (sub === null && struct.content instanceof Y.ContentType) {
        // A child the update deletes again is no row or cell once it is applied.
        if (deletions.at(struct.id.client, struct.id.clock) !== null) continue;
        const list = children.get(parent);
        if (list) list.push(struct);
        else children.set(parent, [struct]);
        addTable(struct);
        // Into a table, or into a child of one (a row, whatever its name: every element a table holds is read as a row).
        addTable(parent);
        addTable(parentOf(parent));
      } else if (sub === 'colspan' || sub === 'rowspan') {
        let byKey = spans.get(parent);
        if (!byKey) spans.set(parent, (byKey = new Map<string, Y.Item[]>()));
        byKey.set(sub, [...(byKey.get(sub) ?? []), struct]);
        const row = parentOf(parent);
        addTable(row && parentOf(row));
      }
    }
    this.eachDeletedChild(deletions, (child) => addTable(child.parent as Y.AbstractType<unknown>));
    if (tables.size === 0) return null;

    const deletes = deletions.byClient.size > 0;
    const live = (item: Y.Item): boolean => !item.deleted && (!deletes || deletions.at(item.id.client, item.id.clock) === null);
    /** The elements a row or table holds once the update is applied: its live ones, in order, then the update's. */
    const eachElement = (key: Y.AbstractType<unknown> | Y.Item, visit: (element: Y.AbstractType<unknown> | Y.Item) => void): void => {
      if (!(key instanceof Y.Item)) {
        for (let item = key._start; item !== null; item = item.right) {
          if (item.content instanceof Y.ContentType && item.content.type instanceof Y.XmlElement && live(item)) visit(item.content.type as Y.AbstractType<unknown>);
        }
      }
      for (const item of children.get(key) ?? []) if (item.content instanceof Y.ContentType && item.content.type instanceof Y.XmlElement) visit(item);
    };
    /** A span of a cell as the update leaves it: a value it sets wins when it surely does, else the largest. */
    const spanOf = (cell: Y.AbstractType<unknown> | null, set: Y.Item[] | undefined, key: 'colspan' | 'rowspan', most: number): number => {
      const current = cell === null ? null : (cell._map.get(key) ?? null);
      const currentValue = current !== null && live(current) ? spanValue(lastValue(current), most) : 1;
      if (set === undefined) return currentValue;
      const only = set.length === 1 ? set[0]! : null;
      // Yjs makes a new value the attribute's when it goes after the current one, with nothing to its right.
      const wins =
        only !== null &&
        only.rightOrigin === null &&
        (current === null ? only.origin === null : only.origin !== null && Y.compareIDs(only.origin, current.lastId));
      const values = set.map((item) => spanValue(lastValue(item), most));
      return wins ? values[0]! : Math.max(currentValue, ...values);
    };
    const addCell = (grid: GridWidth, cell: Y.AbstractType<unknown> | Y.Item): void => {
      const set = spans.get(cell);
      const type = cell instanceof Y.Item ? null : cell;
      grid.cell(spanOf(type, set?.get('colspan'), 'colspan', MAX_TABLE_COLUMNS), spanOf(type, set?.get('rowspan'), 'rowspan', MAX_TABLE_ROWS));
    };

    const onCopy: (Y.AbstractType<unknown> | Y.Item)[] = [];
    for (const table of tables) {
      const rows: (Y.AbstractType<unknown> | Y.Item)[] = [];
      eachElement(table, (row) => rows.push(row));
      const added = rows.filter((row): row is Y.Item => row instanceof Y.Item);
      let ordered = true;
      if (added.length > 0) {
        // The update's rows were put last; where they go instead, when that can be told.
        const placed = table instanceof Y.Item ? inOrder(added) : this.placedRows(table, rows.slice(0, rows.length - added.length), added, live);
        if (placed) rows.splice(0, rows.length, ...placed);
        else ordered = false;
      }
      const grid = new GridWidth(rows.length);
      for (const row of rows) {
        grid.nextRow();
        eachElement(row, (cell) => addCell(grid, cell));
      }
      if (!ordered && grid.spansRows) {
        onCopy.push(table);
        continue;
      }
      if (grid.width > MAX_TABLE_COLUMNS) return wideProblem(grid.width);
    }
    if (onCopy.length === 0) return null;
    if (!this.mayCopy()) return COPY_REFUSED;
    return this.judgedOnCopy(update, onCopy, (type) => {
      const width = type instanceof Y.XmlElement ? elementGridWidth(type as Y.XmlElement) : 0;
      return width > MAX_TABLE_COLUMNS ? wideProblem(width) : null;
    });
  }

  /**
   * The first problem `judge` finds in one of `types` (the document's, or the update's new ones)
   * as they are on a copy of the document with the update applied, or null. Work the size of the
   * document: the caller has asked `mayCopy`.
   */
  private judgedOnCopy(
    update: Uint8Array,
    types: Iterable<Y.AbstractType<unknown> | Y.Item>,
    judge: (type: Y.AbstractType<unknown>) => string | null,
  ): string | null {
    const copy = new Y.Doc();
    try {
      try {
        Y.applyUpdate(copy, Y.encodeStateAsUpdate(this.doc));
        Y.applyUpdate(copy, update);
      } catch (error) {
        // What fails on a copy would fail on the document.
        return `the update cannot be applied (${error instanceof Error ? error.message : String(error)})`;
      }
      for (const type of types) {
        const id = type instanceof Y.Item ? type.id : type._item?.id;
        const holder = id ? structAt(copy, id) : null;
        if (!(holder instanceof Y.Item) || holder.deleted || !(holder.content instanceof Y.ContentType)) continue;
        const problem = judge(holder.content.type as Y.AbstractType<unknown>);
        if (problem) return problem;
      }
      return null;
    } finally {
      copy.destroy();
    }
  }

  /**
   * A table's live rows with the update's new ones in their places, when those can be told: each
   * run of new rows written one after the other (as Yjs writes several inserted at once: each
   * after the one before, all before the same right neighbour) goes where its first one surely
   * goes (`rowIndex`; an undo puts each row it brings back just before its deleted self). Null
   * otherwise, or when two runs would go to the same place.
   */
  private placedRows(
    table: Y.AbstractType<unknown>,
    liveRows: readonly (Y.AbstractType<unknown> | Y.Item)[],
    added: readonly Y.Item[],
    live: (item: Y.Item) => boolean,
  ): (Y.AbstractType<unknown> | Y.Item)[] | null {
    const key = (id: Y.ID): string => `${id.client}:${id.clock}`;
    const byLastId = new Map(added.map((row) => [key(row.lastId), row]));
    /** New rows that go right after another new row, by that row's last id. */
    const after = new Map<string, Y.Item>();
    const firsts: Y.Item[] = [];
    for (const row of added) {
      if (row.origin !== null && byLastId.has(key(row.origin))) {
        if (after.has(key(row.origin))) return null;
        after.set(key(row.origin), row);
      } else {
        firsts.push(row);
      }
    }
    const runs: { at: number; position: number; rows: Y.Item[] }[] = [];
    let placed = 0;
    for (const first of firsts) {
      const place = this.rowIndex(table, first, live);
      if (place === null || runs.some((run) => run.position === place.position)) return null;
      const run = [first];
      for (let next = after.get(key(first.lastId)); next !== undefined; next = after.get(key(next.lastId))) {
        const sameRight = next.rightOrigin === null ? first.rightOrigin === null : first.rightOrigin !== null && Y.compareIDs(next.rightOrigin, first.rightOrigin);
        if (!sameRight || run.length >= added.length) return null;
        run.push(next);
      }
      runs.push({ at: place.index, position: place.position, rows: run });
      placed += run.length;
    }
    if (placed !== added.length) return null;
    const rows = [...liveRows];
    // Last first, so that each goes in before those after it (runs between the same live rows, on either side of deleted ones, too).
    for (const { at, rows: run } of runs.sort((a, b) => b.position - a.position)) rows.splice(at, 0, ...run);
    return rows;
  }

  /**
   * Where among a table's live rows a new row goes (`index`), and before which of all its items,
   * deleted ones too (`position`), when it surely goes right after an item the table has (or
   * first): Yjs puts it between its neighbours when nothing lies between them. Null when that
   * cannot be told without integrating it.
   */
  private rowIndex(table: Y.AbstractType<unknown>, row: Y.Item, live: (item: Y.Item) => boolean): { index: number; position: number } | null {
    let left: Y.Item | null = null;
    if (row.origin !== null) {
      if (!this.hasClock(row.origin)) return null;
      const found = this.docStruct(row.origin);
      if (!(found instanceof Y.Item) || found.parent !== table || !Y.compareIDs(found.lastId, row.origin)) return null;
      left = found;
    }
    const right = left ? left.right : table._start;
    if (right === null ? row.rightOrigin !== null : !(row.rightOrigin !== null && Y.compareIDs(right.id, row.rightOrigin))) return null;
    let index = 0;
    let position = 0;
    for (let item = table._start; item !== null && item !== right; item = item.right) {
      position++;
      if (live(item) && item.content instanceof Y.ContentType && item.content.type instanceof Y.XmlElement) index++;
    }
    return { index, position };
  }

  /**
   * Why a new item would give the document a shape the editor and the readers do not expect, or
   * null. The document is one Y.XmlFragment (NARRATIVE_FIELD) of elements and texts, as
   * y-prosemirror writes it for the editor's schema (shared/narrativeSchema.ts): a child of the
   * fragment or of an element is an element named after a node of the schema, or a text in a
   * node that holds text (y-prosemirror's binding throws on anything else, and every client
   * opening the text would; a node or mark it cannot render it deletes, in the name of whoever
   * opens the page); an element's attributes are the node's, with values the schema allows; a
   * text holds characters (no run of combining marks longer than MAX_COMBINING_RUN) and marks of
   * the schema; nothing goes anywhere else (another root, the fragment's own attributes, a type
   * the narrative does not hold). A deleted item carries no content and goes anywhere. Strings
   * that start or end with a combining mark are noted in `markEdged`, for `combiningRuns`.
   */
  private misplaced(
    item: Y.Item,
    own: UpdateStructs,
    placements: Map<Y.Item, Placement>,
    markEdged: Map<Y.AbstractType<unknown> | Y.Item, Y.Item[]>,
  ): string | null {
    const content = item.content;
    if (content instanceof Y.ContentDeleted) return null;
    const { parent, sub } = this.placementOf(item, own, placements);
    if (parent === null) return null;
    const holder = typeof parent === 'string' ? null : elementName(typeOf(parent));
    switch (this.kindOf(parent)) {
      case 'text':
        // A text's own attributes: y-prosemirror writes and reads none; at most a plain value, never a type holding more.
        if (sub !== null) return content instanceof Y.ContentAny && content.arr.length === 1 ? null : `an attribute of a text holding ${contentName(content)}`;
        return this.textContentProblem(item, parent as Y.AbstractType<unknown> | Y.Item, own, markEdged);
      case 'other':
        return 'content outside the narrative: it holds one Y.XmlFragment of elements and texts';
      case 'narrative':
        if (sub !== null) return 'attributes on the narrative fragment';
        break;
      case 'element':
        if (sub !== null) return attributeContentProblem(holder ?? '', sub, content);
        break;
    }
    if (content instanceof Y.ContentType) {
      const child: unknown = content.type;
      if (child instanceof Y.XmlElement) return nodeProblem(child.nodeName);
      if (child instanceof Y.XmlText) {
        if (holder === null) return 'a text straight in the narrative: text goes in a paragraph, a heading or a code block';
        return holdsText(holder) ? null : `a text in ${JSON.stringify(holder.slice(0, 40))}, which holds no text`;
      }
    }
    return `a child that is ${contentName(content)}: the narrative and its elements hold elements and texts only`;
  }

  /**
   * Why content is not what a text holds, or null: characters, and formatting that sets or ends a
   * mark of the schema, or puts back the formatting in effect where it goes (Yjs does so after
   * text typed inside a mark: formatting stored before these checks, the text around it edited).
   * A string starting or ending with a combining mark is noted for `combiningRuns`.
   */
  private textContentProblem(
    item: Y.Item,
    text: Y.AbstractType<unknown> | Y.Item,
    own: UpdateStructs,
    markEdged: Map<Y.AbstractType<unknown> | Y.Item, Y.Item[]>,
  ): string | null {
    const content = item.content;
    if (content instanceof Y.ContentFormat) {
      const problem = markProblem(content.key, content.value);
      return problem && !this.restoresFormat(item, content, own) ? problem : null;
    }
    if (!(content instanceof Y.ContentString)) return `a text holding ${contentName(content)}: a text holds characters and marks only`;
    const problem = combiningRunProblem(content.str);
    if (problem) return problem;
    if (endMarks(content.str, 1).marks > 0 || endMarks(content.str, -1).marks > 0) {
      const edged = markEdged.get(text);
      if (edged) edged.push(item);
      else markEdged.set(text, [item]);
    }
    return null;
  }

  /**
   * Whether a new format puts back the value its key has where it goes: that of the nearest format
   * of that key before it in the document (past the update's own items), found within MAX_WALK items.
   */
  private restoresFormat(item: Y.Item, content: Y.ContentFormat, own: UpdateStructs): boolean {
    const anchor = this.anchor(item, -1, own);
    if (!anchor) return false;
    let at: Y.Item | Y.GC | null = this.docStruct(anchor);
    for (let moves = 0; at instanceof Y.Item && moves < MAX_WALK && this.walkSteps-- > 0; moves++, at = at.left) {
      if (at.deleted || !(at.content instanceof Y.ContentFormat) || at.content.key !== content.key) continue;
      return JSON.stringify(at.content.value) === JSON.stringify(content.value);
    }
    return false;
  }

  /**
   * Why the update would leave more than MAX_COMBINING_RUN combining marks in a row in a text, or
   * null. A new string's own runs are judged where it is met (`textContentProblem`); here, the
   * runs it joins at its ends, and the runs a deletion joins (the letters between two runs
   * deleted), so that a long run is not built from short ones, one update after another or in
   * one. Marks beside a change are counted by a short walk along the text, skipping tombstones,
   * formatting and what the update deletes: for a string with marks at an end, from the
   * neighbours its encoding names (when those are next to each other here, so that Yjs puts it
   * between them); for a deletion, from its first piece, on both sides. A text where that does
   * not tell (two such strings, such a string and a deletion, a neighbour it did not see, a long
   * walk, more walking than MAX_WALK_STEPS in all) is counted exactly on a copy of the document
   * with the update applied, when `mayCopy` allows it (COPY_REFUSED when not).
   */
  private combiningRuns(
    update: Uint8Array,
    markEdged: Map<Y.AbstractType<unknown> | Y.Item, Y.Item[]>,
    deletions: UpdateDeletions,
    own: UpdateStructs,
    placements: Map<Y.Item, Placement>,
  ): string | null | typeof COPY_REFUSED {
    const exactly = new Set<Y.AbstractType<unknown> | Y.Item>();
    const deletedIn = new Set<Y.AbstractType<unknown>>();
    const deleted = this.deletedRuns(deletions, own, placements, deletedIn, exactly);
    if (deleted) return deleted;
    for (const [text, items] of markEdged) {
      const item = items[0]!;
      if (items.length > 1 || (text instanceof Y.AbstractType && deletedIn.has(text)) || !this.placedExactly(item, text, own)) {
        exactly.add(text);
        continue;
      }
      const str = (item.content as Y.ContentString).str;
      const lead = endMarks(str, 1);
      const trail = endMarks(str, -1);
      const left = lead.marks > 0 ? this.marksFrom(item.origin && this.spotAt(item.origin, own), -1, own, deletions) : 0;
      const right = trail.marks > 0 ? this.marksFrom(item.rightOrigin && this.spotAt(item.rightOrigin, own), 1, own, deletions) : 0;
      if (left === null || right === null) {
        exactly.add(text);
        continue;
      }
      const run = lead.only ? left + lead.marks + right : Math.max(left + lead.marks, trail.marks + right);
      if (run > MAX_COMBINING_RUN) return RUN_PROBLEM;
    }
    if (exactly.size === 0) return null;
    return this.mayCopy() ? this.exactRuns(update, exactly) : COPY_REFUSED;
  }

  /**
   * Why deleting what the update deletes would join runs of combining marks into one longer than
   * MAX_COMBINING_RUN, or null. Each deleted piece of a live text's string is looked at, and each
   * gap once, from its first piece: the marks before it and the marks after it (past the rest
   * of the gap) make the joined run. A gap with no mark before it joins nothing the gaps after it
   * do not count. Texts with deletions go into `deletedIn`; those a walk does not tell into
   * `exactly`, and so do texts where the update deletes part of a string it brings (which the
   * editor's updates, whose deleted content is collected, never do).
   */
  private deletedRuns(
    deletions: UpdateDeletions,
    own: UpdateStructs,
    placements: Map<Y.Item, Placement>,
    deletedIn: Set<Y.AbstractType<unknown>>,
    exactly: Set<Y.AbstractType<unknown> | Y.Item>,
  ): string | null {
    const store = this.doc.store;
    for (const [client, ranges] of deletions.byClient) {
      const structs = store.clients.get(client) ?? [];
      const state = Y.getState(store, client);
      for (const range of ranges) {
        for (const item of own.covering(client, Math.max(range.clock, state), range.end)) {
          if (!(item instanceof Y.Item) || !(item.content instanceof Y.ContentString)) continue;
          const { parent } = this.placementOf(item, own, placements);
          if (parent !== null && typeof parent !== 'string' && this.kindOf(parent) === 'text') exactly.add(parent);
        }
        if (range.clock >= state) continue;
        for (let i = Y.findIndexSS(structs, range.clock); i < structs.length && structs[i]!.id.clock < range.end; i++) {
          const item = structs[i]!;
          if (!(item instanceof Y.Item) || item.deleted || !(item.content instanceof Y.ContentString)) continue;
          if (!(item.parent instanceof Y.XmlText)) continue;
          const text = item.parent as Y.AbstractType<unknown>;
          const holder = text._item;
          if (holder && (holder.deleted || deletions.at(holder.id.client, holder.id.clock))) continue;
          deletedIn.add(text);
          const start = Math.max(range.clock, item.id.clock) - item.id.clock;
          const end = Math.min(range.end, item.id.clock + item.length) - item.id.clock;
          const before: Spot | null = start > 0 ? { item, offset: start - 1 } : item.left && { item: item.left, offset: item.left.length - 1 };
          const beforePiece =
            before !== null &&
            before.item.content instanceof Y.ContentString &&
            !before.item.deleted &&
            deletions.at(before.item.id.client, before.item.id.clock + before.offset) !== null;
          // Not the gap's first piece: that one counts the gap whole.
          if (beforePiece) continue;
          const left = this.marksFrom(before, -1, own, deletions);
          if (left === 0) continue;
          const after: Spot | null = end < item.length ? { item, offset: end } : item.right && { item: item.right, offset: 0 };
          const right = left === null ? null : this.marksFrom(after, 1, own, deletions);
          if (left === null || right === null) exactly.add(text);
          else if (left + right > MAX_COMBINING_RUN) return RUN_PROBLEM;
        }
      }
    }
    return null;
  }

  /**
   * Combining marks in a row from a character on, going left (step -1) or right (1), as the text
   * will read: tombstones, formatting and what the update deletes are skipped; a letter, an embed
   * or the end of the text ends the run. Counted up to MAX_COMBINING_RUN + 1; null when the walk
   * looks through more than MAX_WALK items and deletions first.
   */
  private marksFrom(spot: Spot | null, step: 1 | -1, own: UpdateStructs, deletions: UpdateDeletions): number | null {
    let marks = 0;
    let moves = 0;
    for (let at = spot; at !== null; at = this.nextSpot(at.item, step, own)) {
      if (++moves > MAX_WALK || this.walkSteps-- <= 0) return null;
      const { item } = at;
      const content = item.content;
      if ((isIntegrated(item) && item.deleted) || content instanceof Y.ContentFormat || content instanceof Y.ContentDeleted) continue;
      if (!(content instanceof Y.ContentString)) return marks;
      const str = content.str;
      for (let offset = at.offset; offset >= 0 && offset < str.length; ) {
        const deleted = deletions.at(item.id.client, item.id.clock + offset);
        if (deleted) {
          if (++moves > MAX_WALK || this.walkSteps-- <= 0) return null;
          offset = (step > 0 ? deleted.end : deleted.clock - 1) - item.id.clock;
          continue;
        }
        const char = charAt(str, offset, step);
        if (!isCombiningMark(char) || ++marks > MAX_COMBINING_RUN) return marks;
        offset += step * char.length;
      }
    }
    return marks;
  }

  /** The first (step 1) or last (-1) character of the item next to `item`: in the document's list, or named by an item of the update. */
  private nextSpot(item: Y.Item, step: 1 | -1, own: UpdateStructs): Spot | null {
    if (isIntegrated(item)) {
      const next = step > 0 ? item.right : item.left;
      return next && { item: next, offset: step > 0 ? 0 : next.length - 1 };
    }
    const ref = step > 0 ? item.rightOrigin : item.origin;
    return ref && this.spotAt(ref, own);
  }

  /** The character `id` names, in the document or in the update. */
  private spotAt(id: Y.ID, own: UpdateStructs): Spot | null {
    const struct = this.hasClock(id) ? this.docStruct(id) : own.find(id);
    return struct instanceof Y.Item ? { item: struct, offset: id.clock - struct.id.clock } : null;
  }

  /**
   * Whether a new item goes exactly between the neighbours its encoding names, as it does when
   * its sender had the text as it is here: the characters of the document its left and right
   * neighbours lead to (through the update's own items) are next to each other, or the text is
   * new. Otherwise (beside an edit its sender did not see) where Yjs puts it is not told here.
   */
  private placedExactly(item: Y.Item, text: Y.AbstractType<unknown> | Y.Item, own: UpdateStructs): boolean {
    const left = this.anchor(item, -1, own);
    const right = this.anchor(item, 1, own);
    if (left === undefined || right === undefined) return false;
    if (text instanceof Y.Item) return left === null && right === null;
    let next: Y.ID | null;
    if (left === null) next = text._start?.id ?? null;
    else {
      const struct = this.docStruct(left);
      if (!(struct instanceof Y.Item)) return false;
      next = left.clock + 1 < struct.id.clock + struct.length ? Y.createID(left.client, left.clock + 1) : (struct.right?.id ?? null);
    }
    return next === null || right === null ? next === right : Y.compareIDs(next, right);
  }

  /** The character of the document an item's left (-1) or right (1) neighbour leads to through the update's own items: null at the text's start or end, undefined when it cannot be told. */
  private anchor(item: Y.Item, step: 1 | -1, own: UpdateStructs): Y.ID | null | undefined {
    let ref = step > 0 ? item.rightOrigin : item.origin;
    for (let moves = 0; ref !== null && !this.hasClock(ref); moves++) {
      const next = own.find(ref);
      if (!(next instanceof Y.Item) || moves > MAX_WALK || this.walkSteps-- <= 0) return undefined;
      ref = step > 0 ? next.rightOrigin : next.origin;
    }
    return ref;
  }

  /** Why the update would leave a run too long in one of `texts`, counted on a copy of the document with the update applied. */
  private exactRuns(update: Uint8Array, texts: Set<Y.AbstractType<unknown> | Y.Item>): string | null {
    return this.judgedOnCopy(update, texts, (type) => (type instanceof Y.XmlText && holdsLongRun(type) ? RUN_PROBLEM : null));
  }

  private kindOf(parent: Y.AbstractType<unknown> | Y.Item | string): ParentKind {
    if (typeof parent === 'string') return parent === NARRATIVE_FIELD ? 'narrative' : 'other';
    const type = typeOf(parent);
    if (type instanceof Y.XmlElement) return 'element';
    if (type instanceof Y.XmlText) return 'text';
    if (type instanceof Y.AbstractType && type._item === null && this.doc.share.get(NARRATIVE_FIELD) === type) return 'narrative';
    return 'other';
  }

  /**
   * Where a new item goes (Placement): its parent as encoded (an item holding a type, or a root's
   * name) or, when the encoding leaves the parent out, its left or right neighbour's parent and
   * key, followed without recursion. Every item of the chain followed is remembered in `memo`, so
   * siblings are each looked at once.
   */
  private placementOf(start: Y.Item, own: UpdateStructs, memo: Map<Y.Item, Placement>): Placement {
    const chain = new Set<Y.Item>();
    let item = start;
    let placement = UNKNOWN_PLACEMENT;
    for (;;) {
      const known = memo.get(item);
      if (known !== undefined) {
        placement = known;
        break;
      }
      if (chain.has(item)) break;
      chain.add(item);
      const parent: unknown = item.parent;
      if (typeof parent === 'string') {
        placement = { parent, sub: item.parentSub };
        break;
      }
      if (parent instanceof Y.AbstractType) {
        placement = { parent: parent as Y.AbstractType<unknown>, sub: item.parentSub };
        break;
      }
      if (parent instanceof Y.ID) {
        const integrated = this.hasClock(parent);
        const holder = integrated ? this.docStruct(parent) : own.find(parent);
        if (holder instanceof Y.Item && holder.content instanceof Y.ContentType) {
          placement = { parent: integrated ? (holder.content.type as Y.AbstractType<unknown>) : holder, sub: item.parentSub };
        }
        break;
      }
      const ref = item.origin ?? item.rightOrigin;
      if (!ref) break;
      if (this.hasClock(ref)) {
        const neighbour = this.docStruct(ref);
        if (neighbour instanceof Y.Item && neighbour.parent instanceof Y.AbstractType) {
          placement = { parent: neighbour.parent as Y.AbstractType<unknown>, sub: neighbour.parentSub };
        }
        break;
      }
      const next = own.find(ref);
      if (!(next instanceof Y.Item)) break;
      item = next;
    }
    for (const linked of chain) memo.set(linked, placement);
    return placement;
  }

  private hasClock(id: Y.ID): boolean {
    return id.clock < Y.getState(this.doc.store, id.client);
  }

  /** The integrated struct holding `id`, which must be below the document's state for its client. */
  private docStruct(id: Y.ID): Y.Item | Y.GC {
    const structs = this.doc.store.clients.get(id.client)!;
    return structs[Y.findIndexSS(structs, id.clock)]!;
  }

  /** Depth of a type in the document, walking up its ancestors (without recursion) until one is known. */
  private typeDepth(type: Y.AbstractType<unknown>): number {
    const unknown: Y.AbstractType<unknown>[] = [];
    let current: Y.AbstractType<unknown> | null = type;
    let base = 0;
    while (current) {
      const known = this.typeDepths.get(current);
      if (known !== undefined) {
        base = known;
        break;
      }
      const item: Y.Item | null = current._item;
      if (item === null) {
        // A root type.
        this.typeDepths.set(current, 0);
        break;
      }
      unknown.push(current);
      current = item.parent instanceof Y.AbstractType ? (item.parent as Y.AbstractType<unknown>) : null;
    }
    for (let i = unknown.length - 1; i >= 0; i--) this.typeDepths.set(unknown[i]!, ++base);
    return this.typeDepths.get(type) ?? 0;
  }

  /** Depth of the type an integrated struct sits in (0 for a root, or a struct without a parent). */
  private integratedParentDepth(struct: Y.Item | Y.GC): number {
    if (!(struct instanceof Y.Item) || !(struct.parent instanceof Y.AbstractType)) return 0;
    return this.typeDepth(struct.parent as Y.AbstractType<unknown>);
  }

  /**
   * Depth of the type a new item goes into, from its parent (an item holding a type) or, when the
   * encoding leaves the parent out, from its left or right neighbour. Those may themselves be in
   * the same update: the chain is followed without recursion, and a cycle counts as missing.
   */
  private parentDepth(start: Y.Item, own: UpdateStructs, memo: Map<Y.Item, ParentDepth>): ParentDepth {
    // Each step: the item, and whether its parent is the type held by the next one (+1) or the same (+0).
    const chain: { item: Y.Item; step: 0 | 1 }[] = [];
    const seen = new Set<Y.Item>();
    let item = start;
    let base: ParentDepth;
    for (;;) {
      const known = memo.get(item);
      if (known !== undefined) {
        base = known;
        break;
      }
      if (seen.has(item)) {
        base = 'missing';
        break;
      }
      seen.add(item);
      if (refersToRoot(item)) {
        memo.set(item, 0);
        base = 0;
        break;
      }
      const parent = item.parent instanceof Y.ID ? item.parent : null;
      const ref = parent ?? item.origin ?? item.rightOrigin;
      const step = parent ? 1 : 0;
      if (!ref) {
        base = 'missing';
        break;
      }
      const inUpdate = this.hasClock(ref) ? null : own.find(ref);
      if (inUpdate instanceof Y.Item) {
        chain.push({ item, step });
        item = inUpdate;
        continue;
      }
      if (inUpdate instanceof Y.GC) {
        // Next to garbage-collected content, Yjs collects the new item too.
        base = 0;
        memo.set(item, base);
        break;
      }
      if (!this.hasClock(ref)) {
        base = 'missing';
        break;
      }
      const integrated = this.docStruct(ref);
      if (parent) {
        // The parent type is held by an integrated item.
        const type = integrated instanceof Y.Item && integrated.content instanceof Y.ContentType ? integrated.content.type : null;
        base = type ? this.typeDepth(type as Y.AbstractType<unknown>) : 0;
      } else {
        base = this.integratedParentDepth(integrated);
      }
      memo.set(item, base);
      break;
    }
    for (let i = chain.length - 1; i >= 0; i--) {
      const { item: linked, step } = chain[i]!;
      base = base === 'missing' ? 'missing' : base + step;
      memo.set(linked, base);
    }
    return base;
  }

  /** Live types and the deepest nesting of the document, from its struct store (no recursion). */
  private measure(): { nodes: number; depth: number } {
    let nodes = 0;
    let depth = 0;
    for (const structs of this.doc.store.clients.values()) {
      for (const struct of structs) {
        if (!(struct instanceof Y.Item) || struct.deleted || !(struct.content instanceof Y.ContentType)) continue;
        nodes++;
        depth = Math.max(depth, this.typeDepth(struct.content.type as Y.AbstractType<unknown>));
      }
    }
    return { nodes, depth };
  }
}

/** The structs of one update by client, for looking up a clock. */
class UpdateStructs {
  private readonly byClient = new Map<number, Struct[]>();

  constructor(structs: Struct[]) {
    for (const struct of structs) {
      const list = this.byClient.get(struct.id.client);
      if (list) list.push(struct);
      else this.byClient.set(struct.id.client, [struct]);
    }
  }

  firstClocks(): Map<number, number> {
    return new Map([...this.byClient].map(([client, structs]) => [client, structs[0]!.id.clock]));
  }

  endClock(client: number): number {
    const structs = this.byClient.get(client);
    const last = structs?.[structs.length - 1];
    return last ? last.id.clock + last.length : 0;
  }

  /** The structs of `client` covering clocks `from` to `end` (exclusive). */
  covering(client: number, from: number, end: number): Struct[] {
    const structs = this.byClient.get(client);
    if (!structs || from >= end) return [];
    // The first struct ending after `from` (the structs of a client follow each other by clock).
    let lo = 0;
    let hi = structs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const struct = structs[mid]!;
      if (struct.id.clock + struct.length <= from) lo = mid + 1;
      else hi = mid;
    }
    const covering: Struct[] = [];
    for (let i = lo; i < structs.length && structs[i]!.id.clock < end; i++) covering.push(structs[i]!);
    return covering;
  }

  /** The struct covering `id`, if this update has it. */
  find(id: Y.ID): Struct | null {
    const structs = this.byClient.get(id.client);
    if (!structs) return null;
    let lo = 0;
    let hi = structs.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const struct = structs[mid]!;
      if (id.clock < struct.id.clock) hi = mid - 1;
      else if (id.clock >= struct.id.clock + struct.length) lo = mid + 1;
      else return struct;
    }
    return null;
  }
}

/** An update's deletions by client: sorted, overlapping ranges merged, for looking up a clock. */
class UpdateDeletions {
  readonly byClient = new Map<number, { clock: number; end: number }[]>();

  constructor(ds: DecodedUpdate['ds']) {
    for (const [client, deletions] of ds.clients) {
      const ranges = deletions.map(({ clock, len }) => ({ clock, end: clock + len })).sort((a, b) => a.clock - b.clock);
      const merged: { clock: number; end: number }[] = [];
      for (const range of ranges) {
        const last = merged[merged.length - 1];
        if (last && range.clock <= last.end) last.end = Math.max(last.end, range.end);
        else merged.push(range);
      }
      this.byClient.set(client, merged);
    }
  }

  /** The deleted range holding `clock` of `client`, or null. */
  at(client: number, clock: number): { clock: number; end: number } | null {
    const ranges = this.byClient.get(client);
    if (!ranges) return null;
    let lo = 0;
    let hi = ranges.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const range = ranges[mid]!;
      if (clock < range.clock) hi = mid - 1;
      else if (clock >= range.end) lo = mid + 1;
      else return range;
    }
    return null;
  }
}
