import { ApiRequestError } from '../api.js';
import { t } from '../strings.js';

export type FieldName = 'username' | 'password';

export interface Problem {
  text: string;
  /** The field the problem is about; the summary links to it. */
  field?: FieldName;
}

const untilFormat = new Intl.DateTimeFormat('nb-NO', { hour: '2-digit', minute: '2-digit' });

/** What to tell the person about a failed sign-in. */
export function problemOf(error: unknown): Problem {
  if (!(error instanceof ApiRequestError)) return { text: t.signInUnreachable };
  if (error.status === 429 || error.code === 'too_many_attempts') {
    const seconds = error.retryAfterSeconds;
    if (seconds === null) return { text: t.tooManyAttemptsNoTime };
    const until = seconds >= 60 ? untilFormat.format(new Date(Date.now() + seconds * 1000)) : null;
    return { text: t.tooManyAttempts(t.waitFor(Math.max(1, Math.ceil(seconds))), until) };
  }
  if (error.status === 503 || error.code === 'busy') {
    return { text: t.signInBusy(t.waitFor(Math.max(1, Math.ceil(error.retryAfterSeconds ?? 1)))) };
  }
  // 400 is a username or password the server would never accept: wrong, as far as the person can tell.
  if (error.status === 401 || error.status === 400) return { text: t.wrongCredentials, field: 'password' };
  return { text: t.signInFailed };
}

/** What is wrong before asking the server: nothing typed where something must be. */
export function missingCredentials(username: string, password: string): Problem[] {
  return [
    ...(username.trim() === '' ? [{ text: t.usernameMissing, field: 'username' as const }] : []),
    ...(password === '' ? [{ text: t.passwordMissing, field: 'password' as const }] : []),
  ];
}
