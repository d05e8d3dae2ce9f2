import * as z from 'zod/mini';
import { RoundDetailSchema } from '../../../shared/round.js';
import type { NewRoundSchema, RoundPatchSchema } from '../../../shared/roundRequests.js';
import { SnapshotSummarySchema } from '../../../shared/snapshot.js';
import { jsonBody, request, roundPath } from '../api.js';

// Rounds, snapshots and exports: the pages that load separately call these, so the overview does
// not download them or their schemas.

/** The export formats the server writes, by file extension. */
export const EXPORT_FORMATS = ['docx', 'pdf', 'html', 'md', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const snapshotPath = (id: string) => `/api/snapshots/${encodeURIComponent(id)}`;

/** Where a snapshot's export downloads from (HTML opens in the browser). */
export const snapshotExportUrl = (id: string, format: ExportFormat) => `${snapshotPath(id)}/export.${format}`;
/** Where the live round's draft export (marked UTKAST) downloads from. */
export const roundExportUrl = (roundId: string, format: ExportFormat) => `${roundPath(roundId)}/export.${format}`;

/** A new round, carrying over the latest round's content (coordinator). `deadline` as Oslo wall time `YYYY-MM-DDTHH:MM`. */
export const createRound = (body: z.input<typeof NewRoundSchema>) =>
  request('/api/rounds', RoundDetailSchema, { method: 'POST', ...jsonBody(body) });

/** Retitles a round, moves its deadline or rewrites its intro (coordinator). */
export const updateRound = (roundId: string, patch: z.input<typeof RoundPatchSchema>) =>
  request(roundPath(roundId), RoundDetailSchema, { method: 'PATCH', ...jsonBody(patch) });

/** Opens a frozen round again for editors (coordinator). */
export const reopenRound = (roundId: string) => request(`${roundPath(roundId)}/reopen`, RoundDetailSchema, { method: 'POST' });

/** The round's snapshots, oldest first, without content. */
export const fetchSnapshots = (roundId: string, signal?: AbortSignal) =>
  request(`${roundPath(roundId)}/snapshots`, z.array(SnapshotSummarySchema), { cache: 'no-store', signal });

/** Takes a snapshot of the round now (coordinator), with an optional note. */
export const takeSnapshot = (roundId: string, note: string) =>
  request(`${roundPath(roundId)}/snapshots`, SnapshotSummarySchema, {
    method: 'POST',
    ...jsonBody(note.trim() === '' ? {} : { note: note.trim() }),
  });
