import * as Y from 'yjs';
import { NARRATIVE_FIELD } from '../../shared/documentLayout.js';
import { MAX_DOCUMENT_BYTES, MAX_NARRATIVE_DEPTH, MAX_NARRATIVE_NODES, MAX_TABLE_COLUMNS, MAX_TABLE_ROWS } from '../../shared/limits.js';
import { ClientClaims } from './ClientClaims.js';

/** An update as `Y.decodeUpdate` gives it: its structs and its delete set. */
export type DecodedUpdate = ReturnType<typeof Y.decodeUpdate>;

/**
 * What the guard says about one update before it is applied:
 * - `apply`: it only adds what the document can integrate at once, within the limits;
 * - `missingDependencies`: it refers to changes the document does not have, which Yjs would keep
 *   as pending structs (never stored, yet served to everyone): the sender resyncs;
 * - `limit`: it would take the document past a limit on its shape or size, or it writes under a
 *   client id another account introduced: refused like a read-only write, with the reason.
 *
 * `writers` are the client ids the update brings new structs of: once it is applied they are
 * its author's (those nobody had).
 */
export type UpdateVerdict =
  | { kind: 'apply'; addedTypes: number; writers: number[] }
  | { kind: 'missingDependencies'; detail: string }
  | { kind: 'limit'; detail: string };

type Struct = DecodedUpdate['structs'][number];

/** Depth of the parent type of an item that is not integrated yet: the root is 0. */
type ParentDepth = number | 'missing';

function refersToRoot(item: Y.Item): boolean {
  return typeof (item.parent as unknown) === 'string';
}

/**
 * Most children of an element by its node name: rows of a table, cells of a row (the editor's
 * tables, shared/limits.ts). A cell spanning columns still counts once here; the readers cut a
 * span at the grid's edge.
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

/**
 * Keeps one document within MAX_NARRATIVE_DEPTH, MAX_NARRATIVE_NODES and MAX_DOCUMENT_BYTES,
 * and free of pending structs, by inspecting each update before it is applied. The depth of an
 * inserted type counts its ancestors already in the document, so a tower built one level per
 * update is stopped at the limit like one sent at once. Node and byte counts are kept as upper
 * bounds (each accepted update adds its own) and counted exactly only when a bound is reached.
 * Nothing here recurses: a document stored before the limits existed may be nested arbitrarily.
 * It also keeps the document the shape the editor and every reader expect (see `misplaced`).
 */
export class UpdateGuard {
  /** Depth of each type of the document met so far (types never move). */
  private readonly typeDepths = new WeakMap<Y.AbstractType<unknown>, number>();
  private nodes = 0;
  private bytes = 0;
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
   * applied (and the caller claims its `writers` for the author once it is).
   */
  check(update: Uint8Array, decoded: DecodedUpdate, author: string): UpdateVerdict {
    if (this.overLimit) return { kind: 'limit', detail: this.overLimit };
    const inspected = this.inspect(decoded);
    if (inspected.kind !== 'apply') return inspected;
    const foreign = this.claims.foreign(inspected.writers, author);
    if (foreign.length > 0) {
      return { kind: 'limit', detail: `client id ${foreign.join(', ')} belongs to another account: nobody writes in someone else's name` };
    }
    if (this.nodes + inspected.addedTypes > MAX_NARRATIVE_NODES) {
      this.nodes = this.measure().nodes;
      if (this.nodes + inspected.addedTypes > MAX_NARRATIVE_NODES) {
        return { kind: 'limit', detail: `the document would hold more than ${MAX_NARRATIVE_NODES} nodes` };
      }
    }
    if (this.bytes + update.byteLength > MAX_DOCUMENT_BYTES) {
      this.bytes = Y.encodeStateAsUpdate(this.doc).byteLength;
      if (this.bytes + update.byteLength > MAX_DOCUMENT_BYTES) {
        return { kind: 'limit', detail: `the document would be larger than ${MAX_DOCUMENT_BYTES} bytes` };
      }
    }
    this.nodes += inspected.addedTypes;
    this.bytes += update.byteLength;
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
  }

  private inspect({ structs, ds }: DecodedUpdate): UpdateVerdict {
    const store = this.doc.store;
    const own = new UpdateStructs(structs);
    for (const [client, first] of own.firstClocks()) {
      if (first > Y.getState(store, client)) {
        return { kind: 'missingDependencies', detail: `client ${client} starts at clock ${first}, the document has ${Y.getState(store, client)}` };
      }
    }
    const parentDepths = new Map<Y.Item, ParentDepth>();
    const placements = new Map<Y.Item, Placement>();
    const writers = new Set<number>();
    let addedTypes = 0;
    for (const struct of structs) {
      if (struct instanceof Y.Skip) return { kind: 'missingDependencies', detail: 'the update has a gap' };
      // Already integrated: Yjs skips it.
      if (struct.id.clock + struct.length <= Y.getState(store, struct.id.client)) continue;
      writers.add(struct.id.client);
      if (!(struct instanceof Y.Item)) continue;
      for (const ref of [struct.origin, struct.rightOrigin, struct.parent instanceof Y.ID ? struct.parent : null]) {
        if (ref && !this.hasClock(ref) && !own.find(ref)) {
          return { kind: 'missingDependencies', detail: `refers to ${ref.client}:${ref.clock}, which the document does not have` };
        }
      }
      if (struct.content instanceof Y.ContentDoc) return { kind: 'limit', detail: 'subdocuments are not accepted' };
      const misplaced = this.misplaced(struct, own, placements);
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
    const tooMany = this.tooManyChildren(structs, ds, own, placements);
    if (tooMany) return { kind: 'limit', detail: tooMany };
    return { kind: 'apply', addedTypes, writers: [...writers] };
  }

  /**
   * Why the update would give a table more rows, or a row more cells, than MAX_CHILDREN allows,
   * or null. An element's children are counted as it has them, plus the ones the update inserts
   * into it, less the ones it deletes from it (the editor replaces a row's cells when the header
   * row is turned on or off). Only elements the update adds children to are judged, so that a
   * table stored bigger may still be edited and made smaller.
   */
  private tooManyChildren(structs: Struct[], ds: DecodedUpdate['ds'], own: UpdateStructs, placements: Map<Y.Item, Placement>): string | null {
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
    for (const [client, deletions] of ds.clients) {
      const clientStructs = store.clients.get(client);
      if (!clientStructs) continue;
      const state = Y.getState(store, client);
      for (const { clock, len } of deletions) {
        if (clock >= state) continue;
        for (let i = Y.findIndexSS(clientStructs, clock); i < clientStructs.length && clientStructs[i]!.id.clock < clock + len; i++) {
          const struct = clientStructs[i]!;
          if (!(struct instanceof Y.Item) || struct.deleted || !(struct.content instanceof Y.ContentType) || struct.parentSub !== null) continue;
          if (!(struct.parent instanceof Y.XmlElement)) continue;
          const counted = counts.get(struct.parent as Y.AbstractType<unknown>);
          if (counted) counted.count--;
        }
      }
    }
    for (const counted of counts.values()) {
      const limit = MAX_CHILDREN.get(counted.name);
      if (limit && counted.grows && counted.count > limit.most) return `more than ${limit.most} ${limit.what}`;
    }
    return null;
  }

  /**
   * Why a new item would give the document a shape the editor and the readers do not expect, or
   * null. The document is one Y.XmlFragment (NARRATIVE_FIELD) of elements and texts, as
   * y-prosemirror writes it: a child of the fragment or of an element is an element or a text
   * (y-prosemirror's binding throws on anything else, and every client opening the text would);
   * an element's attributes, and a text's characters, embeds, formatting and attributes, are what
   * they are; nothing goes anywhere else (another root, the fragment's own attributes, a type the
   * narrative does not hold). A deleted item carries no content and goes anywhere.
   */
  private misplaced(item: Y.Item, own: UpdateStructs, placements: Map<Y.Item, Placement>): string | null {
    if (item.content instanceof Y.ContentDeleted) return null;
    const { parent, sub } = this.placementOf(item, own, placements);
    if (parent === null) return null;
    switch (this.kindOf(parent)) {
      case 'text':
        return null;
      case 'other':
        return 'content outside the narrative: it holds one Y.XmlFragment of elements and texts';
      case 'narrative':
        if (sub !== null) return 'attributes on the narrative fragment';
        break;
      case 'element':
        if (sub !== null) return null;
        break;
    }
    const content = item.content;
    if (content instanceof Y.ContentType && (content.type instanceof Y.XmlElement || content.type instanceof Y.XmlText)) return null;
    return `a child that is ${contentName(content)}: the narrative and its elements hold elements and texts only`;
  }

  private kindOf(parent: Y.AbstractType<unknown> | Y.Item | string): ParentKind {
    if (typeof parent === 'string') return parent === NARRATIVE_FIELD ? 'narrative' : 'other';
    const type: unknown = parent instanceof Y.Item ? (parent.content instanceof Y.ContentType ? parent.content.type : null) : parent;
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
