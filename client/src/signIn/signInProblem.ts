import { ApiRequestError } from '../api.js';
import { tSignIn } from '../strings/signIn.js';

export type FieldName = 'username' | 'password';

export interface Problem {
  text: string;
  /** The field the problem is about; the summary links to it. */
  field?: FieldName;
}

const untilFormat = new Intl.DateTimeFormat('nb-NO', { hour: '2-digit', minute: '2-digit' });

/** What to tell the person about a failed sign-in. */
export function problemOf(error: unknown): Problem {
  if (!(error instanceof ApiRequestError)) return { text: tSignIn.signInUnreachable };
  if (error.status === 429 || error.code === 'too_many_attempts') {
    const seconds = error.retryAfterSeconds;
    if (seconds === null) return { text: tSignIn.tooManyAttemptsNoTime };
    const until = seconds >= 60 ? untilFormat.format(new Date(Date.now() + seconds * 1000)) : null;
    return { text: tSignIn.tooManyAttempts(tSignIn.waitFor(Math.max(1, Math.ceil(seconds))), until) };
  }
  if (error.status === 503 || error.code === 'busy') {
    return { text: tSignIn.signInBusy(tSignIn.waitFor(Math.max(1, Math.ceil(error.retryAfterSeconds ?? 1)))) };
  }
  // 400 is a username or password the server would never accept: wrong, as far as the person can tell.
  if (error.status === 401 || error.status === 400) return { text: tSignIn.wrongCredentials, field: 'password' };
  return { text: tSignIn.signInFailed };
}

/** What is wrong before asking the server: nothing typed where something must be. */
export function missingCredentials(username: string, password: string): Problem[] {
  return [
    ...(username.trim() === '' ? [{ text: tSignIn.usernameMissing, field: 'username' as const }] : []),
    ...(password === '' ? [{ text: tSignIn.passwordMissing, field: 'password' as const }] : []),
  ];
}
