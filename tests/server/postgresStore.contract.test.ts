import postgres from 'postgres';
import { afterEach, describe, expect, it } from 'vitest';
import { POSTGRES_MIGRATIONS } from '../../server/store/postgres/migrations/index.js';
import { PostgresStore } from '../../server/store/postgres/postgresStore.js';
import type { NewAuditEntry, Store, UserRecord } from '../../server/store/types.js';
import { usePostgres } from '../helpers/postgres.js';
import { storeContractSuite } from './storeContract.js';

const pg = usePostgres();

/** A fresh, empty store: its own schema in this file's database. */
async function freshStore(): Promise<{ store: PostgresStore; url: string }> {
  const url = await pg.server.createSchema(pg.url);
  return { store: await PostgresStore.open(url), url };
}

storeContractSuite('PostgresStore', async () => (await freshStore()).store);

const AT = '2026-11-28T09:00:00.000Z';
const user = (username: string) => ({ username, name: username, ministry: null, role: 'reader' as const, passwordHash: 'h', demo: false });
const auditRow = (at: string): NewAuditEntry => ({
  at,
  actor: { kind: 'user', username: 'jd', name: 'JD' },
  kind: 'status.change',
  target: { roundId: 'r1', measure: 1, id: null },
  before: { status: 'Løpende' },
  after: { status: 'Gjennomført' },
});

describe('PostgresStore beyond the contract', () => {
  const opened: { close(): void; closed?: () => Promise<void> }[] = [];
  const clients: postgres.Sql[] = [];
  afterEach(async () => {
    for (const store of opened.splice(0)) {
      store.close();
      await store.closed?.();
    }
    for (const client of clients.splice(0)) await client.end();
  });

  async function open(): Promise<{ store: PostgresStore; url: string; sql: postgres.Sql }> {
    const fresh = await freshStore();
    opened.push(fresh.store);
    const sql = postgres(fresh.url, { max: 1, onnotice: () => undefined });
    clients.push(sql);
    return { ...fresh, sql };
  }

  it('refuses UPDATE, DELETE and TRUNCATE of snapshots and audit rows in the database itself', async () => {
    const { store, sql } = await open();
    await store.seedRound({
      plan: { id: 'plan', title: 'Plan', reportTitle: 'Rapport' },
      round: { id: 'r1', title: 'Runde 1', deadline: '2030-02-15T12:00:00+01:00', intro: '' },
      measures: [],
      warnings: [],
      createdAt: AT,
    });
    await store.insertSnapshot(
      { id: 's1', roundId: 'r1', takenAt: AT, takenBy: null, reason: 'manual', note: null, sha256: 'a'.repeat(64), contentJson: '{}' },
      null,
    );
    await store.appendAudit(auditRow(AT));
    await expect(sql`UPDATE snapshots SET note = 'changed'`).rejects.toThrow(/snapshots are immutable/);
    await expect(sql`DELETE FROM snapshots`).rejects.toThrow(/snapshots are immutable/);
    await expect(sql`TRUNCATE snapshots CASCADE`).rejects.toThrow(/snapshots are immutable/);
    await expect(sql`UPDATE audit_log SET kind = 'round.freeze'`).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_log`).rejects.toThrow(/append-only/);
    await expect(sql`TRUNCATE audit_log`).rejects.toThrow(/append-only/);
    expect(await store.getSnapshot('s1')).toMatchObject({ note: null, contentJson: '{}' });
    expect((await store.queryAudit({ limit: 10 })).entries.map((e) => e.kind)).toEqual(['status.change']);
  });

  it('keeps the history append-only in the database itself: a history row or a checkpoint is never changed or removed', async () => {
    const { store, sql } = await open();
    const { id } = await store.appendUpdate('a.1', new Uint8Array([1]), { kind: 'edit', author: 'ada', at: AT, clients: [] });
    await store.compactDocument('a.1', id, new Uint8Array([1]), true);
    await expect(sql`UPDATE doc_history SET data = '\\x00'`).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM doc_history`).rejects.toThrow(/append-only/);
    await expect(sql`UPDATE doc_checkpoints SET state = '\\x00'`).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM doc_checkpoints`).rejects.toThrow(/append-only/);
    expect((await store.loadDocument('a.1')).updates.map((u) => Array.from(u))).toEqual([[1]]);
  });

  it('lifts the guard against DELETE for the retention’s own transaction only', async () => {
    const { store, sql } = await open();
    await store.appendAudit(auditRow('2026-01-01T10:00:00.000Z'));
    await store.appendAudit(auditRow('2026-02-01T10:00:00.000Z'));
    expect(await store.pruneAudit('2026-01-15T00:00:00.000Z')).toBe(1);
    await expect(sql`DELETE FROM audit_log`).rejects.toThrow(/append-only/);
    // A retention in a transaction that rolls back removes nothing, and leaves the guard on.
    await expect(
      store.transaction(async (tx) => {
        expect(await tx.pruneAudit('2027-01-01T00:00:00.000Z')).toBe(1);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect((await store.queryAudit({ limit: 10 })).entries.map((e) => e.at)).toEqual(['2026-02-01T10:00:00.000Z']);
    await expect(sql`DELETE FROM audit_log`).rejects.toThrow(/append-only/);
  });

  it('migrates once, refuses a database of a newer release, and opens an up-to-date one as it is', async () => {
    const { store, url, sql } = await open();
    await store.createUsers([user('ada')], AT);
    // A second instance on the same database (both migrating at once would take turns).
    const [again, twice] = await Promise.all([PostgresStore.open(url), PostgresStore.open(url)]);
    opened.push(again, twice);
    expect((await again.getUser('ada'))?.name).toBe('ada');
    expect((await sql`SELECT version FROM schema_migrations ORDER BY version`).map((row) => row.version as number)).toEqual(POSTGRES_MIGRATIONS.map((m) => m.version));
    await sql`INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, '099_future', ${AT})`;
    await expect(PostgresStore.open(url)).rejects.toThrow(/schema version 99.*newer release/);
  });

  it('stores one document’s updates one at a time across processes: ids in order, every update in exactly one version', async () => {
    const { store, url } = await open();
    const other = await PostgresStore.open(url);
    opened.push(other);
    const write = (s: PostgresStore, author: string, n: number) =>
      Promise.all(
        Array.from({ length: n }, (_, i) =>
          s.appendUpdate('d.1', new Uint8Array([i]), { kind: 'edit', author, at: new Date(Date.parse(AT) + i).toISOString(), clients: [i] }),
        ),
      );
    // The same person in two browsers, each on another instance.
    const [mine, theirs] = await Promise.all([write(store, 'ada', 40), write(other, 'ada', 40)]);
    const ids = [...mine, ...theirs].map((u) => u.id).sort((a, b) => a - b);
    expect(new Set(ids).size).toBe(80);
    const loaded = await other.loadDocument('d.1');
    expect(loaded.updates).toHaveLength(80);
    expect(loaded.lastId).toBe(ids.at(-1));
    const versions = await store.listVersions('d.1');
    expect(versions.reduce((sum, v) => sum + v.updates, 0)).toBe(80);
    for (const v of versions) expect(v.lastId).toBeGreaterThanOrEqual(v.firstId);
    // Each client id was claimed once, by whoever brought it first.
    expect((await store.documentClients('d.1')).map((c) => c.clientId)).toEqual(Array.from({ length: 40 }, (_, i) => i));
  });

  it('finishes a sign-in in progress once across processes (started on one, asked for on two at once: one gets it), and caps them exactly', async () => {
    const { store, url } = await open();
    const others = await Promise.all([PostgresStore.open(url), PostgresStore.open(url)]);
    opened.push(...others);
    const pending = { state: 's1', bindingHash: 'a'.repeat(64), nonce: 'n', codeVerifier: 'v', returnTo: '/', expiresAt: '2026-11-28T09:10:00.000Z' };
    expect(await store.startSignIn(pending, AT, 10)).toBe(1);
    expect(await others[0].takeSignIn('s1', 'b'.repeat(64), AT), 'another browser, on another instance').toBeNull();
    const answers = await Promise.all(others.map((other) => other.takeSignIn('s1', 'a'.repeat(64), AT)));
    expect(answers.filter((answer) => answer !== null)).toEqual([pending]);

    // Started on three processes at once, each in a transaction as the server does: the cap holds exactly.
    const starts = [store, ...others].flatMap((s, n) =>
      Array.from({ length: 8 }, (_, i) => s.transaction((tx) => tx.startSignIn({ ...pending, state: `p${n}-${i}` }, AT, 5))),
    );
    const counts = await Promise.all(starts);
    expect(Math.max(...counts)).toBe(5);
    const left = await Promise.all([0, 1, 2].flatMap((n) => Array.from({ length: 8 }, (_, i) => store.takeSignIn(`p${n}-${i}`, 'a'.repeat(64), AT))));
    expect(left.filter((answer) => answer !== null)).toHaveLength(5);
  });

  it('keeps bytes, times and JSON exactly as given', async () => {
    const { store } = await open();
    const update = new Uint8Array(256).map((_, i) => i);
    await store.appendUpdate('d.1', update, { kind: 'edit', author: 'ada', at: AT, clients: [0xffff_ffff] });
    const loaded = await store.loadDocument('d.1');
    expect(loaded.updates[0]).toBeInstanceOf(Uint8Array);
    expect(Array.from(loaded.updates[0]!)).toEqual(Array.from(update));
    expect(await store.documentClients('d.1')).toEqual([{ clientId: 0xffff_ffff, author: 'ada', carriedOver: false }]);
    const entry = { ...auditRow('2026-01-01T10:00:00+01:00'), after: { z: 1, a: [true, null, 'æøå'] } };
    const id = await store.appendAudit(entry);
    expect((await store.queryAudit({ limit: 1 })).entries).toEqual([{ id, ...entry }]);
  });

  it('runs a subclass’s overrides for calls through tx too', async () => {
    class CountingStore extends PostgresStore {
      lookups = 0;
      override async getUser(username: string): Promise<UserRecord | null> {
        this.lookups += 1;
        return super.getUser(username);
      }
    }
    const counting = await CountingStore.open(await pg.server.createSchema(pg.url));
    opened.push(counting);
    await counting.createUsers([user('ada')], AT);
    const found = await counting.transaction(async (tx: Store) => tx.getUser('ada'));
    expect(found?.username).toBe('ada');
    await counting.getUser('ada');
    expect(counting.lookups).toBe(2);
  });

  /** Ends the store's connection from the server's side, as a restart or a failover would. */
  async function cutOff(sql: postgres.Sql): Promise<void> {
    await sql`
      SELECT pg_terminate_backend(pid) FROM pg_stat_activity
      WHERE pid <> pg_backend_pid() AND datname = current_database() AND application_name = 'postgres.js'`;
  }

  it('goes on after its connection is lost: the next call opens another', async () => {
    const { store, sql } = await open();
    await store.createUsers([user('ada')], AT);
    await cutOff(sql);
    // The call that meets the lost connection may fail; the ones after it work.
    await store.countUsers().catch(() => undefined);
    expect(await store.countUsers()).toBe(1);
    expect(await store.transaction((tx) => tx.getUser('ada'))).toMatchObject({ username: 'ada' });
  });

  it('commits nothing of a transaction whose connection was lost, even when its function goes on', async () => {
    const { store, sql } = await open();
    const attempt = store.transaction(async (tx) => {
      await tx.createUsers([user('ada')], AT);
      await cutOff(sql);
      // Swallowed failures: what follows would otherwise run outside the transaction, alone.
      await tx.createUsers([user('bob')], AT).catch(() => undefined);
      await tx.createUsers([user('cyd')], AT).catch(() => undefined);
    });
    await expect(attempt).rejects.toThrow();
    expect((await store.listUsers()).map((u) => u.username)).toEqual([]);
    await store.createUsers([user('dan')], AT);
    expect(await store.countUsers()).toBe(1);
  });

  it('refuses to close through a tx, and refuses calls once closed', async () => {
    const { store } = await open();
    await expect(store.transaction(async (tx) => tx.close())).rejects.toThrow(/not a transaction/);
    expect(await store.countUsers()).toBe(0);
    store.close();
    await expect(store.countUsers()).rejects.toThrow(/closed/);
    await store.closed();
  });
});
