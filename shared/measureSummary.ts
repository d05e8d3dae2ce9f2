import * as z from 'zod/mini';
import { MinistryCodeSchema, MinistryListSchema } from './ministries.js';
import { StatusSchema } from './status.js';
import { MAX_TITLE_CHARS } from './limits.js';

// What the overview reads of a measure, apart from a measure's detail (measure.ts) and the body
// of a change to it (measurePatch.ts): a module goes to one chunk whole, and the overview's
// chunk need not carry those.

/** The fields of a measure that people set in a round (server-owned, validated here). */
export const MeasureFieldsSchema = z.object({
  status: StatusSchema,
});
export type MeasureFields = z.infer<typeof MeasureFieldsSchema>;

/** A measure in a round as the overview lists it. */
export const MeasureSummarySchema = z.object({
  number: z.int().check(z.positive()),
  title: z.string().check(z.minLength(1), z.maxLength(MAX_TITLE_CHARS)),
  ministries: MinistryListSchema,
  ...MeasureFieldsSchema.shape,
  /** Websocket room of this measure's narrative. */
  docName: z.string(),
  /** True while the narrative has no text. */
  narrativeEmpty: z.boolean(),
  /** Comment threads on the measure that are not resolved. */
  openThreads: z.int().check(z.nonnegative()),
  /** Responsible ministries that marked their part ready in this round. */
  ready: z.array(MinistryCodeSchema),
  /** Carried over from the previous round and not yet updated in this one. */
  carriedOver: z.boolean(),
  /** When a field last changed (ISO 8601). */
  updatedAt: z.iso.datetime({ offset: true }),
});
export type MeasureSummary = z.infer<typeof MeasureSummarySchema>;
