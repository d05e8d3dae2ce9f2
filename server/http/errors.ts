import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import type { ApiError, ApiErrorCode } from '../../shared/api.js';

/** Sends the API's one error shape: `{"error":{"code","message","field?"}}`. */
export function apiError(
  c: Context,
  status: ContentfulStatusCode,
  code: ApiErrorCode,
  message: string,
  field?: string,
): Response {
  const body: ApiError = { error: { code, message, ...(field === undefined ? {} : { field }) } };
  return c.json(body, status);
}

/** A 400 naming the first field a zod schema rejected. */
export function validationError(c: Context, error: z.ZodError, prefix = ''): Response {
  const issue = error.issues[0];
  if (!issue) return apiError(c, 400, 'invalid_field', 'invalid request');
  const key =
    issue.code === 'unrecognized_keys' ? issue.keys[0] : issue.path.length > 0 ? issue.path.join('.') : undefined;
  const field = key === undefined ? undefined : `${prefix}${key}`;
  const message =
    issue.code === 'unrecognized_keys'
      ? `unknown field: ${issue.keys.join(', ')}`
      : `${field === undefined ? '' : `${field}: `}${issue.message}`;
  return apiError(c, 400, 'invalid_field', message, field);
}
