import type { PendingSignInRecord } from '../types.js';
import { finishable, toPendingSignIn } from '../rows/signIns.js';
import type { Db } from './connection.js';

/** The advisory lock key of starting a sign-in ("Sami"; see fanout/advisoryLocks.ts for the others). */
const START_LOCK = 0x53616d69;

/** Sign-ins on their way through the identity provider (`pending_sign_ins`). `start` must run inside a transaction. */
export const signIns = {
  async start(db: Db, pending: PendingSignInRecord, now: string, max: number): Promise<number> {
    // Instances start sign-ins one at a time (until the transaction ends): the cap is counted
    // exactly, and two sweeps never wait on each other's rows.
    await db`SELECT pg_advisory_xact_lock(${START_LOCK})`;
    await db`DELETE FROM pending_sign_ins WHERE expires_at <= ${now}`;
    const [row] = await db<{ n: number }[]>`SELECT COUNT(*) AS n FROM pending_sign_ins`;
    const kept = row?.n ?? 0;
    const excess = kept - (max - 1);
    if (excess > 0) {
      await db`DELETE FROM pending_sign_ins WHERE seq IN (SELECT seq FROM pending_sign_ins ORDER BY expires_at, seq LIMIT ${excess})`;
    }
    await db`
      INSERT INTO pending_sign_ins (state, binding_hash, nonce, code_verifier, return_to, expires_at)
      VALUES (${pending.state}, ${pending.bindingHash}, ${pending.nonce}, ${pending.codeVerifier}, ${pending.returnTo}, ${pending.expiresAt})`;
    return Math.min(kept, max - 1) + 1;
  },

  async take(db: Db, state: string, bindingHash: string, now: string): Promise<PendingSignInRecord | null> {
    // One statement: the binding is checked before the row goes (another browser's callback leaves
    // it be), and of two instances asked at once only one gets it.
    const [row] = await db`
      DELETE FROM pending_sign_ins WHERE state = ${state} AND (binding_hash = ${bindingHash} OR expires_at <= ${now})
      RETURNING state, binding_hash, nonce, code_verifier, return_to, expires_at`;
    return finishable(row === undefined ? null : toPendingSignIn(row), bindingHash, now);
  },
};
