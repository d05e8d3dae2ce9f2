import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { MAX_JSON_BODY_BYTES } from '../../shared/limits.js';
import { apiError, RequestError } from './errors.js';

/** Refuses bodies over MAX_JSON_BODY_BYTES with a 413 before they are read. */
export const jsonBodyLimit = bodyLimit({
  maxSize: MAX_JSON_BODY_BYTES,
  onError: (c) => apiError(c, 413, 'payload_too_large', `body larger than ${MAX_JSON_BODY_BYTES} bytes`),
});

/** True for `application/json`, with or without parameters (`; charset=utf-8`). */
export function isJsonContentType(type: string | undefined): boolean {
  return type !== undefined && /^application\/json\s*(;|$)/i.test(type);
}

/** The 415 for a body that is not (or does not say it is) JSON. */
export function notJsonResponse(c: Context): Response {
  return apiError(c, 415, 'unsupported_media_type', 'request bodies must be application/json');
}

/**
 * Reads a JSON body and validates it, or throws: a 415 unless the request says it is JSON, a
 * 400 for JSON that does not parse, a 400 naming the first bad field (all answered by the app's
 * one error handler).
 */
export async function readJson<S extends z.core.$ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  if (!isJsonContentType(c.req.header('content-type'))) throw new RequestError(415, 'unsupported_media_type', 'request bodies must be application/json');
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw new RequestError(400, 'invalid_json', 'body is not valid JSON');
  }
  const parsed = z.safeParse(schema, body);
  if (!parsed.success) throw RequestError.fromZod(parsed.error);
  return parsed.data;
}

/** Reads an optional JSON body: `empty` when the request carries none. */
export async function readOptionalJson<S extends z.core.$ZodType>(c: Context, schema: S, empty: z.output<S>): Promise<z.output<S>> {
  const length = c.req.header('content-length');
  const hasBody = (length !== undefined && length !== '0') || c.req.header('transfer-encoding') !== undefined;
  return hasBody ? readJson(c, schema) : empty;
}
