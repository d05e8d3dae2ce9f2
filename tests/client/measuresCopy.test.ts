import { describe, expect, it } from 'vitest';
import { clearLocalData, measuresKey } from '../../client/src/localData.js';
import { KEPT_ROUNDS, keepMeasures, keptMeasures, type KeptStorage } from '../../client/src/measuresCopy.js';
import { measureSummary as summary } from '../helpers/measureSummary.js';

/** localStorage as a Map, with what it holds readable by key. */
function fakeStorage(): KeptStorage & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
}

const at = (minute: number): Date => new Date(Date.UTC(2026, 10, 29, 10, minute));

describe('the measures a round’s stream last delivered are kept per account, bounded', () => {
  it('keeps the latest measures of a round, with when they came, and nothing of a round never seen', () => {
    const storage = fakeStorage();
    keepMeasures('jd', 'r1', [summary(1)], { storage, at: at(0) });
    keepMeasures('jd', 'r1', [summary(1, { status: 'Gjennomført' }), summary(2)], { storage, at: at(5) });
    expect(keptMeasures('jd', 'r1', storage)).toEqual({
      measures: [summary(1, { status: 'Gjennomført' }), summary(2)],
      fetchedAt: at(5).toISOString(),
    });
    expect(keptMeasures('jd', 'r2', storage)).toBeNull();
  });

  it('one account never reads another’s copy', () => {
    const storage = fakeStorage();
    keepMeasures('jd', 'r1', [summary(1)], { storage, at: at(0) });
    expect(keptMeasures('bld', 'r1', storage)).toBeNull();
    expect([...storage.items.keys()]).toEqual([measuresKey('jd')]);
  });

  it(`keeps at most ${KEPT_ROUNDS} rounds, forgetting the one longest unseen`, () => {
    const storage = fakeStorage();
    const rounds = Array.from({ length: KEPT_ROUNDS + 1 }, (_, i) => `r${i}`);
    rounds.forEach((roundId, i) => keepMeasures('jd', roundId, [summary(i + 1)], { storage, at: at(i) }));
    expect(keptMeasures('jd', 'r0', storage)).toBeNull();
    for (const roundId of rounds.slice(1)) expect(keptMeasures('jd', roundId, storage)).not.toBeNull();
    // Seen again, a round is the newest: the next new round pushes out another.
    keepMeasures('jd', 'r1', [summary(9)], { storage, at: at(10) });
    keepMeasures('jd', 'new', [summary(1)], { storage, at: at(11) });
    expect(keptMeasures('jd', 'r1', storage)?.measures).toEqual([summary(9)]);
    expect(keptMeasures('jd', 'r2', storage)).toBeNull();
    expect(JSON.parse(storage.items.get(measuresKey('jd'))!)).toHaveLength(KEPT_ROUNDS);
  });

  it('what does not parse is no copy, and is replaced by the next one kept', () => {
    const storage = fakeStorage();
    storage.setItem(measuresKey('jd'), '{not json');
    expect(keptMeasures('jd', 'r1', storage)).toBeNull();
    storage.setItem(measuresKey('jd'), JSON.stringify([{ roundId: 'r1', fetchedAt: at(0).toISOString(), measures: [{ number: 'one' }] }]));
    expect(keptMeasures('jd', 'r1', storage)).toBeNull();
    keepMeasures('jd', 'r2', [summary(1)], { storage, at: at(1) });
    expect(JSON.parse(storage.items.get(measuresKey('jd'))!)).toHaveLength(1);
  });

  it('storage that refuses to write leaves the copy as it was; none at all keeps nothing', () => {
    const storage = fakeStorage();
    keepMeasures('jd', 'r1', [summary(1)], { storage, at: at(0) });
    const full: KeptStorage = {
      ...storage,
      setItem: () => {
        throw new DOMException('full', 'QuotaExceededError');
      },
    };
    expect(() => keepMeasures('jd', 'r1', [summary(2)], { storage: full, at: at(1) })).not.toThrow();
    expect(keptMeasures('jd', 'r1', storage)?.measures).toEqual([summary(1)]);
    expect(() => keepMeasures('jd', 'r1', [summary(2)], { storage: null })).not.toThrow();
    expect(keptMeasures('jd', 'r1', null)).toBeNull();
  });

  it('signing out forgets the account’s copies with the rest of its data, and leaves the others’', async () => {
    const storage = fakeStorage();
    // The browser's storage, as far as signing out uses it.
    const fakes = {
      localStorage: { ...storage, get length() { return storage.items.size; }, key: (i: number) => [...storage.items.keys()][i] ?? null },
      indexedDB: { databases: () => Promise.resolve([]) },
    };
    const saved = Object.fromEntries(Object.keys(fakes).map((name) => [name, Object.getOwnPropertyDescriptor(globalThis, name)]));
    for (const [name, value] of Object.entries(fakes)) Object.defineProperty(globalThis, name, { value, configurable: true, writable: true });
    try {
      keepMeasures('jd', 'r1', [summary(1)], { at: at(0) });
      keepMeasures('bld', 'r1', [summary(1)], { at: at(0) });
      expect(keptMeasures('jd', 'r1')).not.toBeNull();
      await clearLocalData('jd');
      expect(keptMeasures('jd', 'r1')).toBeNull();
      expect(keptMeasures('bld', 'r1')).not.toBeNull();
    } finally {
      for (const [name, descriptor] of Object.entries(saved)) {
        if (descriptor) Object.defineProperty(globalThis, name, descriptor);
        else delete (globalThis as Record<string, unknown>)[name];
      }
    }
  });
});
