import type { PostgresMigration } from '../migrate.js';

/**
 * Sign-ins on their way through the identity provider, as SQLite's seventh migration has them
 * (server/store/sqlite/migrations/007_pending_sign_ins.ts; README, *Several instances*): any
 * instance finishes a sign-in another started. `seq` is SQLite's rowid order.
 */
const sql = `
CREATE TABLE pending_sign_ins (
  state TEXT COLLATE "C" PRIMARY KEY,
  seq BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
  binding_hash TEXT COLLATE "C" NOT NULL,
  nonce TEXT NOT NULL,
  code_verifier TEXT NOT NULL,
  return_to TEXT NOT NULL,
  expires_at TEXT COLLATE "C" NOT NULL
);
CREATE INDEX pending_sign_ins_by_expiry ON pending_sign_ins (expires_at, seq);
`;

export const pendingSignIns: PostgresMigration = {
  version: 3,
  name: '003_pending_sign_ins',
  async up(db) {
    await db.unsafe(sql);
  },
};
