import type { Context } from 'hono';
import { apiError } from './errors.js';

/**
 * Why a service (threads, rounds) refused an operation, in terms routes map to HTTP: 404, 403,
 * 409 or a 400 naming the field.
 */
export class ServiceError extends Error {
  constructor(
    readonly kind: 'not_found' | 'forbidden' | 'conflict' | 'invalid',
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/** The API error for a ServiceError; anything else is rethrown (a 500 from the app's handler). */
export function serviceErrorResponse(c: Context, error: unknown): Response {
  if (!(error instanceof ServiceError)) throw error;
  switch (error.kind) {
    case 'not_found':
      return apiError(c, 404, 'not_found', error.message);
    case 'forbidden':
      return apiError(c, 403, 'forbidden', error.message);
    case 'conflict':
      return apiError(c, 409, 'conflict', error.message, error.field);
    case 'invalid':
      return apiError(c, 400, 'invalid_field', error.message, error.field);
  }
}
