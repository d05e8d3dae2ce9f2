import * as z from 'zod/mini';
import { MeasureComparisonSchema } from './diff.js';
import { RoundIdSchema } from './documentLayout.js';
import { HistoryMarkSchema } from './history.js';

/** One side of a comparison: a snapshot, or a round as it is now. */
export const CompareSideSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('snapshot'), id: z.string(), roundId: RoundIdSchema, takenAt: z.iso.datetime({ offset: true }) }),
  z.object({ kind: z.literal('live'), roundId: RoundIdSchema }),
]);
export type CompareSide = z.infer<typeof CompareSideSchema>;

/**
 * One measure of a comparison: what changed (the word diff), and who changed it when: the
 * entries of its history (in the rounds from the `from` side's to the `to` side's) that fall
 * between the two sides, newest first.
 */
export const ComparedMeasureSchema = z.extend(MeasureComparisonSchema, {
  versions: z.array(HistoryMarkSchema),
});
export type ComparedMeasure = z.infer<typeof ComparedMeasureSchema>;

/** `GET /api/rounds/:roundId/compare?from=<snapshotId>[&to=<snapshotId>]`: what changed, per measure. */
export const ComparisonSchema = z.object({
  from: CompareSideSchema,
  to: CompareSideSchema,
  measures: z.array(ComparedMeasureSchema),
});
export type Comparison = z.infer<typeof ComparisonSchema>;
