import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CommentAuthor } from '../../shared/comments.js';
import { VERSION_MAX_UPDATES, VERSION_SPAN_MS } from '../../shared/history.js';
import type {
  CommentRecord,
  NewAuditEntry,
  NewNotification,
  NewRoundRecord,
  NewUser,
  PendingSignInRecord,
  RoundSeed,
  SnapshotRecord,
  Store,
  StoredDocument,
  ThreadRecord,
  UpdateOrigin,
} from '../../server/store/types.js';

/**
 * What every Store must do, run against each implementation (tldraw's storageContractSuite):
 * only through the Store interface, so that PostgreSQL can join without changes here.
 * `makeStore` gives a fresh, empty store; the suite closes it after each test.
 */
export function storeContractSuite(name: string, makeStore: () => Store | Promise<Store>): void {
  describe(`${name} keeps the Store contract`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await makeStore();
    });
    afterEach(() => {
      store.close();
    });

    describe('documents', () => {
      it('loads an unknown document as an empty log', async () => {
        expect(await store.loadDocument('nothing.1')).toEqual({ updates: [], lastId: 0, sinceCheckpoint: { updates: 0, bytes: 0 } });
      });

      it('appends updates and loads them oldest first, each document on its own', async () => {
        const first = (await store.appendUpdate('d.1', bytes(1), edit())).id;
        const second = (await store.appendUpdate('d.1', bytes(2, 2), edit())).id;
        await store.appendUpdate('d.2', bytes(9), edit());
        expect(second).toBeGreaterThan(first);
        const loaded = await store.loadDocument('d.1');
        expect(log(loaded)).toEqual([[1], [2, 2]]);
        expect(loaded.lastId).toBe(second);
        expect(log(await store.loadDocument('d.2'))).toEqual([[9]]);
      });

      it('compacts the log up to an id into one update that keeps its place before later ones', async () => {
        await store.appendUpdate('d.1', bytes(1), edit());
        const through = (await store.appendUpdate('d.1', bytes(2), edit())).id;
        await store.appendUpdate('d.2', bytes(7), edit());
        const compacting = store.compactDocument('d.1', through, bytes(1, 2), false);
        const later = store.appendUpdate('d.1', bytes(3), edit());
        // A load asked for right after the compaction sees all of it, never half.
        const seen = store.loadDocument('d.1');
        await compacting;
        await later;
        expect(log(await seen)).toEqual([[1, 2], [3]]);
        expect(log(await store.loadDocument('d.1'))).toEqual([[1, 2], [3]]);
        expect(log(await store.loadDocument('d.2'))).toEqual([[7]]);
        const next = (await store.appendUpdate('d.1', bytes(4), edit())).id;
        expect((await store.loadDocument('d.1')).lastId).toBe(next);
      });

      it('refuses to compact through an update of another document, and changes nothing', async () => {
        await store.appendUpdate('a.1', bytes(1), edit());
        const others = (await store.appendUpdate('b.1', bytes(9), edit())).id;
        await expect(store.compactDocument('a.1', others, bytes(7), true)).rejects.toThrow();
        expect(log(await store.loadDocument('a.1'))).toEqual([[1]]);
        expect(log(await store.loadDocument('b.1'))).toEqual([[9]]);
      });
    });

    describe('history', () => {
      it('keeps every update through compactions; any moment reads back from the latest checkpoint or state before it', async () => {
        const ids: number[] = [];
        for (let i = 1; i <= 3; i++) ids.push((await store.appendUpdate('d.1', bytes(i), edit('ola', at(i)))).id);
        await store.compactDocument('d.1', ids[2]!, bytes(1, 2, 3), true);
        for (let i = 4; i <= 5; i++) ids.push((await store.appendUpdate('d.1', bytes(i), edit('ola', at(i)))).id);
        await store.compactDocument('d.1', ids[4]!, bytes(1, 2, 3, 4, 5), false);
        ids.push((await store.appendUpdate('d.1', bytes(6), edit('kari', at(6)))).id);
        // The current state: the compacted one and what came after; the checkpoint's count starts anew.
        expect(await store.loadDocument('d.1')).toMatchObject({ lastId: ids[5], sinceCheckpoint: { updates: 3, bytes: 3 } });
        expect(log(await store.loadDocument('d.1'))).toEqual([[1, 2, 3, 4, 5], [6]]);
        // Before the first checkpoint: from the start.
        const early = await store.readHistory('d.1', ids[1]!, ids[1]!);
        expect({ base: early.base, baseId: early.baseId, ids: early.updates.map((u) => u.id) }).toEqual({ base: null, baseId: 0, ids: [ids[0], ids[1]] });
        expect(early.updates[0]).toEqual({ id: ids[0], author: 'ola', kind: 'edit', data: bytes(1) });
        // After it: from the checkpoint.
        const middle = await store.readHistory('d.1', ids[4]!, ids[4]!);
        expect([Array.from(middle.base!), middle.baseId, middle.updates.map((u) => Array.from(u.data))]).toEqual([[1, 2, 3], ids[2], [[4], [5]]]);
        // From the current state, when it is the latest before.
        const late = await store.readHistory('d.1', ids[5]! + 1, ids[5]!);
        expect([Array.from(late.base!), late.baseId, late.updates.map((u) => Array.from(u.data))]).toEqual([[1, 2, 3, 4, 5], ids[4], [[6]]]);
      });

      it('groups one author’s edits into a version within its span and size, others’ edits in between notwithstanding', async () => {
        const first = await store.appendUpdate('d.1', bytes(1), edit('ola', at(0)));
        await store.appendUpdate('d.1', bytes(2), edit('kari', at(1)));
        const third = await store.appendUpdate('d.1', bytes(3), edit('ola', at(2)));
        expect(third.version).toBe(first.version);
        expect(third.closed).toEqual([]);
        // Past the span from the version's first edit: a new version, and the old one is closed.
        const late = await store.appendUpdate('d.1', bytes(4), edit('ola', at(0, VERSION_SPAN_MS)));
        expect(late.version).not.toBe(first.version);
        expect(late.closed).toEqual([first.version]);
        const versions = await store.listVersions('d.1');
        expect(versions.map((v) => [v.kind, v.author, v.firstId, v.lastId, v.updates, v.startedAt, v.endedAt])).toEqual([
          ['narrative', 'ola', first.id, third.id, 2, at(0), at(2)],
          ['narrative', 'kari', first.id + 1, first.id + 1, 1, at(1), at(1)],
          ['narrative', 'ola', late.id, late.id, 1, at(0, VERSION_SPAN_MS), at(0, VERSION_SPAN_MS)],
        ]);
        expect(await store.getVersion('d.1', first.version)).toEqual(versions[0]);
        expect(await store.getVersion('d.2', first.version)).toBeNull();
        expect(versions[0]!.stats).toBeNull();
        await store.setVersionStats(first.version, 12, 3, third.id);
        expect((await store.getVersion('d.1', first.version))?.stats).toEqual({ wordsAdded: 12, wordsRemoved: 3, throughId: third.id });
      });

      it('closes a version at its size, and makes a restore and a first state versions of their own', async () => {
        let last = await store.appendUpdate('d.1', bytes(0), edit('ola', at(0)));
        const opened = last.version;
        for (let i = 1; i < VERSION_MAX_UPDATES; i++) last = await store.appendUpdate('d.1', bytes(1), edit('ola', at(0)));
        expect(last.version).toBe(opened);
        const over = await store.appendUpdate('d.1', bytes(2), edit('ola', at(0)));
        expect(over.closed).toEqual([opened]);
        const restore = await store.appendUpdate('d.1', bytes(3), { kind: 'restore', author: 'ola', at: at(1), clients: [7], restoredFrom: opened });
        expect(restore.closed).toEqual([over.version, restore.version]);
        const after = await store.appendUpdate('d.1', bytes(4), edit('ola', at(2)));
        expect(after.version).not.toBe(restore.version);
        const versions = await store.listVersions('d.1');
        expect(versions.find((v) => v.id === restore.version)).toMatchObject({ kind: 'restore', author: 'ola', restoredFrom: opened, updates: 1 });
        await store.seedRound(seed());
        expect((await store.listVersions('r1.1')).map((v) => [v.kind, v.author, v.carriedFrom])).toEqual([['imported', null, null]]);
        await store.createRound(nextRound());
        expect((await store.listVersions('r2.1')).map((v) => [v.kind, v.author, v.carriedFrom, v.startedAt])).toEqual([['carriedOver', 'koordinator', 'r1.1', LATER]]);
      });

      it('claims a client id for the first author whose update brings it; carried claims stay marked', async () => {
        await store.seedRound(seed());
        expect(await store.documentClients('r1.1')).toEqual([{ clientId: 11, author: null, carriedOver: false }]);
        await store.appendUpdate('r1.1', bytes(1), edit('ola', AT, [42, 43]));
        await store.appendUpdate('r1.1', bytes(2), edit('kari', AT, [43, 44]));
        expect(await store.documentClients('r1.1')).toEqual([
          { clientId: 11, author: null, carriedOver: false },
          { clientId: 42, author: 'ola', carriedOver: false },
          { clientId: 43, author: 'ola', carriedOver: false },
          { clientId: 44, author: 'kari', carriedOver: false },
        ]);
        await store.createRound(nextRound());
        expect(await store.documentClients('r2.1')).toEqual([
          { clientId: 11, author: null, carriedOver: true },
          { clientId: 42, author: 'ola', carriedOver: true },
        ]);
        expect(await store.documentClients('nope.1')).toEqual([]);
      });

      it('stores an update and its history together or neither', async () => {
        await expect(
          store.transaction(async (tx) => {
            await tx.appendUpdate('d.1', bytes(1), edit('ola', AT, [5]));
            throw new Error('rolled back');
          }),
        ).rejects.toThrow('rolled back');
        expect(log(await store.loadDocument('d.1'))).toEqual([]);
        expect(await store.listVersions('d.1')).toEqual([]);
        expect(await store.documentClients('d.1')).toEqual([]);
        // An origin the store cannot keep (no time) stores no update either.
        await expect(store.appendUpdate('d.1', bytes(1), edit('ola', 'not a time'))).rejects.toThrow();
        expect(log(await store.loadDocument('d.1'))).toEqual([]);
        // Nothing rolled back is taken as stored: the document and the claim are stored next time.
        await store.appendUpdate('d.1', bytes(2), edit('ola', AT, [5]));
        expect(log(await store.loadDocument('d.1'))).toEqual([[2]]);
        expect(await store.documentClients('d.1')).toEqual([{ clientId: 5, author: 'ola', carriedOver: false }]);
      });

      it('lists the newest audit rows of given kinds about one measure, oldest first', async () => {
        const row = (kind: 'status.change' | 'ready.change' | 'plan.change', measure: number) =>
          store.appendAudit({ at: AT, actor: { kind: 'user', username: 'jd', name: 'JD' }, kind, target: { roundId: 'r1', measure, id: null }, before: null, after: { n: 1 } });
        const a = await row('status.change', 1);
        await row('plan.change', 1);
        const c = await row('ready.change', 1);
        await row('status.change', 2);
        const d = await row('status.change', 1);
        expect((await store.measureAudit('r1', 1, ['status.change', 'ready.change'], 10)).map((e) => [e.id, e.kind])).toEqual([
          [a, 'status.change'],
          [c, 'ready.change'],
          [d, 'status.change'],
        ]);
        expect((await store.measureAudit('r1', 1, ['status.change', 'ready.change'], 2)).map((e) => e.id)).toEqual([c, d]);
      });
    });

    describe('rounds', () => {
      it('is empty until a round is seeded; seeding stores plan, round, measures and narratives', async () => {
        expect(await store.isEmpty()).toBe(true);
        expect(await store.latestRound()).toBeNull();
        await store.seedRound(seed());
        expect(await store.isEmpty()).toBe(false);
        expect(await store.listRounds()).toEqual([
          { id: 'r1', title: 'Runde 1', deadline: DEADLINE, state: 'open', frozenAt: null, previousRoundId: null },
        ]);
        expect(await store.getRound('r1')).toEqual({
          id: 'r1',
          title: 'Runde 1',
          deadline: DEADLINE,
          state: 'open',
          frozenAt: null,
          previousRoundId: null,
          planTitle: 'Handlingsplanen',
          intro: 'Innledning',
          measureCount: 2,
          importWarnings: seed().warnings,
        });
        expect(await store.latestRound()).toEqual(await store.getRound('r1'));
        expect(await store.planOf('r1')).toEqual({ id: 'plan', title: 'Handlingsplanen', reportTitle: 'Statusrapport' });
        expect(await store.listMeasures('r1')).toEqual([
          {
            roundId: 'r1',
            number: 1,
            title: 'Tiltak en',
            ministries: ['JD', 'UD'],
            planText: 'Planteksten til tiltak en.',
            status: 'Løpende',
            narrativeEmpty: false,
            openThreads: 0,
            ready: [],
            carriedOver: false,
            updatedAt: AT,
          },
          {
            roundId: 'r1',
            number: 2,
            title: 'Tiltak to',
            ministries: ['BLD'],
            planText: 'Planteksten til tiltak to.',
            status: 'Ikke igangsatt',
            narrativeEmpty: true,
            openThreads: 0,
            ready: [],
            carriedOver: false,
            updatedAt: AT,
          },
        ]);
        expect(await store.getMeasure('r1', 2)).toEqual((await store.listMeasures('r1'))[1]);
        expect(log(await store.loadDocument('r1.1'))).toEqual([[1, 1]]);
        expect(log(await store.loadDocument('r1.2'))).toEqual([[2, 2]]);
      });

      it('answers null or nothing for what does not exist', async () => {
        await store.seedRound(seed());
        expect(await store.getRound('nope')).toBeNull();
        expect(await store.planOf('nope')).toBeNull();
        expect(await store.getMeasure('r1', 99)).toBeNull();
        expect(await store.getMeasure('nope', 1)).toBeNull();
        expect(await store.listMeasures('nope')).toEqual([]);
        expect(await store.updateMeasureFields('r1', 99, { status: 'Gjennomført' }, LATER)).toBeNull();
        expect(await store.updateRound('nope', { title: 'x' })).toBeNull();
        expect(await store.listSnapshots('nope')).toEqual([]);
        expect(await store.getSnapshot('nope')).toBeNull();
      });

      it('seeds all or nothing', async () => {
        const broken = seed();
        broken.measures.push({ ...broken.measures[0]!, docName: 'r1.1b' });
        await expect(store.seedRound(broken)).rejects.toThrow();
        expect(await store.isEmpty()).toBe(true);
        expect(await store.planOf('r1')).toBeNull();
        expect(log(await store.loadDocument('r1.1'))).toEqual([]);
      });

      it('updates fields and records whether a narrative is empty', async () => {
        await store.seedRound(seed());
        const updated = await store.updateMeasureFields('r1', 1, { status: 'Gjennomført' }, LATER);
        expect(updated).toMatchObject({ number: 1, status: 'Gjennomført', updatedAt: LATER, carriedOver: false });
        expect(await store.getMeasure('r1', 1)).toEqual(updated);
        expect(await store.setNarrativeEmpty('r1', 1, true)).toBe(true);
        expect(await store.setNarrativeEmpty('r1', 1, true)).toBe(false);
        expect((await store.getMeasure('r1', 1))?.narrativeEmpty).toBe(true);
        expect(await store.setNarrativeEmpty('r1', 99, true)).toBe(false);
      });

      it('changes a measure’s title and plan text in its round only, each only when given', async () => {
        await store.seedRound(seed());
        await store.createRound(nextRound());
        const retitled = await store.updateMeasureFields('r2', 2, { title: 'Tiltak to, ny tittel' }, LATER);
        expect(retitled).toMatchObject({ title: 'Tiltak to, ny tittel', planText: 'Planteksten til tiltak to.', status: 'Ikke igangsatt', carriedOver: false });
        const replanned = await store.updateMeasureFields('r2', 2, { planText: '' }, LATER);
        expect(replanned).toMatchObject({ title: 'Tiltak to, ny tittel', planText: '', status: 'Ikke igangsatt' });
        const all = await store.updateMeasureFields('r2', 2, { status: 'Løpende', title: 'T', planText: 'P' }, LATER);
        expect(all).toMatchObject({ title: 'T', planText: 'P', status: 'Løpende' });
        expect(await store.getMeasure('r2', 2)).toEqual(all);
        expect(await store.getMeasure('r1', 2)).toMatchObject({ title: 'Tiltak to', planText: 'Planteksten til tiltak to.', status: 'Ikke igangsatt' });
      });

      it('changes title, deadline and intro, each only when given', async () => {
        await store.seedRound(seed());
        const moved = await store.updateRound('r1', { deadline: '2030-03-01T12:00:00+01:00' });
        expect(moved).toMatchObject({ title: 'Runde 1', intro: 'Innledning', deadline: '2030-03-01T12:00:00+01:00' });
        expect(await store.updateRound('r1', { title: 'Ny tittel', intro: '' })).toMatchObject({ title: 'Ny tittel', intro: '' });
        expect(await store.getRound('r1')).toMatchObject({ title: 'Ny tittel', intro: '', deadline: '2030-03-01T12:00:00+01:00' });
      });

      it('marks ministries ready in the measure’s own order, once each, and takes it back', async () => {
        await store.seedRound(seed());
        await store.setReady('r1', 1, 'UD', true, 'ud', AT);
        await store.setReady('r1', 1, 'JD', true, 'jd', AT);
        await store.setReady('r1', 1, 'JD', true, 'jd', LATER);
        expect((await store.getMeasure('r1', 1))?.ready).toEqual(['JD', 'UD']);
        await store.setReady('r1', 1, 'UD', false, 'ud', LATER);
        expect((await store.getMeasure('r1', 1))?.ready).toEqual(['JD']);
        expect((await store.listMeasures('r1'))[1]?.ready).toEqual([]);
      });

      it('creates a round from the previous one, carried over until updated, and lists it first', async () => {
        await store.seedRound(seed());
        await store.createRound(nextRound());
        expect(await store.latestRound()).toMatchObject({ id: 'r2', previousRoundId: 'r1', state: 'open', intro: 'Neste', measureCount: 2 });
        expect((await store.listRounds()).map((r) => r.id)).toEqual(['r2', 'r1']);
        expect(await store.planOf('r2')).toEqual(await store.planOf('r1'));
        const measures = await store.listMeasures('r2');
        expect(measures.map((m) => [m.number, m.title, m.planText, m.status, m.narrativeEmpty, m.carriedOver, m.updatedAt])).toEqual([
          [1, 'Tiltak en, rettet', 'Planteksten, rettet.', 'Gjennomført', false, true, LATER],
          [2, 'Tiltak to', 'Planteksten til tiltak to.', 'Ikke igangsatt', true, true, LATER],
        ]);
        // The new round's title and plan text are its own: the previous round keeps its wording.
        expect((await store.getMeasure('r1', 1))).toMatchObject({ title: 'Tiltak en', planText: 'Planteksten til tiltak en.' });
        expect(log(await store.loadDocument('r2.1'))).toEqual([[5, 1]]);
        expect(await store.markUpdated('r2', 1)).toBe(true);
        expect(await store.markUpdated('r2', 1)).toBe(false);
        expect(await store.updateMeasureFields('r2', 2, { status: 'Løpende' }, LATER)).toMatchObject({ carriedOver: false });
        expect((await store.listMeasures('r2')).map((m) => m.carriedOver)).toEqual([false, false]);
        expect(await store.markUpdated('r1', 1)).toBe(false);
      });

      it('creates a round all or nothing', async () => {
        await store.seedRound(seed());
        await expect(store.createRound({ ...nextRound(), previousRoundId: 'nope' })).rejects.toThrow();
        const duplicate = nextRound();
        duplicate.measures.push({ ...duplicate.measures[1]!, docName: 'r2.2b' });
        await expect(store.createRound(duplicate)).rejects.toThrow();
        await expect(store.createRound({ ...nextRound(), id: 'r1' })).rejects.toThrow();
        expect(await store.getRound('r2')).toBeNull();
        expect(await store.listMeasures('r2')).toEqual([]);
        expect(log(await store.loadDocument('r2.1'))).toEqual([]);
        expect(log(await store.loadDocument('r2.2'))).toEqual([]);
        expect(await store.getRound('r1')).toMatchObject({ title: 'Runde 1', measureCount: 2 });
      });

      it('finds rounds whose deadline passed, as instants; a freeze handles the deadline until it moves', async () => {
        await store.seedRound(seed());
        // 12:00 at +01:00 is 11:00Z: due at 11:00Z, not at 10:59Z (as strings it would be the other way).
        expect(await store.dueRounds('2030-02-15T10:59:59.000Z')).toEqual([]);
        expect((await store.dueRounds('2030-02-15T11:00:00.000Z')).map((r) => r.id)).toEqual(['r1']);
        await store.insertSnapshot(snapshot('s1', 'deadline', null), DEADLINE);
        expect(await store.getRound('r1')).toMatchObject({ state: 'frozen', frozenAt: TAKEN });
        expect(await store.dueRounds('2031-01-01T00:00:00.000Z')).toEqual([]);
        await store.reopenRound('r1');
        expect(await store.getRound('r1')).toMatchObject({ state: 'open', frozenAt: TAKEN });
        expect(await store.dueRounds('2031-01-01T00:00:00.000Z')).toEqual([]);
        await store.updateRound('r1', { deadline: '2030-06-01T12:00:00+02:00' });
        expect((await store.dueRounds('2031-01-01T00:00:00.000Z')).map((r) => r.id)).toEqual(['r1']);
      });

      it('stores snapshots exactly, oldest first, and never replaces one', async () => {
        await store.seedRound(seed());
        const manual = snapshot('s2', 'manual', { username: 'koordinator', name: 'Koordinator' });
        const early = { ...snapshot('s1', 'manual', null), takenAt: '2030-01-01T00:00:00.000Z', note: null };
        await store.insertSnapshot(manual, null);
        await store.insertSnapshot(early, null);
        expect(await store.getRound('r1')).toMatchObject({ state: 'open', frozenAt: null });
        expect(await store.getSnapshot('s2')).toEqual(manual);
        const { contentJson: _content, ...summary } = early;
        expect((await store.listSnapshots('r1')).map((s) => s.id)).toEqual(['s1', 's2']);
        expect((await store.listSnapshots('r1'))[0]).toEqual(summary);
        await expect(store.insertSnapshot({ ...manual, contentJson: '{"other":true}' }, null)).rejects.toThrow();
        expect(await store.getSnapshot('s2')).toEqual(manual);
      });
    });

    describe('accounts', () => {
      it('creates accounts all or none, and reads them back', async () => {
        expect(await store.countUsers()).toBe(0);
        await store.createUsers([user('jd', { ministry: 'JD', demo: true }), user('admin', { role: 'coordinator' })], AT);
        expect(await store.countUsers()).toBe(2);
        expect(await store.getUser('jd')).toEqual({
          username: 'jd',
          name: 'Navn jd',
          ministry: 'JD',
          role: 'editor',
          passwordHash: 'hash-jd',
          disabled: false,
          demo: true,
          email: null,
          createdAt: AT,
          updatedAt: AT,
        });
        expect((await store.listUsers()).map((u) => u.username)).toEqual(['admin', 'jd']);
        await expect(store.createUsers([user('ny'), user('jd')], AT)).rejects.toThrow();
        expect(await store.getUser('ny')).toBeNull();
        expect(await store.countUsers()).toBe(2);
      });

      it('keeps sessions until they expire, are deleted, or their user is disabled or gets a new password', async () => {
        await store.createUsers([user('jd', { demo: true }), user('ud')], AT);
        await store.createSession(session('s-jd', 'jd'));
        await store.createSession(session('s-ud', 'ud'));
        const found = await store.getSession('s-jd', AT);
        expect(found?.session).toEqual(session('s-jd', 'jd'));
        expect(found?.user).toEqual(await store.getUser('jd'));
        expect(await store.getSession('s-jd', EXPIRES)).toBeNull();
        expect(await store.getSession('nope', AT)).toBeNull();

        expect(await store.setDisabled('ud', true, LATER)).toBe(true);
        expect(await store.getSession('s-ud', AT)).toBeNull();
        expect(await store.getUser('ud')).toMatchObject({ disabled: true, updatedAt: LATER });
        expect(await store.setDisabled('ud', false, LATER)).toBe(true);
        expect(await store.getSession('s-ud', AT)).toBeNull();
        await store.createSession(session('s-ud2', 'ud'));
        expect(await store.getSession('s-ud2', AT)).not.toBeNull();

        expect(await store.setPassword('jd', 'new-hash', LATER)).toBe(true);
        expect(await store.getUser('jd')).toMatchObject({ passwordHash: 'new-hash', demo: false, updatedAt: LATER });
        expect(await store.getSession('s-jd', AT)).toBeNull();
        expect(await store.setPassword('nope', 'x', LATER)).toBe(false);
        expect(await store.setDisabled('nope', true, LATER)).toBe(false);

        await store.deleteSession('s-ud2');
        expect(await store.getSession('s-ud2', AT)).toBeNull();
      });

      it('changes roles, and removes expired sessions saying how many', async () => {
        await store.createUsers([user('jd', { ministry: 'JD' })], AT);
        expect(await store.setRole('jd', 'reader', null, LATER)).toBe(true);
        expect(await store.getUser('jd')).toMatchObject({ role: 'reader', ministry: null, updatedAt: LATER });
        expect(await store.setRole('nope', 'reader', null, LATER)).toBe(false);
        await store.createSession(session('a', 'jd'));
        await store.createSession({ ...session('b', 'jd'), expiresAt: LATER });
        expect(await store.deleteExpiredSessions(LATER)).toBe(1);
        expect(await store.getSession('a', AT)).not.toBeNull();
        expect(await store.deleteExpiredSessions(LATER)).toBe(0);
      });
    });

    describe('sign-ins in progress', () => {
      const MINE = 'a'.repeat(64);
      const THEIRS = 'b'.repeat(64);

      it('is finished once, and only by the browser that started it: another browser’s binding leaves it be', async () => {
        expect(await store.startSignIn(pendingSignIn('s1', MINE), AT, 10)).toBe(1);
        expect(await store.takeSignIn('s1', THEIRS, AT), 'another browser').toBeNull();
        expect(await store.takeSignIn('s1', MINE, AT), 'still there for the browser that started it').toEqual(pendingSignIn('s1', MINE));
        expect(await store.takeSignIn('s1', MINE, AT), 'only once').toBeNull();
        expect(await store.takeSignIn('unknown', MINE, AT)).toBeNull();
      });

      it('removes an expired one rather than finish it, whichever browser asks', async () => {
        await store.startSignIn(pendingSignIn('late', MINE, at(10)), AT, 10);
        await store.startSignIn(pendingSignIn('other', MINE, at(10)), AT, 10);
        expect(await store.takeSignIn('late', MINE, at(10)), 'expired at its expiry').toBeNull();
        expect(await store.takeSignIn('late', MINE, AT), 'and gone').toBeNull();
        expect(await store.takeSignIn('other', THEIRS, at(11))).toBeNull();
        expect(await store.takeSignIn('other', MINE, AT), 'gone too').toBeNull();
      });

      it('sweeps the expired ones when another starts, and keeps at most `max`, dropping the oldest', async () => {
        await store.startSignIn(pendingSignIn('soon', MINE, at(5)), AT, 10);
        await store.startSignIn(pendingSignIn('later', MINE, at(20)), AT, 10);
        expect(await store.startSignIn(pendingSignIn('new', MINE, at(30)), at(6), 10), 'the expired one swept').toBe(2);
        expect(await store.takeSignIn('soon', MINE, AT), 'swept').toBeNull();
        expect(await store.takeSignIn('later', MINE, at(6))).toEqual(pendingSignIn('later', MINE, at(20)));
        expect(await store.takeSignIn('new', MINE, at(6))).not.toBeNull();

        const counts: number[] = [];
        for (let i = 0; i < 5; i++) counts.push(await store.startSignIn(pendingSignIn(`s${i}`, MINE, at(10, i)), AT, 3));
        expect(counts).toEqual([1, 2, 3, 3, 3]);
        expect(await store.takeSignIn('s0', MINE, AT), 'dropped').toBeNull();
        expect(await store.takeSignIn('s1', MINE, AT), 'dropped').toBeNull();
        for (const state of ['s2', 's3', 's4']) expect(await store.takeSignIn(state, MINE, AT), state).not.toBeNull();
      });

      it('gives a sign-in asked for twice at once to one of the two only', async () => {
        await store.startSignIn(pendingSignIn('s1', MINE), AT, 10);
        const answers = await Promise.all([store.takeSignIn('s1', MINE, AT), store.takeSignIn('s1', MINE, AT)]);
        expect(answers.filter((answer) => answer !== null)).toEqual([pendingSignIn('s1', MINE)]);
      });

      it('starts and finishes inside a transaction, and a rolled-back finish leaves it in progress', async () => {
        await store.transaction(async (tx) => tx.startSignIn(pendingSignIn('s1', MINE), AT, 10));
        await expect(
          store.transaction(async (tx) => {
            expect(await tx.takeSignIn('s1', MINE, AT)).not.toBeNull();
            throw new Error('rolled back');
          }),
        ).rejects.toThrow('rolled back');
        expect(await store.transaction(async (tx) => tx.takeSignIn('s1', MINE, AT))).toEqual(pendingSignIn('s1', MINE));
      });
    });

    describe('e-mail addresses', () => {
      it('creates accounts with or without one, sets and removes it', async () => {
        await store.createUsers([user('jd', { ministry: 'JD' }), user('ola', { email: 'ola@jd.dep.no' })], AT);
        expect(await store.getUser('jd')).toMatchObject({ email: null });
        expect(await store.getUser('ola')).toMatchObject({ email: 'ola@jd.dep.no' });
        expect(await store.setEmail('jd', 'post@jd.dep.no', LATER)).toBe(true);
        expect(await store.getUser('jd')).toMatchObject({ email: 'post@jd.dep.no', updatedAt: LATER });
        expect(await store.setEmail('ola', null, LATER)).toBe(true);
        expect((await store.listUsers()).map((u) => [u.username, u.email])).toEqual([
          ['jd', 'post@jd.dep.no'],
          ['ola', null],
        ]);
        expect(await store.setEmail('nope', 'x@y.no', LATER)).toBe(false);
      });
    });

    describe('notifications', () => {
      beforeEach(async () => {
        await store.seedRound(seed());
        await store.createUsers([user('jd', { ministry: 'JD' }), user('ud', { ministry: 'UD' })], AT);
      });

      it('lists an account’s notifications newest first (then last stored first), with the unread count', async () => {
        await store.addNotifications([notification('n1', 'jd', AT), notification('n2', 'ud', AT), notification('n3', 'jd', AT)], 200);
        await store.addNotifications([notification('n4', 'jd', LATER)], 200);
        const listed = await store.listNotifications('jd');
        expect(listed.map((n) => n.id)).toEqual(['n4', 'n3', 'n1']);
        expect(listed[2]).toEqual({ ...notification('n1', 'jd', AT), readAt: null, mailAttempts: 0 });
        expect(await store.countUnread('jd')).toBe(3);
        expect(await store.countUnread('ud')).toBe(1);
        expect(await store.listNotifications('nobody')).toEqual([]);
      });

      it('keeps only the newest `keep` of each account it adds to', async () => {
        const times = ['2026-11-28T09:00:01.000Z', '2026-11-28T09:00:02.000Z', '2026-11-28T09:00:03.000Z'];
        await store.addNotifications([notification('u1', 'ud', AT)], 2);
        await store.addNotifications(times.map((t, i) => notification(`j${i}`, 'jd', t)), 2);
        expect((await store.listNotifications('jd')).map((n) => n.id)).toEqual(['j2', 'j1']);
        await store.addNotifications([notification('j3', 'jd', LATER)], 2);
        expect((await store.listNotifications('jd')).map((n) => n.id)).toEqual(['j3', 'j2']);
        expect((await store.listNotifications('ud')).map((n) => n.id)).toEqual(['u1']);
      });

      it('marks read some of an account’s own or all of them, answering those that were unread', async () => {
        await store.addNotifications([notification('n1', 'jd', AT), notification('n2', 'jd', AT), notification('n3', 'ud', AT)], 200);
        expect(await store.markRead('jd', ['n1', 'n3', 'nope'], LATER)).toEqual(['n1']);
        expect(await store.markRead('jd', ['n1'], LATER)).toEqual([]);
        expect((await store.listNotifications('ud'))[0]?.readAt).toBeNull();
        expect(await store.countUnread('jd')).toBe(1);
        expect((await store.listNotifications('jd')).map((n) => [n.id, n.readAt])).toEqual([
          ['n2', null],
          ['n1', LATER],
        ]);
        expect(await store.markRead('jd', null, EXPIRES)).toEqual(['n2']);
        expect(await store.countUnread('jd')).toBe(0);
        expect((await store.listNotifications('jd')).find((n) => n.id === 'n1')?.readAt).toBe(LATER);
      });

      it('keeps each account’s choice of e-mail', async () => {
        expect(await store.getEmailDelivery('jd')).toBeNull();
        await store.setEmailDelivery('jd', 'daily', AT);
        await store.setEmailDelivery('jd', 'off', LATER);
        await store.setEmailDelivery('ud', 'immediate', LATER);
        expect(await store.getEmailDelivery('jd')).toBe('off');
        expect(await store.getEmailDelivery('ud')).toBe('immediate');
      });

      it('lists what is still to be e-mailed, oldest first, and records what became of it', async () => {
        await store.addNotifications(
          [notification('n1', 'jd', LATER), notification('n2', 'ud', AT), { ...notification('n3', 'jd', AT), mail: 'skipped' }],
          200,
        );
        expect((await store.pendingMail()).map((n) => n.id)).toEqual(['n2', 'n1']);
        expect((await store.pendingMail(['n1', 'n3', 'nope'])).map((n) => n.id)).toEqual(['n1']);
        await store.recordMail(['n1', 'n2'], 'attemptFailed', 2);
        expect((await store.pendingMail()).map((n) => [n.id, n.mailAttempts])).toEqual([
          ['n2', 1],
          ['n1', 1],
        ]);
        await store.recordMail(['n1'], 'attemptFailed', 2);
        await store.recordMail(['n2'], 'sent', 2);
        expect(await store.pendingMail()).toEqual([]);
        expect((await store.listNotifications('jd')).map((n) => [n.id, n.mail, n.mailAttempts])).toEqual([
          ['n1', 'failed', 2],
          ['n3', 'skipped', 0],
        ]);
        // Only pending ones change.
        await store.recordMail(['n1', 'n2', 'n3'], 'skipped', 2);
        expect((await store.listNotifications('ud'))[0]).toMatchObject({ mail: 'sent', mailAttempts: 1 });
        expect((await store.listNotifications('jd')).map((n) => n.mail)).toEqual(['failed', 'skipped']);
      });

      it('records each deadline reminder and each day’s digest once', async () => {
        expect(await store.hasDeadlineReminder('r1', DEADLINE, 48)).toBe(false);
        expect(await store.recordDeadlineReminder('r1', DEADLINE, 48, AT)).toBe(true);
        expect(await store.recordDeadlineReminder('r1', DEADLINE, 48, LATER)).toBe(false);
        expect(await store.hasDeadlineReminder('r1', DEADLINE, 48)).toBe(true);
        expect(await store.hasDeadlineReminder('r1', DEADLINE, 24)).toBe(false);
        expect(await store.hasDeadlineReminder('r1', '2030-02-16T12:00:00+01:00', 48)).toBe(false);
        expect(await store.digestRan('2026-11-28')).toBe(false);
        expect(await store.recordDigest('2026-11-28', AT)).toBe(true);
        expect(await store.recordDigest('2026-11-28', LATER)).toBe(false);
        expect(await store.digestRan('2026-11-28')).toBe(true);
        expect(await store.digestRan('2026-11-29')).toBe(false);
      });

      it('adds all or none, and rolls back with its transaction', async () => {
        await expect(store.addNotifications([notification('n1', 'jd', AT), notification('n2', 'nobody', AT)], 200)).rejects.toThrow();
        expect(await store.listNotifications('jd')).toEqual([]);
        await expect(
          store.transaction(async (tx) => {
            await tx.addNotifications([notification('n3', 'jd', AT)], 200);
            await tx.markRead('jd', null, LATER);
            expect(await tx.countUnread('jd')).toBe(0);
            throw new Error('rolled back');
          }),
        ).rejects.toThrow('rolled back');
        expect(await store.listNotifications('jd')).toEqual([]);
      });
    });

    describe('audit log', () => {
      const entry = (at: string, kind: NewAuditEntry['kind'], actor: NewAuditEntry['actor'], roundId: string | null = null): NewAuditEntry => ({
        at,
        actor,
        kind,
        target: { roundId, measure: roundId ? 3 : null, id: null },
        before: { status: 'Løpende' },
        after: { status: 'Gjennomført', list: [1, 2] },
      });
      const jd = { kind: 'user', username: 'jd', name: 'JD' } as const;

      it('appends rows and reads them back newest first, whole, with their ids', async () => {
        const first = await store.appendAudit(entry('2026-01-01T10:00:00.000Z', 'status.change', jd, 'r1'));
        const second = await store.appendAudit(entry('2026-01-02T10:00:00.000Z', 'round.freeze', { kind: 'system' }, 'r1'));
        expect(second).toBeGreaterThan(first);
        const { entries, next } = await store.queryAudit({ limit: 10 });
        expect(next).toBeNull();
        expect(entries).toEqual([
          { id: second, ...entry('2026-01-02T10:00:00.000Z', 'round.freeze', { kind: 'system' }, 'r1') },
          { id: first, ...entry('2026-01-01T10:00:00.000Z', 'status.change', jd, 'r1') },
        ]);
      });

      it('filters by round, measure, actor (a username, cli or system), kind and time, and pages without gaps', async () => {
        await store.appendAudit(entry('2026-01-01T10:00:00.000Z', 'status.change', jd, 'r1'));
        await store.appendAudit(entry('2026-01-02T10:00:00.000Z', 'account.add', { kind: 'cli' }));
        await store.appendAudit(entry('2026-01-03T10:00:00.000Z', 'status.change', jd, 'r2'));
        await store.appendAudit(entry('2026-01-04T10:00:00.000Z', 'round.freeze', { kind: 'system' }, 'r1'));
        const kinds = async (query: Partial<Parameters<Store['queryAudit']>[0]>) => (await store.queryAudit({ limit: 10, ...query })).entries.map((e) => e.kind);
        expect(await kinds({ round: 'r1' })).toEqual(['round.freeze', 'status.change']);
        expect(await kinds({ measure: 3, actor: 'jd' })).toEqual(['status.change', 'status.change']);
        expect(await kinds({ actor: 'cli' })).toEqual(['account.add']);
        expect(await kinds({ actor: 'system' })).toEqual(['round.freeze']);
        expect(await kinds({ kind: 'status.change', round: 'r2' })).toEqual(['status.change']);
        expect(await kinds({ from: '2026-01-02T11:00:00+01:00', to: '2026-01-04T00:00:00Z' })).toEqual(['status.change', 'account.add']);
        const first = await store.queryAudit({ limit: 3 });
        expect(first.entries).toHaveLength(3);
        const rest = await store.queryAudit({ limit: 3, cursor: first.next ?? undefined });
        expect(rest).toMatchObject({ next: null });
        expect([...first.entries, ...rest.entries].map((e) => e.at)).toEqual([
          '2026-01-04T10:00:00.000Z',
          '2026-01-03T10:00:00.000Z',
          '2026-01-02T10:00:00.000Z',
          '2026-01-01T10:00:00.000Z',
        ]);
      });

      it('lets rows leave only by the retention, and a row written in a rolled-back transaction never was', async () => {
        await store.appendAudit(entry('2026-01-01T10:00:00.000Z', 'status.change', jd));
        await store.appendAudit(entry('2026-02-01T10:00:00.000Z', 'status.change', jd));
        await expect(
          store.transaction(async (tx) => {
            await tx.appendAudit(entry('2026-02-02T10:00:00.000Z', 'status.change', jd));
            throw new Error('the change failed');
          }),
        ).rejects.toThrow('the change failed');
        expect(await store.pruneAudit('2026-01-15T00:00:00.000Z')).toBe(1);
        expect((await store.queryAudit({ limit: 10 })).entries.map((e) => e.at)).toEqual(['2026-02-01T10:00:00.000Z']);
      });
    });

    describe('threads', () => {
      beforeEach(async () => {
        await store.seedRound(seed());
      });

      it('creates a thread with its first comment, lists threads oldest first, and counts the open ones', async () => {
        await store.createThread(thread('t1', 1, AT, { start: 'AAE=', end: 'AAI=' }, 'sitat'), comment('c1', 't1', AT));
        await store.createThread(thread('t2', 2, LATER), comment('c2', 't2', LATER));
        await store.addComment(comment('c3', 't1', LATER));
        const t1: ThreadRecord = {
          ...thread('t1', 1, AT, { start: 'AAE=', end: 'AAI=' }, 'sitat'),
          resolved: false,
          resolvedBy: null,
          resolvedAt: null,
          comments: [comment('c1', 't1', AT), comment('c3', 't1', LATER)],
        };
        expect(await store.getThread('t1')).toEqual(t1);
        expect((await store.listThreads('r1')).map((t) => [t.id, t.comments.map((c) => c.id)])).toEqual([
          ['t1', ['c1', 'c3']],
          ['t2', ['c2']],
        ]);
        expect(await store.listThreads('r1', 1)).toEqual([t1]);
        expect(await store.listThreads('r1', 3)).toEqual([]);
        expect((await store.getThread('t2'))?.anchor).toBeNull();
        expect((await store.getMeasure('r1', 1))?.openThreads).toBe(1);
        expect(await store.getThread('nope')).toBeNull();
        expect(await store.getComment('nope')).toBeNull();
      });

      it('counts a measure’s threads and the characters of all their comments', async () => {
        expect(await store.commentVolume('r1', 1)).toEqual({ threads: 0, chars: 0, roundChars: 0 });
        await store.createThread(thread('t1', 1, AT), { ...comment('c1', 't1', AT), body: 'Fem æ.' });
        await store.createThread(thread('t2', 1, LATER), { ...comment('c2', 't2', LATER), body: '🇳🇴 ja' });
        await store.addComment({ ...comment('c3', 't1', LATER), body: 'abc' });
        await store.createThread(thread('t3', 2, LATER), { ...comment('c4', 't3', LATER), body: 'Et annet tiltak.' });
        // Characters as code points: the flag is two.
        expect(await store.commentVolume('r1', 1)).toEqual({ threads: 2, chars: 6 + 5 + 3, roundChars: 6 + 5 + 3 + 16 });
        expect(await store.commentVolume('r1', 2)).toEqual({ threads: 1, chars: 16, roundChars: 6 + 5 + 3 + 16 });
        await store.editComment('c3', 'abcdef', LATER);
        await store.deleteComment('c2');
        expect(await store.commentVolume('r1', 1)).toEqual({ threads: 1, chars: 6 + 6, roundChars: 6 + 6 + 16 });
        expect(await store.transaction((tx) => tx.commentVolume('r1', 3))).toEqual({ threads: 0, chars: 0, roundChars: 6 + 6 + 16 });
      });

      it('creates a thread and its comment both or neither', async () => {
        await store.createThread(thread('t1', 1, AT), comment('c1', 't1', AT));
        await expect(store.createThread(thread('t2', 1, AT), comment('c1', 't2', AT))).rejects.toThrow();
        expect(await store.getThread('t2')).toBeNull();
        expect((await store.listThreads('r1')).map((t) => t.id)).toEqual(['t1']);
      });

      it('edits, resolves and reopens; deleting the last comment deletes its thread', async () => {
        await store.createThread(thread('t1', 1, AT), comment('c1', 't1', AT));
        await store.addComment(comment('c2', 't1', LATER));
        await store.editComment('c2', 'Rettet.', LATER);
        expect(await store.getComment('c2')).toMatchObject({ body: 'Rettet.', editedAt: LATER });
        const by: CommentAuthor = { username: 'koordinator', name: 'Koordinator', ministry: null };
        await store.setResolved('t1', true, by, LATER);
        expect(await store.getThread('t1')).toMatchObject({ resolved: true, resolvedBy: by, resolvedAt: LATER });
        expect((await store.getMeasure('r1', 1))?.openThreads).toBe(0);
        await store.setResolved('t1', false, null, null);
        expect(await store.getThread('t1')).toMatchObject({ resolved: false, resolvedBy: null, resolvedAt: null });
        expect(await store.deleteComment('c1')).toEqual({ threadDeleted: false });
        expect(await store.deleteComment('nope')).toEqual({ threadDeleted: false });
        expect(await store.deleteComment('c2')).toEqual({ threadDeleted: true });
        expect(await store.getThread('t1')).toBeNull();
        expect(await store.getComment('c2')).toBeNull();
      });
    });

    describe('transaction', () => {
      it('commits every call made through tx together when fn resolves, and answers what fn did', async () => {
        const answer = await store.transaction(async (tx) => {
          await tx.createUsers([user('ada')], AT);
          await tx.seedRound(seed());
          await tx.appendUpdate('r1.1', bytes(3), edit());
          // The transaction reads its own writes.
          expect(await tx.getUser('ada')).not.toBeNull();
          return (await tx.listMeasures('r1')).length;
        });
        expect(answer).toBe(2);
        expect(await store.getUser('ada')).not.toBeNull();
        expect(log(await store.loadDocument('r1.1'))).toEqual([[1, 1], [3]]);
      });

      it('keeps none of them when fn rejects, and rethrows the rejection; the store goes on', async () => {
        await store.seedRound(seed());
        const failure = new Error('changed my mind');
        const attempt = store.transaction(async (tx) => {
          await tx.createUsers([user('ada')], AT);
          await tx.updateMeasureFields('r1', 1, { status: 'Gjennomført' }, LATER);
          await tx.appendUpdate('r1.1', bytes(3), edit());
          await tx.createRound(nextRound());
          await tx.insertSnapshot(snapshot('s1', 'deadline', null), DEADLINE);
          throw failure;
        });
        await expect(attempt).rejects.toBe(failure);
        expect(await store.getUser('ada')).toBeNull();
        expect(await store.getMeasure('r1', 1)).toMatchObject({ status: 'Løpende', updatedAt: AT });
        expect(log(await store.loadDocument('r1.1'))).toEqual([[1, 1]]);
        expect(await store.getRound('r2')).toBeNull();
        expect(await store.getSnapshot('s1')).toBeNull();
        expect(await store.getRound('r1')).toMatchObject({ state: 'open' });
        await store.transaction((tx) => tx.createUsers([user('bob')], AT));
        expect(await store.countUsers()).toBe(1);
      });

      it('makes calls on the store wait until it has ended, reads included', async () => {
        const started = gate();
        const held = gate();
        const running = store.transaction(async (tx) => {
          await tx.createUsers([user('ada')], AT);
          started.open();
          await held.opened;
          await tx.createUsers([user('bob')], AT);
        });
        await started.opened;
        const answered: string[] = [];
        const read = store.countUsers().then((n) => answered.push(`read ${n}`));
        const write = store.createUsers([user('cyd')], AT).then(() => answered.push('written'));
        const session = store.getSession('nope', AT).then(() => answered.push('session'));
        await turns(5);
        expect(answered).toEqual([]);
        held.open();
        await Promise.all([running, read, write, session]);
        // In the order they were made, each after the transaction's last write.
        expect(answered).toEqual(['read 2', 'written', 'session']);
        expect(await store.countUsers()).toBe(3);
      });

      it('lets no write from outside land between its statements', async () => {
        const started = gate();
        const held = gate();
        const running = store.transaction(async (tx) => {
          const before = await tx.countUsers();
          started.open();
          await held.opened;
          return [before, await tx.countUsers()];
        });
        await started.opened;
        const outside = store.createUsers([user('eve')], AT);
        await turns(3);
        held.open();
        expect(await running).toEqual([0, 0]);
        await outside;
        expect(await store.countUsers()).toBe(1);
      });

      it('runs transactions one at a time, in the order they were asked for', async () => {
        const steps: string[] = [];
        const work = (name: string) => async (tx: Store) => {
          steps.push(`${name} begins`);
          await tx.countUsers();
          await turns(2);
          await tx.createUsers([user(name)], AT);
          steps.push(`${name} ends`);
        };
        await Promise.all([store.transaction(work('ada')), store.transaction(work('bob')), store.transaction(work('cyd'))]);
        expect(steps).toEqual(['ada begins', 'ada ends', 'bob begins', 'bob ends', 'cyd begins', 'cyd ends']);
      });

      it('a rejected transaction does not hold up the ones after it', async () => {
        const failing = store.transaction(async (tx) => {
          await tx.createUsers([user('ada')], AT);
          throw new Error('no');
        });
        const next = store.transaction(async (tx) => {
          await tx.createUsers([user('bob')], AT);
          return tx.countUsers();
        });
        await expect(failing).rejects.toThrow('no');
        expect(await next).toBe(1);
      });

      it('runs a transaction asked for on tx inline, in the same transaction', async () => {
        const failure = new Error('outer fails');
        await expect(
          store.transaction(async (tx) => {
            const inner = await tx.transaction(async (innerTx) => {
              await innerTx.createUsers([user('ada')], AT);
              return innerTx.countUsers();
            });
            expect(inner).toBe(1);
            expect(await tx.getUser('ada')).not.toBeNull();
            throw failure;
          }),
        ).rejects.toBe(failure);
        expect(await store.getUser('ada')).toBeNull();
        await store.transaction((tx) => tx.transaction((innerTx) => innerTx.createUsers([user('bob')], AT)));
        expect(await store.getUser('bob')).not.toBeNull();
      });

      it('keeps a method’s own all-or-nothing inside it: a failed createRound or createUsers leaves nothing', async () => {
        await store.seedRound(seed());
        await store.createThread(thread('t0', 1, AT), comment('c0', 't0', AT));
        const duplicate = nextRound();
        duplicate.measures.push({ ...duplicate.measures[1]!, docName: 'r2.2b' });
        await store.transaction(async (tx) => {
          await tx.createUsers([user('ada')], AT);
          await expect(tx.createRound(duplicate)).rejects.toThrow();
          await expect(tx.createUsers([user('bob'), user('ada')], AT)).rejects.toThrow();
          await expect(tx.createThread(thread('t1', 1, AT), { ...comment('c0', 't1', AT) })).rejects.toThrow();
        });
        expect(await store.getUser('ada')).not.toBeNull();
        expect(await store.getUser('bob')).toBeNull();
        expect(await store.getRound('r2')).toBeNull();
        expect(await store.listMeasures('r2')).toEqual([]);
        expect(log(await store.loadDocument('r2.1'))).toEqual([]);
        expect(await store.getThread('t1')).toBeNull();
      });

      it('undoes a whole compaction and a whole freeze when it rolls back', async () => {
        await store.seedRound(seed());
        const through = (await store.appendUpdate('r1.1', bytes(2), edit())).id;
        await expect(
          store.transaction(async (tx) => {
            await tx.compactDocument('r1.1', through, bytes(1, 2), false);
            await tx.insertSnapshot(snapshot('s1', 'deadline', null), DEADLINE);
            expect(log(await tx.loadDocument('r1.1'))).toEqual([[1, 2]]);
            throw new Error('rolled back');
          }),
        ).rejects.toThrow('rolled back');
        expect(log(await store.loadDocument('r1.1'))).toEqual([[1, 1], [2]]);
        expect(await store.getRound('r1')).toMatchObject({ state: 'open', frozenAt: null });
        expect(await store.listSnapshots('r1')).toEqual([]);
      });

      it('refuses calls through a tx once its transaction has ended', async () => {
        let leaked: Store | null = null;
        await store.transaction(async (tx) => {
          leaked = tx;
        });
        await expect(leaked!.createUsers([user('ada')], AT)).rejects.toThrow();
        await expect(leaked!.getUser('ada')).rejects.toThrow();
        expect(await store.getUser('ada')).toBeNull();
      });
    });
  });
}

const AT = '2026-11-28T09:00:00.000Z';
const LATER = '2026-11-28T10:00:00.000Z';
const EXPIRES = '2026-11-28T21:00:00.000Z';
const DEADLINE = '2030-02-15T12:00:00+01:00';
const TAKEN = '2030-02-15T11:00:01.000Z';

function bytes(...values: number[]): Uint8Array {
  return new Uint8Array(values);
}

/** A person's edit through a sync connection, bringing structs of `clients`. */
function edit(author: string | null = 'ola', time = AT, clients: number[] = []): UpdateOrigin {
  return { kind: 'edit', author, at: time, clients };
}

/** `minutes` after AT, plus `ms`. */
function at(minutes: number, ms = 0): string {
  return new Date(Date.parse(AT) + minutes * 60_000 + ms).toISOString();
}

/** A document's log as plain arrays, to compare. */
function log(document: StoredDocument): number[][] {
  return document.updates.map((update) => Array.from(update));
}

function seed(): RoundSeed {
  return {
    plan: { id: 'plan', title: 'Handlingsplanen', reportTitle: 'Statusrapport' },
    round: { id: 'r1', title: 'Runde 1', deadline: DEADLINE, intro: 'Innledning' },
    measures: [
      {
        number: 1,
        title: 'Tiltak en',
        ministries: ['JD', 'UD'],
        planText: 'Planteksten til tiltak en.',
        status: 'Løpende',
        narrativeEmpty: false,
        docName: 'r1.1',
        initialUpdate: bytes(1, 1),
        clients: [11],
      },
      {
        number: 2,
        title: 'Tiltak to',
        ministries: ['BLD'],
        planText: 'Planteksten til tiltak to.',
        status: 'Ikke igangsatt',
        narrativeEmpty: true,
        docName: 'r1.2',
        initialUpdate: bytes(2, 2),
        clients: [],
      },
    ],
    warnings: [{ code: 'status_mismatch', measure: 1, message: 'Tabellen og avsnittet er uenige.', values: { table: 'Løpende', section: 'Gjennomført' } }],
    createdAt: AT,
  };
}

function nextRound(): NewRoundRecord {
  return {
    id: 'r2',
    title: 'Runde 2',
    deadline: '2031-02-15T12:00:00+01:00',
    intro: 'Neste',
    previousRoundId: 'r1',
    createdAt: LATER,
    createdBy: 'koordinator',
    measures: [
      {
        number: 1,
        title: 'Tiltak en, rettet',
        planText: 'Planteksten, rettet.',
        status: 'Gjennomført',
        narrativeEmpty: false,
        docName: 'r2.1',
        initialUpdate: bytes(5, 1),
        carriedFrom: 'r1.1',
        claims: [
          { clientId: 11, author: null, carriedOver: true },
          { clientId: 42, author: 'ola', carriedOver: true },
        ],
      },
      {
        number: 2,
        title: 'Tiltak to',
        planText: 'Planteksten til tiltak to.',
        status: 'Ikke igangsatt',
        narrativeEmpty: true,
        docName: 'r2.2',
        initialUpdate: bytes(5, 2),
        carriedFrom: 'r1.2',
        claims: [],
      },
    ],
  };
}

function snapshot(id: string, reason: SnapshotRecord['reason'], takenBy: SnapshotRecord['takenBy']): SnapshotRecord {
  return { id, roundId: 'r1', takenAt: TAKEN, takenBy, reason, note: 'Før møtet', sha256: 'a'.repeat(64), contentJson: `{"round":"r1","id":"${id}"}` };
}

function user(username: string, overrides: Partial<NewUser> = {}): NewUser {
  return { username, name: `Navn ${username}`, ministry: null, role: 'editor', passwordHash: `hash-${username}`, demo: false, ...overrides };
}

function notification(id: string, username: string, createdAt: string): NewNotification {
  return {
    id,
    username,
    createdAt,
    mail: 'pending',
    payload: {
      kind: 'status',
      roundId: 'r1',
      roundTitle: 'Runde 1',
      measure: 1,
      measureTitle: 'Tiltak en',
      by: { username: 'koordinator', name: 'Koordinator', ministry: null },
      from: 'Løpende',
      to: 'Gjennomført',
    },
  };
}

function pendingSignIn(state: string, bindingHash: string, expiresAt = EXPIRES): PendingSignInRecord {
  return { state, bindingHash, nonce: `nonce-${state}`, codeVerifier: `verifier-${state}`, returnTo: `/runder/r1?fra=${state}`, expiresAt };
}

function session(id: string, username: string) {
  return { id, username, createdAt: AT, expiresAt: EXPIRES };
}

function thread(id: string, measure: number, createdAt: string, anchor: ThreadRecord['anchor'] = null, quote: string | null = null) {
  return { id, roundId: 'r1', measure, anchor, quote, createdAt };
}

function comment(id: string, threadId: string, createdAt: string): CommentRecord {
  return { id, threadId, author: { username: 'jd', name: 'Redaktør JD', ministry: 'JD' }, body: `Kommentar ${id}.`, createdAt, editedAt: null };
}

/** A promise the test opens when it chooses. */
function gate(): { opened: Promise<void>; open(): void } {
  let open: () => void = () => {};
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

/**
 * Lets the event loop go round `n` times: whatever was not waiting for something would have
 * run by then (the way storeBeforeRelay.test.ts proves absence, without a timer).
 */
async function turns(n: number): Promise<void> {
  for (let i = 0; i < n; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}
