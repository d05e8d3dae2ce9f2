import type { Migration } from '../migrate.js';

/**
 * Sign-in through the organisation (README, *Running it for real*, and **Sign-in through the
 * identity provider** under *HTTP API*): which account an identity provider's person is
 * (`identities`: one per account, by the provider's issuer and subject, or by e-mail until the
 * first sign-in binds the subject), and the ID token a session was started with, for the
 * provider's sign-out (`session_id_tokens`, gone with its session).
 */
export const identities: Migration = {
  version: 5,
  name: '005_identities',
  up(db) {
    db.exec(`
CREATE TABLE identities (
  username TEXT PRIMARY KEY REFERENCES users(username),
  issuer TEXT,
  subject TEXT,
  email TEXT COLLATE NOCASE,
  origin TEXT NOT NULL CHECK (origin IN ('cli', 'claims')),
  created_at TEXT NOT NULL,
  linked_at TEXT,
  CHECK ((issuer IS NULL) = (subject IS NULL)),
  CHECK (subject IS NOT NULL OR email IS NOT NULL)
);
CREATE UNIQUE INDEX identities_by_subject ON identities (issuer, subject) WHERE subject IS NOT NULL;
CREATE UNIQUE INDEX identities_by_email ON identities (email) WHERE subject IS NULL;
CREATE TABLE session_id_tokens (
  session_id TEXT PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,
  id_token TEXT NOT NULL
);
`);
  },
};
