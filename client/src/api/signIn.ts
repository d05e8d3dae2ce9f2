import { AuthMethodsSchema } from '../../../shared/signIn.js';
import { request } from '../api.js';

// The sign-in page's own call (the page loads separately).

/** How one may sign in here: a password, the organisation's identity provider, or both. */
export const fetchAuthMethods = (signal?: AbortSignal) => request('/api/auth/methods', AuthMethodsSchema, { signal });
