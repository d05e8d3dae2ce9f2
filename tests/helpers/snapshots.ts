import { expect } from 'vitest';
import { SnapshotSummarySchema, type SnapshotSummary } from '../../shared/snapshot.js';
import { api, type Target } from './session.js';

/** `POST /api/rounds/:roundId/snapshots` as `target` (the coordinator), with `note`: the new snapshot's summary (201 expected). */
export async function takeSnapshot(target: Target, roundId: string, note: string): Promise<SnapshotSummary> {
  const response = await api(target, `/api/rounds/${roundId}/snapshots`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ note }),
  });
  expect(response.status).toBe(201);
  return SnapshotSummarySchema.parse(await response.json());
}
