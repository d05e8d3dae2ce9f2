import type { Migration } from '../migrate.js';

/**
 * Sign-ins on their way through the identity provider (README, *Running it for real* and
 * *Several instances*), by their `state`: what the provider's answer must match, bound to the
 * browser that started it by the SHA-256 of its cookie. Kept here rather than in a process's
 * memory so that any instance can finish a sign-in another started. Ordered by expiry, then
 * rowid, to drop the oldest when too many are waiting.
 */
export const pendingSignIns: Migration = {
  version: 7,
  name: '007_pending_sign_ins',
  up(db) {
    db.exec(`
CREATE TABLE pending_sign_ins (
  state TEXT PRIMARY KEY,
  binding_hash TEXT NOT NULL,
  nonce TEXT NOT NULL,
  code_verifier TEXT NOT NULL,
  return_to TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE INDEX pending_sign_ins_by_expiry ON pending_sign_ins (expires_at);
`);
  },
};
