import * as Y from 'yjs';
import type { TestClient } from './clients.js';
import {
  awarenessFrame,
  junkFrame,
  missingDepsUpdate,
  mutatedFrame,
  queryAwarenessFrame,
  standaloneUpdate,
  stateVectorFrame,
  stepOneFrame,
  updateFrame,
  type FuzzAction,
  type Frame,
  type IdContext,
} from './fuzzFrames.js';
import { applyEdit, captureUpdates, deleteUnprotected, documentShape, isOverLimit, opCost, towerUpdates } from './fuzzEdits.js';
import { emptyLaneStats, FuzzLane, type LaneStats } from './fuzzLane.js';
import type { Target } from './session.js';

/**
 * The room-side budget of the fuzz. The sync server refuses updates that make a document too
 * deep, too big or too heavy; the fuzz must keep the room well below those limits with its
 * well-formed edits, or the writers' own paragraphs would be refused and the run would test
 * the fuzzer. Deliberately oversized updates (isOverLimit, towers) are refused whole.
 */
const ROOM_SOFT_NODES = 3_000;
const ROOM_SOFT_BYTES = 600_000;
const ROOM_SOFT_DEPTH = 30;
const BATCH_NODES = 2_500;
const BATCH_BYTES = 400_000;

/** Most frames one tower may take; deeper towers put more levels in each update. */
const MAX_TOWER_FRAMES = 1_500;
const MAX_READ_ONLY_TOWER_FRAMES = 100;

/** A lane waits for the server's answer at least this often, so it never runs far ahead. */
const PROBE_EVERY_FRAMES = 64;

/** Transaction origin of the fuzz's own edits on a scratch doc. */
const FUZZ_ORIGIN = Symbol('fuzz');

export interface LaneSpec {
  name: string;
  target: Target;
  canWrite: boolean;
}

interface LaneState {
  lane: FuzzLane;
  /** The room as this lane knows it: the mirror's state plus its own edits (writable lanes only). */
  scratch: Y.Doc | null;
  /** The scratch holds edits the room refused or never got: rebuild it before the next edit. */
  dirty: boolean;
  /** The awareness client id this lane uses as its own. */
  awarenessId: number;
  /** Edits made on the scratch doc were sent since the last answered probe. */
  unconfirmed: boolean;
  /** The lane's refusal count when its edits were last known to be taken. */
  refusalsSeen: number;
  sinceProbe: number;
}

/**
 * Runs fuzz batches against one room over several raw sockets. Well-formed edits are made on
 * per-lane scratch docs that follow a stock "mirror" client of the room, so their
 * dependencies are what the server has stored; everything else is built from its description.
 */
export class FuzzSession {
  readonly stats: LaneStats = emptyLaneStats();
  private readonly lanes: LaneState[];

  constructor(
    docName: string,
    laneSpecs: readonly LaneSpec[],
    private readonly mirror: TestClient,
    /** Client ids whose content the fuzz must not touch: the writers'. */
    private readonly protectedClients: () => ReadonlySet<number>,
  ) {
    const probe = (): Uint8Array => stateVectorFrame(Y.encodeStateVector(this.mirror.doc));
    this.lanes = laneSpecs.map((spec, i) => ({
      lane: new FuzzLane(spec.name, spec.target, docName, spec.canWrite, this.stats, probe),
      scratch: null,
      dirty: true,
      awarenessId: 1_000_000 + i,
      unconfirmed: false,
      refusalsSeen: 0,
      sinceProbe: 0,
    }));
    mirror.doc.on('update', this.followMirror);
  }

  /**
   * Sends one batch. Each lane takes its actions in order and builds each one's frames just
   * before sending them, so that edits build on the room as the lane last saw it accepted.
   */
  async runBatch(actions: readonly FuzzAction[]): Promise<void> {
    await this.keepRoomSmall();
    const budget = { nodes: BATCH_NODES, bytes: BATCH_BYTES };
    const shares = this.lanes.map((): FuzzAction[] => []);
    for (const action of actions) shares[action.lane % this.lanes.length]!.push(action);
    await Promise.all(
      this.lanes.map(async (state, i) => {
        for (const action of shares[i]!) await this.send(state, this.framesFor(action, state, budget));
        await this.settle(state);
      }),
    );
  }

  close(): void {
    this.mirror.doc.off('update', this.followMirror);
    for (const state of this.lanes) {
      state.lane.close();
      state.scratch?.destroy();
    }
  }

  private readonly followMirror = (update: Uint8Array): void => {
    for (const state of this.lanes) if (state.scratch && !state.dirty) Y.applyUpdate(state.scratch, update);
  };

  private scratchOf(state: LaneState): Y.Doc {
    if (state.scratch && !state.dirty) return state.scratch;
    state.scratch?.destroy();
    // No garbage collection: Yjs collects a deleted subtree recursively, and the fuzz deletes towers.
    const doc = new Y.Doc({ gc: false });
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(this.mirror.doc));
    state.scratch = doc;
    state.dirty = false;
    return doc;
  }

  /** Deletes the fuzz's content once the room holds more than the soft budget. */
  private async keepRoomSmall(): Promise<void> {
    const shape = documentShape(this.mirror.doc);
    const bytes = Y.encodeStateAsUpdate(this.mirror.doc).length;
    if (shape.nodes <= ROOM_SOFT_NODES && shape.depth <= ROOM_SOFT_DEPTH && bytes <= ROOM_SOFT_BYTES) return;
    const state = this.lanes.find((candidate) => candidate.lane.canWrite)!;
    const scratch = this.scratchOf(state);
    const updates = captureUpdates(scratch, () => deleteUnprotected(scratch, this.protectedClients(), FUZZ_ORIGIN));
    await this.send(state, updates.map((update) => ({ data: updateFrame(update), hostile: false, scratch: true })));
    await this.settle(state);
  }

  private ids(state: LaneState): IdContext {
    return {
      own: state.awarenessId,
      writers: [...this.protectedClients()],
      lanes: this.lanes.map((other) => other.awarenessId),
    };
  }

  private framesFor(action: FuzzAction, state: LaneState, budget: { nodes: number; bytes: number }): Iterable<Frame> {
    switch (action.kind) {
      case 'edits': {
        const ops = action.ops.filter((op) => {
          if (isOverLimit(op)) return true;
          const cost = opCost(op);
          if (cost.nodes > budget.nodes || cost.bytes > budget.bytes) return false;
          budget.nodes -= cost.nodes;
          budget.bytes -= cost.bytes;
          return true;
        });
        if (ops.length === 0) return [];
        const hostile = ops.some(isOverLimit);
        if (!state.lane.canWrite) {
          // Dropped by the server whatever it holds: no need to follow the room.
          return [{ data: updateFrame(standaloneUpdate({ rootType: 'xml', rootName: 'narrative', ops, value: null }), action.asStep2), hostile }];
        }
        const scratch = this.scratchOf(state);
        const updates = captureUpdates(scratch, () => {
          for (const op of ops) applyEdit(scratch, op, this.protectedClients(), FUZZ_ORIGIN);
        });
        if (updates.length === 0) return [];
        const sent = action.merge ? [Y.mergeUpdates(updates)] : updates;
        return sent.map((update) => ({ data: updateFrame(update, action.asStep2), hostile, scratch: true }));
      }
      case 'tower': {
        const maxFrames = state.lane.canWrite ? MAX_TOWER_FRAMES : MAX_READ_ONLY_TOWER_FRAMES;
        const depth = state.lane.canWrite ? action.depth : Math.min(action.depth, maxFrames * action.levelsPerUpdate);
        const levelsPerUpdate = Math.max(action.levelsPerUpdate, Math.ceil(depth / maxFrames));
        return this.towerFrames(state, { depth, levelsPerUpdate, name: action.name });
      }
      case 'standalone':
        return [{ data: updateFrame(standaloneUpdate(action.spec)), hostile: true }];
      case 'missingDeps':
        return [{ data: updateFrame(missingDepsUpdate(action.spec)), hostile: true }];
      case 'awareness':
        return [{ data: awarenessFrame(action.spec, this.ids(state)), hostile: true }];
      case 'mutated':
        return [{ data: mutatedFrame(action.base, action.mutations, this.ids(state)), hostile: true }];
      case 'junk':
        return [{ data: junkFrame(action.spec), hostile: true }];
      case 'step1':
        return [{ data: stepOneFrame(action.stateVector), hostile: false, answered: true }];
      case 'queryAwareness':
        return [{ data: queryAwarenessFrame(), hostile: false }];
    }
  }

  /**
   * A tower's frames, each built just before it is sent: once the room refused one, the rest
   * are never built (see towerUpdates: building them all up front blocked the whole process).
   */
  private *towerFrames(state: LaneState, spec: { depth: number; levelsPerUpdate: number; name: string }): Generator<Frame, void, undefined> {
    const { canWrite } = state.lane;
    // A read-only lane's tower is dropped whatever the room holds: it needs no scratch doc.
    const doc = canWrite ? this.scratchOf(state) : new Y.Doc();
    let left = Math.ceil(spec.depth / spec.levelsPerUpdate);
    try {
      for (const update of towerUpdates(doc, spec, FUZZ_ORIGIN)) {
        yield { data: updateFrame(update), hostile: false, chainLeft: left--, scratch: canWrite };
      }
    } finally {
      if (!canWrite) doc.destroy();
    }
  }

  /**
   * Sends frames on a lane. Frames that may close the socket go between two probes, so that
   * edits sent before them are known to be stored and a close is pinned to them; a chain (a
   * tower) stops at its first refusal; a closed socket is reopened. Edits lost to a close or
   * refused mark the lane's scratch doc for rebuilding.
   */
  private async send(state: LaneState, frames: Iterable<Frame>): Promise<void> {
    const { lane } = state;
    // Refusals seen when a chain's first frame went out: any later one breaks the chain.
    let chainRefusals: number | null = null;
    for (const frame of frames) {
      if (frame.chainLeft !== undefined && chainRefusals !== null && (lane.refusals !== chainRefusals || !lane.isOpen)) {
        // The chain ends these frames: leaving the loop ends a lazy chain before it builds the rest.
        this.stats.framesSkipped += frame.chainLeft;
        break;
      }
      if (frame.hostile && state.unconfirmed) await this.settle(state);
      if (!lane.isOpen) {
        if (state.unconfirmed) state.dirty = true;
        state.unconfirmed = false;
        await lane.ensureOpen();
        state.refusalsSeen = lane.refusals;
      }
      if (frame.chainLeft !== undefined) chainRefusals ??= lane.refusals;
      lane.send(frame.data, frame.hostile, frame.answered === true);
      if (frame.scratch) state.unconfirmed = true;
      state.sinceProbe++;
      if (frame.hostile || state.sinceProbe >= PROBE_EVERY_FRAMES) await this.settle(state);
    }
  }

  /** Waits until the server has handled all the lane sent; notes whether its edits were all taken. */
  private async settle(state: LaneState): Promise<void> {
    const { lane } = state;
    state.sinceProbe = 0;
    const result = await lane.probe();
    if (state.unconfirmed && (result === 'closed' || lane.refusals !== state.refusalsSeen)) state.dirty = true;
    state.unconfirmed = false;
    state.refusalsSeen = lane.refusals;
  }
}
