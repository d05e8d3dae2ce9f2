/** Rows of sign-ins in progress (`pending_sign_ins`), as both stores read them. */
import { z } from 'zod';
import type { PendingSignInRecord } from '../types.js';

const PendingSignInRowSchema = z.object({
  state: z.string(),
  binding_hash: z.string(),
  nonce: z.string(),
  code_verifier: z.string(),
  return_to: z.string(),
  expires_at: z.string(),
});

export function toPendingSignIn(row: unknown): PendingSignInRecord {
  const r = PendingSignInRowSchema.parse(row);
  return { state: r.state, bindingHash: r.binding_hash, nonce: r.nonce, codeVerifier: r.code_verifier, returnTo: r.return_to, expiresAt: r.expires_at };
}

/** What `takeSignIn` answers for the row its statement removed (or found none): the sign-in only for its own browser, unexpired. */
export function finishable(row: PendingSignInRecord | null, bindingHash: string, now: string): PendingSignInRecord | null {
  return row !== null && row.bindingHash === bindingHash && row.expiresAt > now ? row : null;
}
