import type { MinistryCode } from '../../../shared/ministries.js';
import type { Role } from '../../../shared/permissions.js';
import type { NewUser, SessionRecord, UserRecord } from '../types.js';
import { toSessionOfUser, toUser } from '../rows/accounts.js';
import type { Db } from './connection.js';

/** Accounts and their sessions (`users`, `sessions`). `createUsers`, `setPassword` and `setDisabled` must run inside a transaction. */
export const accounts = {
  async countUsers(db: Db): Promise<number> {
    const [row] = await db<{ n: number }[]>`SELECT COUNT(*) AS n FROM users`;
    return row?.n ?? 0;
  },

  async createUsers(db: Db, users: NewUser[], at: string): Promise<void> {
    for (const u of users) {
      await db`
        INSERT INTO users (username, name, ministry, role, password_hash, disabled, demo, email, created_at, updated_at)
        VALUES (${u.username}, ${u.name}, ${u.ministry}, ${u.role}, ${u.passwordHash}, FALSE, ${u.demo}, ${u.email ?? null}, ${at}, ${at})`;
    }
  },

  async getUser(db: Db, username: string): Promise<UserRecord | null> {
    const [row] = await db`SELECT * FROM users WHERE username = ${username}`;
    return row === undefined ? null : toUser(row);
  },

  async listUsers(db: Db): Promise<UserRecord[]> {
    return (await db`SELECT * FROM users ORDER BY username`).map(toUser);
  },

  async setPassword(db: Db, username: string, passwordHash: string, at: string): Promise<boolean> {
    const result = await db`UPDATE users SET password_hash = ${passwordHash}, demo = FALSE, updated_at = ${at} WHERE username = ${username}`;
    await db`DELETE FROM sessions WHERE username = ${username}`;
    return result.count > 0;
  },

  async setDisabled(db: Db, username: string, disabled: boolean, at: string): Promise<boolean> {
    const result = await db`UPDATE users SET disabled = ${disabled}, updated_at = ${at} WHERE username = ${username}`;
    if (disabled) await db`DELETE FROM sessions WHERE username = ${username}`;
    return result.count > 0;
  },

  async setRole(db: Db, username: string, role: Role, ministry: MinistryCode | null, at: string): Promise<boolean> {
    const result = await db`UPDATE users SET role = ${role}, ministry = ${ministry}, updated_at = ${at} WHERE username = ${username}`;
    return result.count > 0;
  },

  async setEmail(db: Db, username: string, email: string | null, at: string): Promise<boolean> {
    const result = await db`UPDATE users SET email = ${email}, updated_at = ${at} WHERE username = ${username}`;
    return result.count > 0;
  },

  async createSession(db: Db, session: SessionRecord): Promise<void> {
    await db`INSERT INTO sessions (id, username, created_at, expires_at) VALUES (${session.id}, ${session.username}, ${session.createdAt}, ${session.expiresAt})`;
  },

  async getSession(db: Db, id: string, now: string): Promise<{ session: SessionRecord; user: UserRecord } | null> {
    const [row] = await db`
      SELECT s.id AS session_id, s.created_at AS session_created_at, s.expires_at AS session_expires_at, u.*
      FROM sessions s JOIN users u ON u.username = s.username
      WHERE s.id = ${id} AND s.expires_at > ${now} AND NOT u.disabled`;
    return row === undefined ? null : toSessionOfUser(row);
  },

  async deleteSession(db: Db, id: string): Promise<void> {
    await db`DELETE FROM sessions WHERE id = ${id}`;
  },

  async deleteExpiredSessions(db: Db, now: string): Promise<number> {
    return (await db`DELETE FROM sessions WHERE expires_at <= ${now}`).count;
  },
};
