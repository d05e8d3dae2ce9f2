import { ErrorSummary } from '@digdir/designsystemet-react';
import type { MouseEvent } from 'react';
import { tSignIn } from '../strings/signIn.js';
import type { FieldName, Problem } from './signInProblem.js';

/** The problems of the last attempt, each linking to its field; it takes focus when it appears. */
export function SignInErrors({
  problems,
  fieldIds,
  onGoTo,
}: {
  problems: readonly Problem[];
  fieldIds: Record<FieldName, string>;
  onGoTo: (field: FieldName) => void;
}) {
  const goTo = (field: FieldName) => (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    onGoTo(field);
  };
  return (
    <ErrorSummary data-testid="sign-in-error">
      <ErrorSummary.Heading level={2} data-size="xs">
        {tSignIn.signInErrorsTitle}
      </ErrorSummary.Heading>
      <ErrorSummary.List>
        {problems.map((problem) => (
          <ErrorSummary.Item key={problem.text}>
            {problem.field ? (
              <ErrorSummary.Link href={`#${fieldIds[problem.field]}`} onClick={goTo(problem.field)}>
                {problem.text}
              </ErrorSummary.Link>
            ) : (
              problem.text
            )}
          </ErrorSummary.Item>
        ))}
      </ErrorSummary.List>
    </ErrorSummary>
  );
}
