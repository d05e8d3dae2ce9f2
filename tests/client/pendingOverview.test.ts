import { describe, expect, it } from 'vitest';
import { enqueue, settle, type Change, type Pending } from '../../client/src/outbox/changes.js';
import { withPendingChanges } from '../../client/src/outbox/pending.js';
import type { Status } from '../../shared/status.js';
import { measureSummary as summary } from '../helpers/measureSummary.js';

const ROUND = 'r';
let ids = 0;
const add = (list: readonly Pending[], change: Change): Pending[] => enqueue(list, change, { id: `e${++ids}`, now: '2026-11-29T10:00:00.000Z' });
const status = (number: number, value: Status, base: Status, roundId = ROUND): Change => ({ kind: 'status', roundId, number, value, base });
const ready = (number: number, ministry: 'JD' | 'BLD', value: boolean): Change => ({ kind: 'ready', roundId: ROUND, number, ministry, value, base: !value });

describe('the overview shows the person’s own changes not yet taken over the measures the server told', () => {
  const told = [summary(5, { status: 'Løpende' }), summary(25, { ministries: ['JD', 'BLD'], ready: ['BLD'] }), summary(30)];

  it('a status and readiness waiting show their values, marked; other measures and rounds are untouched', () => {
    let list = add([], status(5, 'Gjennomført', 'Løpende'));
    list = add(list, ready(25, 'JD', true));
    list = add(list, ready(25, 'BLD', false));
    list = add(list, status(30, 'Ikke igangsatt', 'Løpende', 'another-round'));
    const { measures, marks } = withPendingChanges(told, list, ROUND);
    expect(measures.map((m) => [m.number, m.status, m.ready])).toEqual([
      [5, 'Gjennomført', []],
      [25, 'Løpende', ['JD']],
      [30, 'Løpende', []],
    ]);
    expect(marks.get(5)?.status).toEqual({ state: 'waiting', value: 'Gjennomført' });
    expect(marks.get(5)?.ready.size).toBe(0);
    expect([...(marks.get(25)?.ready ?? [])]).toEqual([
      ['JD', { state: 'waiting', value: true }],
      ['BLD', { state: 'waiting', value: false }],
    ]);
    expect(marks.get(25)?.status).toBeNull();
    expect(marks.has(30)).toBe(false);
    expect(measures[2]).toBe(told[2]);
  });

  it('a change in conflict keeps the person’s value, marked as such; a refused one is the server’s answer and shows nothing', () => {
    let list = add([], status(5, 'Gjennomført', 'Løpende'));
    list = settle(list, list[0]!.id, { kind: 'conflict', current: 'Under forberedelse' });
    list = add(list, ready(25, 'JD', true));
    list = settle(list, list[1]!.id, { kind: 'refused', refusal: 'forbidden' });
    const { measures, marks } = withPendingChanges(told, list, ROUND);
    expect(measures[0]?.status).toBe('Gjennomført');
    expect(marks.get(5)?.status?.state).toBe('conflict');
    expect(measures[1]?.ready).toEqual(['BLD']);
    expect(marks.has(25)).toBe(false);
  });

  it('with nothing waiting for the round, the measures are the server’s, as they came', () => {
    const list = add([], status(5, 'Gjennomført', 'Løpende', 'another-round'));
    const shown = withPendingChanges(told, list, ROUND);
    expect(shown.measures).toBe(told);
    expect(shown.marks.size).toBe(0);
  });
});
