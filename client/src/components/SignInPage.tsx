import { Alert, Button, ErrorSummary, Field, Heading, Input, Label, Paragraph, ValidationMessage } from '@digdir/designsystemet-react';
import { useId, useRef, useState, type FormEvent, type MouseEvent, type RefObject } from 'react';
import { ApiRequestError } from '../api.js';
import { signIn } from '../session.js';
import { t } from '../strings.js';

type FieldName = 'username' | 'password';

interface Problem {
  text: string;
  /** The field the problem is about; the summary links to it. */
  field?: FieldName;
}

const untilFormat = new Intl.DateTimeFormat('nb-NO', { hour: '2-digit', minute: '2-digit' });

/** What to tell the person about a failed sign-in. */
function problemOf(error: unknown): Problem {
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

/**
 * The sign-in page: username and password. Problems are listed in an error summary that takes
 * focus (so a screen reader reads it) and links to the field concerned; each field also carries
 * its own message. After signing in, the page the person was going to shows, at the same URL.
 */
export function SignInPage({ sessionEnded }: { sessionEnded: boolean }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [problems, setProblems] = useState<Problem[]>([]);
  /** Remounts the summary on every failed attempt, so that it takes focus again. */
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const titleId = useId();
  const usernameId = useId();
  const passwordId = useId();
  const usernameRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const refs: Record<FieldName, RefObject<HTMLInputElement | null>> = { username: usernameRef, password: passwordRef };
  const ids: Record<FieldName, string> = { username: usernameId, password: passwordId };

  const fail = (next: Problem[]): void => {
    setProblems(next);
    setAttempt((n) => n + 1);
  };

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (busy) return;
    const missing: Problem[] = [
      ...(username.trim() === '' ? [{ text: t.usernameMissing, field: 'username' as const }] : []),
      ...(password === '' ? [{ text: t.passwordMissing, field: 'password' as const }] : []),
    ];
    if (missing.length > 0) {
      fail(missing);
      return;
    }
    setBusy(true);
    try {
      await signIn({ username: username.trim().toLowerCase(), password });
    } catch (error) {
      const problem = problemOf(error);
      if (problem.field === 'password') setPassword('');
      fail([problem]);
      setBusy(false);
    }
  };

  const goTo = (field: FieldName) => (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    refs[field].current?.focus();
  };
  const fieldProblem = (field: FieldName): string | undefined => problems.find((p) => p.field === field)?.text;

  return (
    <main id="main" className="sign-in">
      <form
        data-testid="sign-in-form"
        aria-labelledby={titleId}
        method="post"
        noValidate
        onSubmit={(event) => void submit(event)}
        className="sign-in__form"
      >
        <Heading level={1} data-size="md" id={titleId}>
          {t.signInTitle}
        </Heading>
        {sessionEnded && (
          <Alert data-color="info" data-testid="session-ended">
            {t.sessionEnded}
          </Alert>
        )}
        <Paragraph>{t.signInIntro}</Paragraph>
        {problems.length > 0 && (
          <ErrorSummary key={attempt} data-testid="sign-in-error">
            <ErrorSummary.Heading level={2} data-size="xs">
              {t.signInErrorsTitle}
            </ErrorSummary.Heading>
            <ErrorSummary.List>
              {problems.map((problem) => (
                <ErrorSummary.Item key={problem.text}>
                  {problem.field ? (
                    <ErrorSummary.Link href={`#${ids[problem.field]}`} onClick={goTo(problem.field)}>
                      {problem.text}
                    </ErrorSummary.Link>
                  ) : (
                    problem.text
                  )}
                </ErrorSummary.Item>
              ))}
            </ErrorSummary.List>
          </ErrorSummary>
        )}
        <Field>
          <Label>{t.username}</Label>
          <Input
            id={usernameId}
            ref={usernameRef}
            name="username"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            autoFocus
          />
          {fieldProblem('username') && <ValidationMessage>{fieldProblem('username')}</ValidationMessage>}
        </Field>
        <Field>
          <Label>{t.password}</Label>
          <Input
            id={passwordId}
            ref={passwordRef}
            name="password"
            type="password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            autoComplete="current-password"
          />
          {fieldProblem('password') && <ValidationMessage>{fieldProblem('password')}</ValidationMessage>}
        </Field>
        <Button type="submit" aria-disabled={busy || undefined} data-testid="sign-in-submit">
          {busy ? t.signingIn : t.signInSubmit}
        </Button>
      </form>
    </main>
  );
}
