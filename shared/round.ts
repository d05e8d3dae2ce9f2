import { z } from 'zod';
import { RoundIdSchema } from './documentLayout.js';
import { ImportWarningSchema } from './plan.js';

/** Time zone in which deadlines are set and shown. */
export const DEADLINE_TIME_ZONE = 'Europe/Oslo';

export const ROUND_STATES = ['open', 'frozen'] as const;
export const RoundStateSchema = z.enum(ROUND_STATES);
export type RoundState = z.infer<typeof RoundStateSchema>;

/** A reporting round as `GET /api/rounds` lists it. */
export const RoundSchema = z.object({
  id: RoundIdSchema,
  title: z.string().min(1).max(200),
  /** ISO 8601 instant with offset. */
  deadline: z.iso.datetime({ offset: true }),
  state: RoundStateSchema,
});
export type Round = z.infer<typeof RoundSchema>;

/** One round with its intro and what the importer warned about when it was seeded. */
export const RoundDetailSchema = RoundSchema.extend({
  planTitle: z.string(),
  intro: z.string(),
  measureCount: z.number().int().nonnegative(),
  importWarnings: z.array(ImportWarningSchema),
});
export type RoundDetail = z.infer<typeof RoundDetailSchema>;
