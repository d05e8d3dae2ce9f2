import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import type { ApiError, ApiErrorCode } from '../../shared/api.js';
import { DomainError } from '../domain/DomainError.js';
import { RenderRefusal } from '../export/exportRenderer.js';
import { DOCUMENT_WORK_EVERY_MS, TooMuchDocumentWorkError } from '../sync/documentWork.js';

/** Seconds to wait before asking again for a PDF refused while others were being made. */
const RENDER_RETRY_AFTER_S = 5;

// The request schemas are shared with the client and built with zod/mini, which sets no locale
// (the client never shows zod's messages); a 400 quotes them, in English.
z.config(z.locales.en());

/** Sends the API's one error shape: `{"error":{"code","message","field?"}}`. */
export function apiError(
  c: Context,
  status: ContentfulStatusCode,
  code: ApiErrorCode,
  message: string,
  field?: string,
  details: { current?: Record<string, unknown> | undefined; unknown?: readonly string[] | undefined } = {},
): Response {
  const { current, unknown } = details;
  const body: ApiError = {
    error: {
      code,
      message,
      ...(field === undefined ? {} : { field }),
      ...(current === undefined ? {} : { current }),
      ...(unknown === undefined ? {} : { unknown: [...unknown] }),
    },
  };
  return c.json(body, status);
}

/** What is wrong with a request itself (its body, its type), as opposed to what it asks for. */
export class RequestError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ApiErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }

  /** A 400 naming the first field a zod schema rejected (`prefix` for a query or nested part). */
  static fromZod(error: z.core.$ZodError, prefix = ''): RequestError {
    const issue = error.issues[0];
    if (!issue) return new RequestError(400, 'invalid_field', 'invalid request');
    const key = issue.code === 'unrecognized_keys' ? issue.keys[0] : issue.path.length > 0 ? issue.path.join('.') : undefined;
    const field = key === undefined ? undefined : `${prefix}${key}`;
    const message =
      issue.code === 'unrecognized_keys' ? `unknown field: ${issue.keys.join(', ')}` : `${field === undefined ? '' : `${field}: `}${issue.message}`;
    return new RequestError(400, 'invalid_field', message, field);
  }
}

const DOMAIN_STATUS = {
  not_found: [404, 'not_found'],
  forbidden: [403, 'forbidden'],
  conflict: [409, 'conflict'],
  invalid: [400, 'invalid_field'],
} as const satisfies Record<DomainError['kind'], readonly [ContentfulStatusCode, ApiErrorCode]>;

/** The API's answer to an error a route threw, or null when it is not one the API explains (a 500). */
export function errorResponse(c: Context, error: unknown): Response | null {
  if (error instanceof DomainError) {
    const [status, code] = DOMAIN_STATUS[error.kind];
    return apiError(c, status, code, error.message, error.field, { current: error.current, unknown: error.unknown });
  }
  if (error instanceof RequestError) return apiError(c, error.status, error.code, error.message, error.field);
  if (error instanceof TooMuchDocumentWorkError) {
    c.header('Retry-After', String(DOCUMENT_WORK_EVERY_MS / 1000));
    return apiError(c, 503, 'busy', error.message);
  }
  if (error instanceof RenderRefusal) {
    if (error.reason === 'too_large') return apiError(c, 422, 'too_large', error.message);
    c.header('Retry-After', String(RENDER_RETRY_AFTER_S));
    return apiError(c, 503, 'busy', error.message);
  }
  return null;
}
