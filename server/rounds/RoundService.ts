import { createHash, randomUUID } from 'node:crypto';
import * as Y from 'yjs';
import { actorOf, type SessionUser } from '../../shared/auth.js';
import { CLOSE_CODES } from '../../shared/closeCodes.js';
import { measureDocName } from '../../shared/documentLayout.js';
import type { MinistryCode } from '../../shared/ministries.js';
import { isNarrativeEmpty, narrativeFragment, readNarrative } from '../../shared/narrative.js';
import { can } from '../../shared/permissions.js';
import { roundIdFromTitle, type NewRound, type RoundDetail, type RoundPatch } from '../../shared/round.js';
import type { ReportContent, ReportMeasure, SnapshotSummary } from '../../shared/snapshot.js';
import { ServiceError } from '../http/serviceError.js';
import type { RoundEventHub } from '../live/RoundEventHub.js';
import { toSummary } from '../measures/views.js';
import type { MeasureRecord, Store } from '../store/types.js';
import type { DocumentRegistry } from '../sync/DocumentRegistry.js';
import type { Narratives } from '../sync/narratives.js';

function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64');
}

export interface SnapshotRequest {
  reason: SnapshotSummary['reason'];
  by: SessionUser | null;
  note: string | null;
  /** Freeze the round in the same transaction, recording this deadline as handled. */
  freezeFor: string | null;
}

/**
 * Rounds: creating one from the latest, moving deadlines, readiness, freezing at the deadline,
 * reopening, and immutable snapshots of a round's content.
 */
export class RoundService {
  constructor(
    private readonly store: Store,
    private readonly narratives: Narratives,
    private readonly registry: DocumentRegistry,
    private readonly hub: RoundEventHub,
    private readonly log: (message: string) => void,
  ) {}

  /** The round's content now: metadata, fields, readiness and every narrative (ProseMirror JSON and Yjs state). */
  async content(roundId: string): Promise<ReportContent> {
    const round = await this.round(roundId);
    const plan = await this.store.planOf(roundId);
    const measures = await this.store.listMeasures(roundId);
    return {
      round: {
        id: round.id,
        title: round.title,
        planTitle: round.planTitle,
        reportTitle: plan?.reportTitle ?? round.title,
        deadline: round.deadline,
        intro: round.intro,
      },
      measures: await Promise.all(
        measures.map(async (m) => ({
          number: m.number,
          title: m.title,
          ministries: m.ministries,
          status: m.status,
          ready: m.ready,
          ...(await this.narrativeRecord(measureDocName(roundId, m.number))),
        })),
      ),
    };
  }

  /**
   * One measure's narrative for the record: ProseMirror JSON and the exact Yjs state. A
   * narrative that cannot be read (too deep or too large, or a document that does not load) is
   * recorded as not renderable with whatever state is stored, so that one measure never keeps
   * a round from freezing or the others from being exported.
   */
  private async narrativeRecord(docName: string): Promise<Pick<ReportMeasure, 'narrative' | 'renderable' | 'yjsState'>> {
    try {
      return await this.narratives.read(docName, (doc) => {
        const read = readNarrative(narrativeFragment(doc));
        if (read.problem) this.log(`narrative of ${docName} cannot be rendered (${read.problem}); recorded as its Yjs state only`);
        return { narrative: read.doc, renderable: read.problem === null, yjsState: base64(Y.encodeStateAsUpdate(doc)) };
      });
    } catch (error) {
      this.log(`could not read the narrative of ${docName}; recorded as its stored state only: ${String(error)}`);
      const stored = await this.narratives.storedState(docName).catch(() => new Uint8Array());
      return { narrative: { type: 'doc' }, renderable: false, yjsState: base64(stored) };
    }
  }

  /** Freezes the round's content as an immutable record, hashed; publishes it. */
  async snapshot(roundId: string, request: SnapshotRequest): Promise<SnapshotSummary> {
    const content = await this.content(roundId);
    const contentJson = JSON.stringify(content);
    const summary: SnapshotSummary = {
      id: randomUUID(),
      roundId,
      takenAt: new Date().toISOString(),
      takenBy: request.by ? { username: request.by.username, name: request.by.name } : null,
      reason: request.reason,
      note: request.note,
      sha256: createHash('sha256').update(contentJson).digest('hex'),
    };
    await this.store.insertSnapshot({ ...summary, contentJson }, request.freezeFor);
    this.hub.publish({ type: 'snapshotTaken', roundId, snapshot: summary });
    if (request.freezeFor !== null) await this.stateChanged(roundId);
    return summary;
  }

  /** A new round from the latest one: every measure's fields and narrative carried over. */
  async create(user: SessionUser, request: NewRound): Promise<RoundDetail> {
    this.mustCoordinate(user);
    if (Date.parse(request.deadline) <= Date.now()) {
      throw new ServiceError('invalid', 'deadline: a new round needs a deadline in the future', 'deadline');
    }
    const previous = await this.store.latestRound();
    if (!previous) throw new ServiceError('conflict', 'there is no round to carry content over from');
    const id = request.id ?? (await this.freeId(roundIdFromTitle(request.title)));
    if (await this.store.getRound(id)) throw new ServiceError('conflict', `round ${id} exists already`, 'id');
    const measures = await Promise.all(
      (await this.store.listMeasures(previous.id)).map(async (m: MeasureRecord) => {
        const { state, empty } = await this.narratives.read(measureDocName(previous.id, m.number), (doc) => ({
          state: Y.encodeStateAsUpdate(doc),
          empty: isNarrativeEmpty(narrativeFragment(doc)),
        }));
        return { number: m.number, status: m.status, narrativeEmpty: empty, docName: measureDocName(id, m.number), initialUpdate: state };
      }),
    );
    await this.store.createRound({
      id,
      title: request.title,
      deadline: request.deadline,
      intro: request.intro,
      previousRoundId: previous.id,
      createdAt: new Date().toISOString(),
      measures,
    });
    this.log(`${user.username} created round ${id} from ${previous.id}`);
    return this.round(id);
  }

  async update(user: SessionUser, roundId: string, patch: RoundPatch): Promise<RoundDetail> {
    this.mustCoordinate(user);
    const updated = await this.store.updateRound(roundId, patch);
    if (!updated) throw new ServiceError('not_found', `no round ${roundId}`);
    this.hub.publish({ type: 'round', roundId, round: updated });
    return updated;
  }

  /** Opens a frozen round again for editors; the deadline that froze it will not freeze it again. */
  async reopen(user: SessionUser, roundId: string): Promise<RoundDetail> {
    this.mustCoordinate(user);
    const round = await this.round(roundId);
    if (round.state === 'open') return round;
    await this.store.reopenRound(roundId);
    this.log(`${user.username} reopened round ${roundId}`);
    return this.stateChanged(roundId);
  }

  /** Marks (or takes back) a ministry's part of a measure as ready. */
  async setReady(user: SessionUser, roundId: string, number: number, ready: boolean, ministry: MinistryCode | undefined) {
    const round = await this.round(roundId);
    const measure = await this.store.getMeasure(roundId, number);
    if (!measure) throw new ServiceError('not_found', `no measure ${number} in round ${roundId}`);
    const whose = ministry ?? user.ministry;
    if (whose === null) throw new ServiceError('invalid', 'ministry: say whose part is ready', 'ministry');
    if (!measure.ministries.includes(whose)) {
      throw new ServiceError('invalid', `ministry: ${whose} is not responsible for measure ${number}`, 'ministry');
    }
    const roundFrozen = round.state !== 'open';
    if (!can(actorOf(user), { kind: 'markReady', ministry: whose, ministries: measure.ministries, roundFrozen })) {
      throw new ServiceError('forbidden', roundFrozen ? `round ${roundId} is frozen` : `only ${whose} and the coordinator may mark ${whose}'s part`);
    }
    await this.store.setReady(roundId, number, whose, ready, user.username, new Date().toISOString());
    const updated = await this.store.getMeasure(roundId, number);
    if (!updated) throw new ServiceError('not_found', `no measure ${number} in round ${roundId}`);
    const summary = toSummary(updated);
    this.hub.publish({ type: 'measure', roundId, measure: summary });
    return summary;
  }

  /**
   * Freezes every open round whose deadline has passed, with a snapshot. `atStart` says the
   * deadline passed while the server was down: the snapshot is of the content at start, and says so.
   */
  async freezeDue(atStart: boolean): Promise<SnapshotSummary[]> {
    const taken: SnapshotSummary[] = [];
    for (const round of await this.store.dueRounds(new Date().toISOString())) {
      taken.push(await this.snapshot(round.id, { reason: atStart ? 'deadline_at_start' : 'deadline', by: null, note: null, freezeFor: round.deadline }));
      this.log(`deadline ${round.deadline} of ${round.id} passed${atStart ? ' while the server was down' : ''}: frozen with a snapshot`);
    }
    return taken;
  }

  async round(roundId: string): Promise<RoundDetail> {
    const round = await this.store.getRound(roundId);
    if (!round) throw new ServiceError('not_found', `no round ${roundId}`);
    return round;
  }

  /**
   * After a freeze or a reopen: everyone hears, and every connection but the coordinator's is
   * closed (4403) so that it reconnects with the rights the round's state gives it now.
   */
  private async stateChanged(roundId: string): Promise<RoundDetail> {
    const round = await this.round(roundId);
    this.hub.publish({ type: 'round', roundId, round });
    for (const room of await this.registry.loadedRooms(`${roundId}.`)) {
      room.closeConnections((c) => c.user.role !== 'coordinator', CLOSE_CODES.PERMISSIONS_CHANGED, `round is ${round.state}`);
    }
    return round;
  }

  private mustCoordinate(user: SessionUser): void {
    if (!can(actorOf(user), { kind: 'coordinate' })) throw new ServiceError('forbidden', 'only the coordinator may do this');
  }

  private async freeId(base: string): Promise<string> {
    for (let i = 1; ; i++) {
      const id = i === 1 ? base : `${base.slice(0, 60)}-${i}`;
      if (!(await this.store.getRound(id))) return id;
    }
  }
}

/** How often deadlines are checked: a round freezes at most this long after its deadline. */
export const DEADLINE_CHECK_INTERVAL_MS = 1_000;

/** Checks deadlines every interval (and once at start); freezes rounds whose deadline passed. */
export class DeadlineWatch {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly rounds: RoundService,
    private readonly intervalMs: number,
    private readonly log: (message: string) => void,
  ) {}

  /** Handles deadlines that passed while the server was down, then watches. */
  async start(): Promise<void> {
    // A failure here must not keep the server down: the watch below tries again every interval.
    await this.rounds.freezeDue(true).catch((error: unknown) => this.log(`deadline check at start failed: ${String(error)}`));
    this.timer = setInterval(() => {
      this.running = this.running.then(() =>
        this.rounds.freezeDue(false).catch((error: unknown) => this.log(`deadline check failed: ${String(error)}`)),
      );
    }, this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}
