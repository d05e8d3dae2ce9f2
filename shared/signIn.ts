import * as z from 'zod/mini';
import { MAX_PASSWORD_CHARS } from './auth.js';
import { TextSchema } from './text.js';

// What only the sign-in page and the server's sign-in read, apart from auth.ts (who is signed in),
// which every page reads.

/** `POST /api/session` body. */
export const SignInRequestSchema = z.strictObject({
  username: TextSchema.check(z.minLength(1), z.maxLength(64)),
  password: TextSchema.check(z.minLength(1), z.maxLength(MAX_PASSWORD_CHARS)),
});
export type SignInRequest = z.infer<typeof SignInRequestSchema>;

/** `GET /api/auth/methods`: how one may sign in here (the sign-in page offers those). */
export const AuthMethodsSchema = z.object({
  /** Username and password (`POST /api/session`); off with PASSWORD_SIGN_IN=0. */
  password: z.boolean(),
  /** The organisation's identity provider, when configured: its name for the button, and where the button goes. */
  provider: z.nullable(z.object({ name: z.string().check(z.minLength(1)), loginPath: z.string().check(z.startsWith('/')) })),
});
export type AuthMethods = z.infer<typeof AuthMethodsSchema>;
