import { describe, expect, it } from 'vitest';
import { filterFromForm, formFromSearch } from '../../client/src/pages/audit/auditQuery.js';

describe('the audit log’s date filters in the address', () => {
  it('leave out a day that is not on the calendar instead of failing on it', () => {
    const form = formFromSearch('?fra=2026-02-31&til=2026-02-29');
    expect([form.from, form.to]).toEqual(['', '']);
    expect(filterFromForm(form)).toEqual({ filter: {}, problem: null });
  });

  it('keep a real one, a leap day too', () => {
    const form = formFromSearch('?fra=2028-02-29&til=2028-03-01');
    expect([form.from, form.to]).toEqual(['2028-02-29', '2028-03-01']);
    expect(filterFromForm(form).filter).toEqual({ from: '2028-02-29T00:00:00+01:00', to: '2028-03-02T00:00:00+01:00' });
  });
});
