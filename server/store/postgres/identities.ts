import type { IdentityRecord } from '../types.js';
import { toIdentity } from '../rows/identities.js';
import type { Db } from './connection.js';

/** Which account an identity provider's person is (`identities`), and sessions' ID tokens (`session_id_tokens`). */
export const identities = {
  async bySubject(db: Db, issuer: string, subject: string): Promise<IdentityRecord | null> {
    const [row] = await db`SELECT * FROM identities WHERE issuer = ${issuer} AND subject = ${subject}`;
    return row === undefined ? null : toIdentity(row);
  },

  async pendingByEmail(db: Db, email: string): Promise<IdentityRecord | null> {
    // Any case, as SQLite's NOCASE column: the unique index is on lower(email).
    const [row] = await db`SELECT * FROM identities WHERE subject IS NULL AND lower(email) = lower(${email})`;
    return row === undefined ? null : toIdentity(row);
  },

  async byUsername(db: Db, username: string): Promise<IdentityRecord | null> {
    const [row] = await db`SELECT * FROM identities WHERE username = ${username}`;
    return row === undefined ? null : toIdentity(row);
  },

  async list(db: Db): Promise<IdentityRecord[]> {
    return (await db`SELECT * FROM identities ORDER BY username`).map(toIdentity);
  },

  async set(db: Db, identity: IdentityRecord): Promise<void> {
    await db`
      INSERT INTO identities (username, issuer, subject, email, origin, created_at, linked_at)
      VALUES (${identity.username}, ${identity.subject?.issuer ?? null}, ${identity.subject?.subject ?? null}, ${identity.email},
        ${identity.origin}, ${identity.createdAt}, ${identity.linkedAt})
      ON CONFLICT (username) DO UPDATE SET issuer = excluded.issuer, subject = excluded.subject, email = excluded.email,
        origin = excluded.origin, linked_at = excluded.linked_at`;
  },

  async delete(db: Db, username: string): Promise<boolean> {
    return (await db`DELETE FROM identities WHERE username = ${username}`).count > 0;
  },

  async setIdToken(db: Db, sessionId: string, idToken: string): Promise<void> {
    await db`
      INSERT INTO session_id_tokens (session_id, id_token) VALUES (${sessionId}, ${idToken})
      ON CONFLICT (session_id) DO UPDATE SET id_token = excluded.id_token`;
  },

  async idToken(db: Db, sessionId: string): Promise<string | null> {
    const [row] = await db<{ id_token: string }[]>`SELECT id_token FROM session_id_tokens WHERE session_id = ${sessionId}`;
    return row?.id_token ?? null;
  },
};
