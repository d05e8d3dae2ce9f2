import { Alert, Button, Field, Heading, Input, Label, Paragraph, ValidationMessage } from '@digdir/designsystemet-react';
import { useId, useRef } from 'react';
import { t } from '../strings.js';
import type { FieldName } from './signInProblem.js';
import { SignInErrors } from './SignInErrors.js';
import { useSignInForm } from './useSignInForm.js';

/**
 * The sign-in page: username and password. Problems are listed in an error summary that takes
 * focus (so a screen reader reads it) and links to the field concerned; each field also carries
 * its own message. After signing in, the page the person was going to shows, at the same URL.
 */
export function SignInPage({ sessionEnded }: { sessionEnded: boolean }) {
  const form = useSignInForm();
  const titleId = useId();
  const usernameId = useId();
  const passwordId = useId();
  const usernameRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const focusField = (field: FieldName): void => (field === 'username' ? usernameRef : passwordRef).current?.focus();

  return (
    <main id="main" className="sign-in">
      <form data-testid="sign-in-form" aria-labelledby={titleId} method="post" noValidate onSubmit={(event) => void form.submit(event)} className="sign-in__form">
        <Heading level={1} data-size="md" id={titleId}>
          {t.signInTitle}
        </Heading>
        {sessionEnded && (
          <Alert data-color="info" data-testid="session-ended">
            {t.sessionEnded}
          </Alert>
        )}
        <Paragraph>{t.signInIntro}</Paragraph>
        {form.problems.length > 0 && (
          // Remounted on every failed attempt, so that it takes focus again.
          <SignInErrors key={form.attempt} problems={form.problems} fieldIds={{ username: usernameId, password: passwordId }} onGoTo={focusField} />
        )}
        <Field>
          <Label>{t.username}</Label>
          <Input
            id={usernameId}
            ref={usernameRef}
            name="username"
            value={form.username}
            onChange={(e) => form.setUsername(e.target.value)}
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            autoFocus
          />
          {form.fieldProblem('username') && <ValidationMessage>{form.fieldProblem('username')}</ValidationMessage>}
        </Field>
        <Field>
          <Label>{t.password}</Label>
          <Input
            id={passwordId}
            ref={passwordRef}
            name="password"
            type="password"
            value={form.password}
            onChange={(e) => form.setPassword(e.target.value)}
            autoComplete="current-password"
          />
          {form.fieldProblem('password') && <ValidationMessage>{form.fieldProblem('password')}</ValidationMessage>}
        </Field>
        <Button type="submit" aria-disabled={form.busy || undefined} data-testid="sign-in-submit">
          {form.busy ? t.signingIn : t.signInSubmit}
        </Button>
      </form>
    </main>
  );
}
