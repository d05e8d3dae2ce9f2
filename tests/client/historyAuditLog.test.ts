import { describe, expect, it } from 'vitest';
import { auditCsvUrl } from '../../client/src/api/audit.js';
import { EMPTY_FORM, filterFromForm, formFromSearch, searchFromForm } from '../../client/src/pages/audit/auditQuery.js';
import { actorText, targetText, valueText } from '../../client/src/pages/audit/auditWords.js';
import { matchRoute, paths } from '../../client/src/router.js';

/** The coordinator's log page: its filters in the address and to the API, and its cells in words. */
describe('the audit log’s filters', () => {
  it('reads the address, leaving out an unknown kind and a malformed date, and writes it back in a fixed order', () => {
    const form = formFromSearch('?hva=status.change&tiltak=5&fra=2026-11-01&til=2026-13-45&hvem=jd&runde=r1&x=1');
    expect(form).toEqual({ round: 'r1', measure: '5', actor: 'jd', kind: 'status.change', from: '2026-11-01', to: '' });
    expect(searchFromForm(form)).toBe('?runde=r1&tiltak=5&hvem=jd&hva=status.change&fra=2026-11-01');
    expect(formFromSearch('?hva=drop.table').kind).toBe('');
    expect(searchFromForm(EMPTY_FORM)).toBe('');
  });

  it('lives at /logg, its filters in the query', () => {
    expect(matchRoute('/logg')).toEqual({ name: 'audit' });
    expect(matchRoute('/logg/')).toEqual({ name: 'audit' });
    expect(paths.audit('?tiltak=5')).toBe('/logg?tiltak=5');
  });

  it('asks the API for whole Oslo days (the API’s `to` is exclusive), and says what is wrong', () => {
    const { filter, problem } = filterFromForm({ ...EMPTY_FORM, measure: '5', from: '2026-11-01', to: '2026-11-30', kind: 'status.change' });
    expect(problem).toBeNull();
    expect(filter).toEqual({ measure: 5, kind: 'status.change', from: '2026-11-01T00:00:00+01:00', to: '2026-12-01T00:00:00+01:00' });
    // Summer time: Oslo is two hours ahead.
    expect(filterFromForm({ ...EMPTY_FORM, from: '2026-07-01', to: '2026-07-01' }).filter).toEqual({ from: '2026-07-01T00:00:00+02:00', to: '2026-07-02T00:00:00+02:00' });
    expect(filterFromForm({ ...EMPTY_FORM, measure: 'fem' }).problem).toBe('measure');
    expect(filterFromForm({ ...EMPTY_FORM, measure: '0' }).problem).toBe('measure');
    expect(filterFromForm({ ...EMPTY_FORM, from: '2026-11-02', to: '2026-11-01' }).problem).toBe('range');
    expect(auditCsvUrl({ measure: 5, actor: 'jd' })).toBe('/api/audit.csv?measure=5&actor=jd');
    expect(auditCsvUrl({})).toBe('/api/audit.csv');
  });

  it('writes who, what it was about, and the values before and after as one line each', () => {
    expect(actorText({ kind: 'user', username: 'jd', name: 'Redaktør JD' })).toBe('Redaktør JD (jd)');
    expect(actorText({ kind: 'cli' })).toBe('Kommandolinjen (cli)');
    expect(actorText({ kind: 'system' })).toBe('Systemet');
    expect(targetText({ target: { roundId: 'r1', measure: 5, id: null } })).toBe('runde r1, tiltak 5');
    expect(targetText({ target: { roundId: null, measure: null, id: null } })).toBe('–');
    expect(valueText({ status: 'Løpende', ready: true })).toBe('status: Løpende, ready: true');
    expect(valueText(null)).toBe('–');
    expect(valueText('x'.repeat(500))).toHaveLength(240);
  });
});
