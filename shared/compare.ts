import { z } from 'zod';
import { MeasureComparisonSchema } from './diff.js';
import { RoundIdSchema } from './documentLayout.js';

/** One side of a comparison: a snapshot, or a round as it is now. */
export const CompareSideSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('snapshot'), id: z.string(), roundId: RoundIdSchema, takenAt: z.iso.datetime({ offset: true }) }),
  z.object({ kind: z.literal('live'), roundId: RoundIdSchema }),
]);
export type CompareSide = z.infer<typeof CompareSideSchema>;

/** `GET /api/rounds/:roundId/compare?from=<snapshotId>[&to=<snapshotId>]`: what changed, per measure. */
export const ComparisonSchema = z.object({
  from: CompareSideSchema,
  to: CompareSideSchema,
  measures: z.array(MeasureComparisonSchema),
});
export type Comparison = z.infer<typeof ComparisonSchema>;
