import type Database from 'better-sqlite3';
import type { PendingSignInRecord } from '../types.js';
import { finishable, toPendingSignIn } from '../rows/signIns.js';

/** Sign-ins on their way through the identity provider (`pending_sign_ins`). */
export class SqliteSignIns {
  private readonly deleteExpired;
  private readonly countAll;
  private readonly deleteOldest;
  private readonly insert;
  private readonly deleteFinishable;
  private readonly startTransaction;

  constructor(db: Database.Database) {
    this.deleteExpired = db.prepare<[string]>('DELETE FROM pending_sign_ins WHERE expires_at <= ?');
    this.countAll = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM pending_sign_ins');
    this.deleteOldest = db.prepare<[number]>(
      'DELETE FROM pending_sign_ins WHERE rowid IN (SELECT rowid FROM pending_sign_ins ORDER BY expires_at, rowid LIMIT ?)',
    );
    this.insert = db.prepare<[string, string, string, string, string, string]>(
      'INSERT INTO pending_sign_ins (state, binding_hash, nonce, code_verifier, return_to, expires_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    // The binding is checked before the row goes: another browser's callback leaves it be.
    this.deleteFinishable = db.prepare<[string, string, string]>(
      'DELETE FROM pending_sign_ins WHERE state = ? AND (binding_hash = ? OR expires_at <= ?) RETURNING *',
    );
    this.startTransaction = db.transaction((pending: PendingSignInRecord, now: string, max: number): number => {
      this.deleteExpired.run(now);
      const kept = this.countAll.get()?.n ?? 0;
      const excess = kept - (max - 1);
      if (excess > 0) this.deleteOldest.run(excess);
      this.insert.run(pending.state, pending.bindingHash, pending.nonce, pending.codeVerifier, pending.returnTo, pending.expiresAt);
      return Math.min(kept, max - 1) + 1;
    });
  }

  start(pending: PendingSignInRecord, now: string, max: number): number {
    return this.startTransaction(pending, now, max);
  }

  take(state: string, bindingHash: string, now: string): PendingSignInRecord | null {
    const row = this.deleteFinishable.get(state, bindingHash, now);
    return finishable(row === undefined ? null : toPendingSignIn(row), bindingHash, now);
  }
}
