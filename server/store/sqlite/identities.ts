import type Database from 'better-sqlite3';
import type { IdentityRecord } from '../types.js';
import { toIdentity } from '../rows/identities.js';

/** Which account an identity provider's person is (`identities`), and sessions' ID tokens (`session_id_tokens`). */
export class SqliteIdentities {
  private readonly selectBySubject;
  private readonly selectPendingByEmail;
  private readonly selectByUsername;
  private readonly selectAll;
  private readonly upsert;
  private readonly deleteByUsername;
  private readonly insertIdToken;
  private readonly selectIdToken;

  constructor(db: Database.Database) {
    this.selectBySubject = db.prepare<[string, string]>('SELECT * FROM identities WHERE issuer = ? AND subject = ?');
    this.selectPendingByEmail = db.prepare<[string]>('SELECT * FROM identities WHERE subject IS NULL AND email = ?');
    this.selectByUsername = db.prepare<[string]>('SELECT * FROM identities WHERE username = ?');
    this.selectAll = db.prepare<[]>('SELECT * FROM identities ORDER BY username');
    this.upsert = db.prepare<[string, string | null, string | null, string | null, string, string, string | null]>(
      `INSERT INTO identities (username, issuer, subject, email, origin, created_at, linked_at) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (username) DO UPDATE SET issuer = excluded.issuer, subject = excluded.subject, email = excluded.email,
         origin = excluded.origin, linked_at = excluded.linked_at`,
    );
    this.deleteByUsername = db.prepare<[string]>('DELETE FROM identities WHERE username = ?');
    this.insertIdToken = db.prepare<[string, string]>('INSERT OR REPLACE INTO session_id_tokens (session_id, id_token) VALUES (?, ?)');
    this.selectIdToken = db.prepare<[string], { id_token: string }>('SELECT id_token FROM session_id_tokens WHERE session_id = ?');
  }

  bySubject(issuer: string, subject: string): IdentityRecord | null {
    const row = this.selectBySubject.get(issuer, subject);
    return row === undefined ? null : toIdentity(row);
  }

  pendingByEmail(email: string): IdentityRecord | null {
    const row = this.selectPendingByEmail.get(email);
    return row === undefined ? null : toIdentity(row);
  }

  byUsername(username: string): IdentityRecord | null {
    const row = this.selectByUsername.get(username);
    return row === undefined ? null : toIdentity(row);
  }

  list(): IdentityRecord[] {
    return this.selectAll.all().map(toIdentity);
  }

  set(identity: IdentityRecord): void {
    this.upsert.run(
      identity.username,
      identity.subject?.issuer ?? null,
      identity.subject?.subject ?? null,
      identity.email,
      identity.origin,
      identity.createdAt,
      identity.linkedAt,
    );
  }

  delete(username: string): boolean {
    return this.deleteByUsername.run(username).changes > 0;
  }

  setIdToken(sessionId: string, idToken: string): void {
    this.insertIdToken.run(sessionId, idToken);
  }

  idToken(sessionId: string): string | null {
    return this.selectIdToken.get(sessionId)?.id_token ?? null;
  }
}
