import * as z from 'zod/mini';
import { UsernameSchema } from './auth.js';
import { RoundIdSchema } from './documentLayout.js';

/**
 * At the deadline; at start, for a deadline that passed while the server was down; by hand; or
 * when the coordinator started a new round and chose to freeze this one.
 */
export const SNAPSHOT_REASONS = ['deadline', 'deadline_at_start', 'manual', 'new_round'] as const;
export const SnapshotReasonSchema = z.enum(SNAPSHOT_REASONS);

/** A snapshot without its content, as `GET /api/rounds/:roundId/snapshots` lists them. */
export const SnapshotSummarySchema = z.object({
  id: z.string(),
  roundId: RoundIdSchema,
  takenAt: z.iso.datetime({ offset: true }),
  /** Null when the server took it at the deadline by itself. */
  takenBy: z.nullable(z.object({ username: UsernameSchema, name: z.string() })),
  reason: SnapshotReasonSchema,
  /** The coordinator's note on a snapshot taken by hand. */
  note: z.nullable(z.string()),
  /** SHA-256 (hex) of the content's JSON as stored. */
  sha256: z.string().check(z.regex(/^[0-9a-f]{64}$/)),
});
export type SnapshotSummary = z.infer<typeof SnapshotSummarySchema>;
