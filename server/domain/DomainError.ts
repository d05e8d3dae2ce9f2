/**
 * Why the domain refused something, in its own terms; `app.onError` turns it into the API's
 * error shape once (404, 403, 409, or a 400 naming the field). Thrown by loaders and commands,
 * never built by hand in a route.
 */
export class DomainError extends Error {
  constructor(
    readonly kind: 'not_found' | 'forbidden' | 'conflict' | 'invalid',
    message: string,
    readonly field?: string,
    /** For a conflict with a change made since: what the fields say now. */
    readonly current?: Record<string, unknown>,
    /** For a field naming what does not exist (an unknown `@mention`): those names, as written. */
    readonly unknown?: readonly string[],
  ) {
    super(message);
  }
}

export const notFound = (what: string): DomainError => new DomainError('not_found', `no ${what}`);
export const forbidden = (why: string): DomainError => new DomainError('forbidden', why);
export const invalid = (field: string, message: string): DomainError => new DomainError('invalid', `${field}: ${message}`, field);
export const conflict = (message: string, field?: string): DomainError => new DomainError('conflict', message, field);

/** A change based on values that have changed since: a 409 naming the field, with what they are now. */
export const stale = (field: string, current: Record<string, unknown>): DomainError =>
  new DomainError('conflict', `${field}: changed by someone else since; nothing was stored`, field, current);

/** Mentions of names that are neither a ministry nor an account: a 400 on the comment's `body` listing them. */
export const unknownMentions = (names: readonly string[]): DomainError =>
  new DomainError(
    'invalid',
    `body: ${names.length === 1 ? 'unknown mention' : 'unknown mentions'} ${names.map((n) => `@${n}`).join(', ')}: neither a ministry nor a person in Samskriv`,
    'body',
    undefined,
    names,
  );
