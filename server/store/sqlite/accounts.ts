import type Database from 'better-sqlite3';
import type { MinistryCode } from '../../../shared/ministries.js';
import type { Role } from '../../../shared/permissions.js';
import type { NewUser, SessionRecord, UserRecord } from '../types.js';
import { toSessionOfUser, toUser } from '../rows/accounts.js';

/** Accounts and their sessions (`users`, `sessions`). */
export class SqliteAccounts {
  private readonly countAll;
  private readonly insertUser;
  private readonly selectUser;
  private readonly selectUsers;
  private readonly updatePassword;
  private readonly updateDisabled;
  private readonly updateRole;
  private readonly updateEmail;
  private readonly deleteSessionsOf;
  private readonly insertSession;
  private readonly selectSession;
  private readonly deleteSessionById;
  private readonly deleteExpired;
  private readonly createUsersTransaction;
  private readonly setPasswordTransaction;
  private readonly setDisabledTransaction;

  constructor(db: Database.Database) {
    this.countAll = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM users');
    this.insertUser = db.prepare<[string, string, string | null, string, string, number, string | null, string, string]>(
      `INSERT INTO users (username, name, ministry, role, password_hash, disabled, demo, email, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?, ?)`,
    );
    this.selectUser = db.prepare<[string]>('SELECT * FROM users WHERE username = ?');
    this.selectUsers = db.prepare<[]>('SELECT * FROM users ORDER BY username');
    this.updatePassword = db.prepare<[string, string, string]>('UPDATE users SET password_hash = ?, demo = 0, updated_at = ? WHERE username = ?');
    this.updateDisabled = db.prepare<[number, string, string]>('UPDATE users SET disabled = ?, updated_at = ? WHERE username = ?');
    this.updateRole = db.prepare<[string, string | null, string, string]>('UPDATE users SET role = ?, ministry = ?, updated_at = ? WHERE username = ?');
    this.updateEmail = db.prepare<[string | null, string, string]>('UPDATE users SET email = ?, updated_at = ? WHERE username = ?');
    this.deleteSessionsOf = db.prepare<[string]>('DELETE FROM sessions WHERE username = ?');
    this.insertSession = db.prepare<[string, string, string, string]>(
      'INSERT INTO sessions (id, username, created_at, expires_at) VALUES (?, ?, ?, ?)',
    );
    this.selectSession = db.prepare<[string, string]>(
      `SELECT s.id AS session_id, s.created_at AS session_created_at, s.expires_at AS session_expires_at, u.*
       FROM sessions s JOIN users u ON u.username = s.username
       WHERE s.id = ? AND s.expires_at > ? AND u.disabled = 0`,
    );
    this.deleteSessionById = db.prepare<[string]>('DELETE FROM sessions WHERE id = ?');
    this.deleteExpired = db.prepare<[string]>('DELETE FROM sessions WHERE expires_at <= ?');

    this.createUsersTransaction = db.transaction((users: NewUser[], at: string) => {
      for (const u of users) this.insertUser.run(u.username, u.name, u.ministry, u.role, u.passwordHash, u.demo ? 1 : 0, u.email ?? null, at, at);
    });
    this.setPasswordTransaction = db.transaction((username: string, passwordHash: string, at: string): boolean => {
      const result = this.updatePassword.run(passwordHash, at, username);
      this.deleteSessionsOf.run(username);
      return result.changes > 0;
    });
    this.setDisabledTransaction = db.transaction((username: string, disabled: boolean, at: string): boolean => {
      const result = this.updateDisabled.run(disabled ? 1 : 0, at, username);
      if (disabled) this.deleteSessionsOf.run(username);
      return result.changes > 0;
    });
  }

  countUsers(): number {
    return this.countAll.get()?.n ?? 0;
  }

  createUsers(users: NewUser[], at: string): void {
    this.createUsersTransaction.immediate(users, at);
  }

  getUser(username: string): UserRecord | null {
    const row = this.selectUser.get(username);
    return row === undefined ? null : toUser(row);
  }

  listUsers(): UserRecord[] {
    return this.selectUsers.all().map(toUser);
  }

  setPassword(username: string, passwordHash: string, at: string): boolean {
    return this.setPasswordTransaction.immediate(username, passwordHash, at);
  }

  setDisabled(username: string, disabled: boolean, at: string): boolean {
    return this.setDisabledTransaction.immediate(username, disabled, at);
  }

  setRole(username: string, role: Role, ministry: MinistryCode | null, at: string): boolean {
    return this.updateRole.run(role, ministry, at, username).changes > 0;
  }

  setEmail(username: string, email: string | null, at: string): boolean {
    return this.updateEmail.run(email, at, username).changes > 0;
  }

  createSession(session: SessionRecord): void {
    this.insertSession.run(session.id, session.username, session.createdAt, session.expiresAt);
  }

  getSession(id: string, now: string): { session: SessionRecord; user: UserRecord } | null {
    const row = this.selectSession.get(id, now);
    return row === undefined ? null : toSessionOfUser(row);
  }

  deleteSession(id: string): void {
    this.deleteSessionById.run(id);
  }

  deleteExpiredSessions(now: string): number {
    return this.deleteExpired.run(now).changes;
  }
}
