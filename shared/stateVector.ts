import * as z from 'zod/mini';

/**
 * `GET /api/documents/:docName/state-vector`: what the server has stored of a document, as
 * a base64 Yjs state vector. A client whose own state vector is covered by it knows that the
 * server holds every edit it made (the y-websocket protocol has no acknowledgement).
 */
export const StateVectorResponseSchema = z.object({ stateVector: z.string() });
export type StateVectorResponse = z.infer<typeof StateVectorResponseSchema>;
