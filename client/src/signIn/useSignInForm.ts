import { useState, type FormEvent } from 'react';
import { signIn } from '../session.js';
import { missingCredentials, problemOf, type FieldName, type Problem } from './signInProblem.js';

/**
 * The sign-in form's fields, its problems and sending it. `attempt` counts failed attempts, so
 * that the error summary can be remounted (and take focus) on each.
 */
export function useSignInForm() {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [problems, setProblems] = useState<Problem[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);

  const fail = (next: Problem[]): void => {
    setProblems(next);
    setAttempt((n) => n + 1);
  };

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (busy) return;
    const missing = missingCredentials(username, password);
    if (missing.length > 0) return fail(missing);
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

  return {
    username,
    setUsername,
    password,
    setPassword,
    problems,
    attempt,
    busy,
    submit,
    fieldProblem: (field: FieldName): string | undefined => problems.find((p) => p.field === field)?.text,
  };
}
