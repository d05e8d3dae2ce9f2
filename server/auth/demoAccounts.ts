import { randomBytes } from 'node:crypto';
import { MINISTRIES, type MinistryCode } from '../../shared/ministries.js';
import type { AccountStore, NewUser } from '../store/types.js';
import { hashPassword, type PasswordCost } from './passwords.js';

export const COORDINATOR_USERNAME = 'koordinator';

/** A password for the demo accounts when DEMO_PASSWORD is not set: 96 random bits. */
export function generateDemoPassword(): string {
  return randomBytes(12).toString('base64url');
}

/** The coordinator and one editor per ministry of the plan, named by the lower-case code. */
export async function demoAccounts(ministries: readonly MinistryCode[], password: string, cost: PasswordCost): Promise<NewUser[]> {
  const specs: Omit<NewUser, 'passwordHash'>[] = [
    { username: COORDINATOR_USERNAME, name: 'Koordinator', ministry: null, role: 'coordinator', demo: true },
    ...ministries.map((code) => ({
      username: code.toLowerCase(),
      name: `Redaktør ${code}`,
      ministry: code,
      role: 'editor' as const,
      demo: true,
    })),
  ];
  return Promise.all(specs.map(async (spec) => ({ ...spec, passwordHash: await hashPassword(password, cost) })));
}

/** The plan's ministries in the order of MINISTRIES. */
export function planMinistries(measures: readonly { ministries: readonly MinistryCode[] }[]): MinistryCode[] {
  const used = new Set(measures.flatMap((m) => m.ministries));
  return (Object.keys(MINISTRIES) as MinistryCode[]).filter((code) => used.has(code));
}

/** True for addresses only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/** Names of enabled demo accounts whose password was never changed. */
export async function activeDemoAccounts(store: AccountStore): Promise<string[]> {
  return (await store.listUsers()).filter((u) => u.demo && !u.disabled).map((u) => u.username);
}
