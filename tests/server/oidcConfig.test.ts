import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Commands } from '../../server/commands/command.js';
import { readConfig } from '../../server/config.js';
import { usernameBase, verifiedEmail, displayNameOf } from '../../server/oidc/claims.js';
import { assignmentOf, checkIssuerUrl, claimValues, parseRoleMap, type ClaimMapping } from '../../server/oidc/config.js';
import { PendingSignIns } from '../../server/oidc/PendingSignIns.js';
import { SqliteStore } from '../../server/store/sqliteStore.js';
import { safeReturnTo } from '../../server/routes/auth.js';

const BASE = { OIDC_ISSUER: 'https://login.example.no/realms/dep', OIDC_CLIENT_ID: 'samskriv' };

describe('OIDC settings from the environment', () => {
  it('reads the provider, the scopes and the claim mapping', () => {
    const config = readConfig({
      ...BASE,
      OIDC_CLIENT_SECRET: 's3cret',
      OIDC_SCOPES: 'profile,email groups',
      OIDC_PROVIDER_NAME: 'ID-porten',
      OIDC_ROLE_CLAIM: 'groups',
      OIDC_ROLE_MAP: 'samskriv-jd=editor:jd, samskriv-koord=coordinator,\n974761076=reader:HOD',
      PUBLIC_URL: 'https://rapport.example.no',
    });
    expect(config.oidc).toEqual({
      issuer: BASE.OIDC_ISSUER,
      clientId: 'samskriv',
      clientSecret: 's3cret',
      scopes: ['openid', 'profile', 'email', 'groups'],
      displayName: 'ID-porten',
      mapping: {
        claim: 'groups',
        rules: [
          { value: 'samskriv-jd', role: 'editor', ministry: 'JD' },
          { value: 'samskriv-koord', role: 'coordinator', ministry: null },
          { value: '974761076', role: 'reader', ministry: 'HOD' },
        ],
      },
      usernameClaim: 'preferred_username',
    });
    expect(config.passwordSignIn).toBe(true);
    expect(readConfig(BASE).oidc).toMatchObject({ scopes: ['openid', 'profile', 'email'], displayName: 'login.example.no', mapping: null });
    expect(readConfig({}).oidc).toBeUndefined();
  });

  it('names what is wrong or missing', () => {
    expect(() => readConfig({ OIDC_CLIENT_ID: 'x' })).toThrow(/OIDC_ISSUER: required with OIDC_CLIENT_ID/);
    expect(() => readConfig({ OIDC_ISSUER: BASE.OIDC_ISSUER })).toThrow(/OIDC_CLIENT_ID: required/);
    expect(() => readConfig({ ...BASE, OIDC_ISSUER: 'http://login.example.no' })).toThrow(/must be https/);
    expect(() => readConfig({ ...BASE, OIDC_ROLE_CLAIM: 'groups' })).toThrow(/go together/);
    expect(() => readConfig({ ...BASE, OIDC_ROLE_CLAIM: 'groups', OIDC_ROLE_MAP: 'x=editor' })).toThrow(/an editor needs a ministry/);
    expect(() => readConfig({ ...BASE, OIDC_ROLE_CLAIM: 'groups', OIDC_ROLE_MAP: 'x=boss' })).toThrow(/OIDC_ROLE_MAP: "x"/);
    expect(() => readConfig({ ...BASE, OIDC_ROLE_CLAIM: 'groups', OIDC_ROLE_MAP: 'x=editor:ABC' })).toThrow(/ABC is not one of/);
    expect(() => readConfig({ PASSWORD_SIGN_IN: '0' })).toThrow(/PASSWORD_SIGN_IN: with passwords off, nobody could sign in/);
    expect(readConfig({ ...BASE, PASSWORD_SIGN_IN: '0' }).passwordSignIn).toBe(false);
    expect(() => readConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN: at least 16 characters/);
    expect(() => readConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
  });

  it('lets plain http reach a provider on a loopback address only', () => {
    expect(checkIssuerUrl('http://127.0.0.1:9000')).toBe('http://127.0.0.1:9000');
    expect(checkIssuerUrl('http://localhost:9000/realms/x')).toBe('http://localhost:9000/realms/x');
    expect(checkIssuerUrl('http://[::1]:9000')).toBe('http://[::1]:9000');
    expect(() => checkIssuerUrl('http://10.0.0.1')).toThrow(/https/);
    expect(() => checkIssuerUrl('ftp://x')).toThrow(/https/);
  });
});

describe('who the claims make someone', () => {
  const mapping: ClaimMapping = {
    claim: 'groups',
    rules: parseRoleMap('{"cn=jd,ou=grupper,dc=dep": "editor:JD", "hod": "editor:HOD", "koord": "coordinator", "alle": "reader"}'),
  };

  it('takes the highest role among the matching values, and will not choose between ministries', () => {
    expect(assignmentOf({ groups: ['alle', 'cn=jd,ou=grupper,dc=dep'] }, mapping)).toEqual({ role: 'editor', ministry: 'JD' });
    expect(assignmentOf({ groups: ['alle', 'hod', 'koord'] }, mapping)).toEqual({ role: 'coordinator', ministry: null });
    expect(assignmentOf({ groups: 'alle' }, mapping)).toEqual({ role: 'reader', ministry: null });
    expect(assignmentOf({ groups: ['hod', 'cn=jd,ou=grupper,dc=dep'] }, mapping)).toBe('ambiguous');
    expect(assignmentOf({ groups: ['andre'] }, mapping)).toBeNull();
    expect(assignmentOf({}, mapping)).toBeNull();
  });

  it('reads a dot path through objects and arrays (Ansattporten: the organisations a person acts for)', () => {
    const claims = { authorization_details: [{ type: 'ansattporten:altinn:service', reportees: [{ ID: '0192:974761076' }, { ID: 974761084 }] }] };
    expect(claimValues(claims, 'authorization_details.reportees.ID')).toEqual(['0192:974761076', '974761084']);
    expect(claimValues({ groups: [['a'], 'b', 3, null, { x: 1 }] }, 'groups')).toEqual(['a', 'b', '3']);
    expect(claimValues({ a: { b: 'c' } }, 'a.b.c')).toEqual([]);
    expect(claimValues({ ['__proto__']: 'x' }, 'constructor')).toEqual([]);
  });

  it('makes a username, a name and an e-mail from the claims', () => {
    expect(usernameBase({ preferred_username: 'Kåre.Ødegård@jd.dep.no' }, 'preferred_username')).toBe('kare.odegard');
    expect(usernameBase({ email: 'ÆRLIG+tag@x.no' }, 'preferred_username')).toBe('aerlig-tag');
    expect(usernameBase({ preferred_username: '12345' }, 'preferred_username')).toBe('bruker');
    expect(usernameBase({ preferred_username: 'a'.repeat(60) }, 'preferred_username')).toBe('a'.repeat(28));
    expect(usernameBase({}, 'preferred_username')).toBe('bruker');
    expect(displayNameOf({ given_name: 'Kari', family_name: 'Nordmann' }, 'x')).toBe('Kari Nordmann');
    expect(displayNameOf({}, 'fallback')).toBe('fallback');
    expect(verifiedEmail({ email: 'Kari@JD.dep.no' })).toBe('kari@jd.dep.no');
    expect(verifiedEmail({ email: 'kari@jd.dep.no', email_verified: false })).toBeNull();
  });
});

describe('a sign-in on its way through the provider', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('is finished once, by the browser that started it, before it expires; the store holds the binding’s hash only', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'samskriv-signins-'));
    dirs.push(dir);
    const store = new SqliteStore(dir);
    let now = Date.parse('2026-11-29T09:00:00.000Z');
    const narratives = { read: () => Promise.reject(new Error('no narratives here')) };
    const commands = new Commands(store, { narratives, now: () => new Date(now), log: () => undefined }, () => undefined);
    const pending = new PendingSignIns(commands, 1_000, 3);
    try {
      const { flow, binding } = await pending.start('/runder', undefined);
      expect(binding).toMatch(/^[\w-]{43}$/);
      expect(await store.takeSignIn(flow.state, binding, new Date(now).toISOString()), 'the cookie itself is not the key').toBeNull();
      expect(await pending.take(flow.state, 'another-browser-binding-value-0000000')).toBeNull();
      expect(await pending.take(flow.state, undefined)).toBeNull();
      expect(await pending.take(flow.state, binding), 'left for the browser that started it').toEqual(flow);
      expect(await pending.take(flow.state, binding), 'only once').toBeNull();
      const again = await pending.start('/a', binding);
      expect(again.binding).toBe(binding);
      const late = await pending.start('/b', binding);
      now += 1_000;
      expect(await pending.take(late.flow.state, binding), 'expired').toBeNull();
      expect(await pending.take(again.flow.state, binding), 'expired').toBeNull();
      for (let i = 0; i < 5; i++) await pending.start('/', binding);
      expect(pending.size).toBe(3);
    } finally {
      store.close();
    }
  });

  it('returns only to paths of the app itself', () => {
    expect(safeReturnTo('/runder/x/tiltak/3?fra=y#kommentar-1')).toBe('/runder/x/tiltak/3?fra=y#kommentar-1');
    for (const bad of [undefined, '', 'runder', '//evil.example', '/\\evil.example', 'https://evil.example', '/x\n', '/'.padEnd(3000, 'x')]) {
      expect(safeReturnTo(bad), String(bad)).toBe('/');
    }
  });
});
