import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { z } from 'zod';
import { MAX_JSON_BODY_BYTES } from '../../shared/limits.js';
import { apiError, validationError } from './errors.js';

/** Refuses bodies over MAX_JSON_BODY_BYTES with a 413 before they are read. */
export const jsonBodyLimit = bodyLimit({
  maxSize: MAX_JSON_BODY_BYTES,
  onError: (c) => apiError(c, 413, 'payload_too_large', `body larger than ${MAX_JSON_BODY_BYTES} bytes`),
});

export type ParsedBody<T> = { ok: true; data: T } | { ok: false; response: Response };

/** True for `application/json`, with or without parameters (`; charset=utf-8`). */
export function isJsonContentType(type: string | undefined): boolean {
  return type !== undefined && /^application\/json\s*(;|$)/i.test(type);
}

/** The 415 for a body that is not (or does not say it is) JSON. */
export function notJsonResponse(c: Context): Response {
  return apiError(c, 415, 'unsupported_media_type', 'request bodies must be application/json');
}

/**
 * Reads a JSON body and validates it: a 415 unless the request says it is JSON, a 400 naming
 * the bad field, or the data.
 */
export async function parseJsonBody<T>(c: Context, schema: z.ZodType<T>): Promise<ParsedBody<T>> {
  if (!isJsonContentType(c.req.header('content-type'))) return { ok: false, response: notJsonResponse(c) };
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    return { ok: false, response: apiError(c, 400, 'invalid_json', 'body is not valid JSON') };
  }
  const parsed = schema.safeParse(body);
  return parsed.success ? { ok: true, data: parsed.data } : { ok: false, response: validationError(c, parsed.error) };
}

/** Parses a `:number` path parameter; null unless it is a plain positive integer. */
export function measureNumberParam(c: Context): number | null {
  const raw = c.req.param('number') ?? '';
  return /^[1-9][0-9]{0,2}$/.test(raw) ? Number(raw) : null;
}
