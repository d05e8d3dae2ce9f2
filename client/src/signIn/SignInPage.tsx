import { Alert, Button, Field, Heading, Input, Label, Paragraph, ValidationMessage } from '@digdir/designsystemet-react';
import { useEffect, useId, useRef, useState } from 'react';
import { useSession } from '../session.js';
import { tSignIn } from '../strings/signIn.js';
import type { FieldName } from './signInProblem.js';
import { SignInErrors } from './SignInErrors.js';
import { useSignInForm } from './useSignInForm.js';
import { providerSignInHref, useSignInMethods } from './useSignInMethods.js';

/**
 * The sign-in page: the organisation's identity provider (*Logg inn med …*, when the server has
 * one) and username and password (unless the server has them off). Problems are listed in an
 * error summary that takes focus (so a screen reader reads it) and links to the field
 * concerned; each field also carries its own message. After signing in, the page the person
 * was going to shows, at the same URL (the provider sends the browser back to it).
 * After signing out, it says so ("Du er logget ut"), in a status region filled once the page is
 * there, so that it is announced too.
 */
export function SignInPage({ sessionEnded }: { sessionEnded: boolean }) {
  const form = useSignInForm();
  const methods = useSignInMethods();
  const provider = methods?.provider ?? null;
  const session = useSession();
  const signedOut = session.status === 'signedOut' ? session.signedOut : undefined;
  const [said, setSaid] = useState<string>('');
  useEffect(() => {
    // Filled a moment after the (empty) region is there: a region born with its text is not always read.
    const timer = setTimeout(() => setSaid(signedOut === 'here' ? tSignIn.signedOut : signedOut === 'otherTab' ? tSignIn.signedOutOtherTab : ''), 100);
    return () => clearTimeout(timer);
  }, [signedOut]);
  const titleId = useId();

  return (
    <main id="main" className="sign-in">
      <form data-testid="sign-in-form" aria-labelledby={titleId} method="post" noValidate onSubmit={(event) => void form.submit(event)} className="sign-in__form">
        <Heading level={1} data-size="md" id={titleId}>
          {tSignIn.signInTitle}
        </Heading>
        {sessionEnded && (
          <Alert data-color="info" data-testid="session-ended">
            {tSignIn.sessionEnded}
          </Alert>
        )}
        <div role="status" data-testid="signed-out" className="sign-in__signed-out">
          {said && <Alert data-color="success">{said}</Alert>}
        </div>
        {provider && (
          <>
            <Paragraph>{tSignIn.signInProviderIntro}</Paragraph>
            <Button asChild data-testid="sign-in-provider">
              <a href={providerSignInHref(provider.loginPath, `${location.pathname}${location.search}${location.hash}`)}>
                {tSignIn.signInWithProvider(provider.name)}
              </a>
            </Button>
          </>
        )}
        {methods?.password && <PasswordFields form={form} alternative={provider !== null} />}
      </form>
    </main>
  );
}

/** Username, password and their problems: the password half of the sign-in page. */
function PasswordFields({ form, alternative }: { form: ReturnType<typeof useSignInForm>; alternative: boolean }) {
  const usernameId = useId();
  const passwordId = useId();
  const usernameRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const focusField = (field: FieldName): void => (field === 'username' ? usernameRef : passwordRef).current?.focus();
  return (
    <>
      <Paragraph>{alternative ? tSignIn.signInPasswordAlternative : tSignIn.signInIntro}</Paragraph>
      {form.problems.length > 0 && (
        // Remounted on every failed attempt, so that it takes focus again.
        <SignInErrors key={form.attempt} problems={form.problems} fieldIds={{ username: usernameId, password: passwordId }} onGoTo={focusField} />
      )}
      <Field>
        <Label>{tSignIn.username}</Label>
        <Input
          id={usernameId}
          ref={usernameRef}
          name="username"
          value={form.username}
          onChange={(e) => form.setUsername(e.target.value)}
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          autoFocus={!alternative}
        />
        {form.fieldProblem('username') && <ValidationMessage>{form.fieldProblem('username')}</ValidationMessage>}
      </Field>
      <Field>
        <Label>{tSignIn.password}</Label>
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
      <Button type="submit" variant={alternative ? 'secondary' : 'primary'} aria-disabled={form.busy || undefined} data-testid="sign-in-submit">
        {form.busy ? tSignIn.signingIn : tSignIn.signInSubmit}
      </Button>
    </>
  );
}
