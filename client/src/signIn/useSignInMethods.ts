import type { AuthMethods } from '../../../shared/signIn.js';
import { fetchAuthMethods } from '../api/signIn.js';
import { useResource } from '../useResource.js';

/** When the server cannot say (offline, an old server): the password form, as always. */
const PASSWORD_ONLY: AuthMethods = { password: true, provider: null };

/** The address that starts a sign-in at the identity provider and comes back to `returnTo`. */
export function providerSignInHref(loginPath: string, returnTo: string): string {
  return `${loginPath}?returnTo=${encodeURIComponent(returnTo)}`;
}

/**
 * How one may sign in here (`GET /api/auth/methods`): null while the server is asked, then its
 * answer, or the password form alone when it cannot be asked.
 */
export function useSignInMethods(): AuthMethods | null {
  const methods = useResource('auth-methods', fetchAuthMethods);
  if (methods.data) return methods.data;
  return methods.error ? PASSWORD_ONLY : null;
}
