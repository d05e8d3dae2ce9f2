import { createHash, randomUUID } from 'node:crypto';
import { actorOf, type SessionUser } from '../../shared/auth.js';
import { can } from '../../shared/permissions.js';
import type { RoundEvent } from '../../shared/api.js';
import type { SnapshotSummary } from '../../shared/snapshot.js';
import { forbidden } from '../domain/DomainError.js';
import { loadRound } from '../domain/loaders.js';
import { readReportContent } from '../rounds/reportContent.js';
import type { Store } from '../store/types.js';
import { userActor, type Command, type CommandDeps } from './command.js';

interface SnapshotRequest {
  reason: SnapshotSummary['reason'];
  by: SessionUser | null;
  note: string | null;
  /** Freeze the round in the same transaction, recording this deadline as handled. */
  freezeFor: string | null;
}

/**
 * Freezes a round's content as an immutable, hashed record, in the transaction `tx`; with
 * `freezeFor`, freezes the round too. Returns the summary and the events that follow.
 */
export async function recordSnapshot(tx: Store, deps: CommandDeps, roundId: string, request: SnapshotRequest): Promise<{ summary: SnapshotSummary; events: RoundEvent[] }> {
  const content = await readReportContent(tx, deps.narratives, roundId, deps.log);
  const contentJson = JSON.stringify(content);
  const summary: SnapshotSummary = {
    id: randomUUID(),
    roundId,
    takenAt: deps.now().toISOString(),
    takenBy: request.by ? { username: request.by.username, name: request.by.name } : null,
    reason: request.reason,
    note: request.note,
    sha256: createHash('sha256').update(contentJson).digest('hex'),
  };
  await tx.insertSnapshot({ ...summary, contentJson }, request.freezeFor);
  const events: RoundEvent[] = [{ type: 'snapshotTaken', roundId, snapshot: summary }];
  if (request.freezeFor !== null) events.push({ type: 'round', roundId, round: await loadRound(tx, roundId) });
  return { summary, events };
}

/** `POST /api/rounds/:roundId/snapshots` (coordinator): a snapshot now, with an optional note. */
export function takeSnapshot(user: SessionUser, roundId: string, note: string | null): Command<SnapshotSummary> {
  return async (tx, deps) => {
    await loadRound(tx, roundId);
    if (!can(actorOf(user), { kind: 'coordinate' })) throw forbidden('only the coordinator takes snapshots');
    const { summary, events } = await recordSnapshot(tx, deps, roundId, { reason: 'manual', by: user, note, freezeFor: null });
    return {
      result: summary,
      events,
      audit: [
        {
          actor: userActor(user),
          kind: 'snapshot.take',
          target: { roundId, measure: null, id: summary.id },
          before: null,
          after: { reason: summary.reason, note: summary.note, sha256: summary.sha256 },
        },
      ],
    };
  };
}
