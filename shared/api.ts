import { z } from 'zod';
import { MeasureSummarySchema } from './measure.js';

/** Machine-readable error codes of the HTTP API. */
export const API_ERROR_CODES = [
  'not_found',
  'invalid_field',
  'invalid_json',
  'payload_too_large',
  'upgrade_required',
  'unauthorized',
  'forbidden',
  'internal',
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

/** Every error response: `{"error":{"code","message"}}`, plus the field for a 400 on one. */
export const ApiErrorSchema = z.object({
  error: z.object({
    code: z.enum(API_ERROR_CODES),
    message: z.string(),
    field: z.string().optional(),
  }),
});
export type ApiError = z.infer<typeof ApiErrorSchema>;

export const HealthSchema = z.object({ ok: z.literal(true) });

/**
 * Live events of one round, sent as server-sent events on `GET /api/rounds/:roundId/events`.
 * The first event on every connection is a `snapshot`, so a client that reconnects is never
 * left with a stale overview.
 */
export const RoundEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('snapshot'), roundId: z.string(), measures: z.array(MeasureSummarySchema) }),
  z.object({ type: z.literal('measure'), roundId: z.string(), measure: MeasureSummarySchema }),
]);
export type RoundEvent = z.infer<typeof RoundEventSchema>;

/** SSE event name under which RoundEvents are sent. */
export const ROUND_EVENT_NAME = 'round';

/**
 * `GET /api/documents/:docName/state-vector`: what the server has stored of a document, as
 * a base64 Yjs state vector. A client whose own state vector is covered by it knows that the
 * server holds every edit it made (the y-websocket protocol has no acknowledgement).
 */
export const StateVectorResponseSchema = z.object({ stateVector: z.string() });
export type StateVectorResponse = z.infer<typeof StateVectorResponseSchema>;
