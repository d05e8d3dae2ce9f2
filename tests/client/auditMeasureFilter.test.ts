import { describe, expect, it } from 'vitest';
import { EMPTY_FORM, filterFromForm } from '../../client/src/pages/audit/auditQuery.js';
import { measureDocName, parseMeasureDocName } from '../../shared/documentLayout.js';

const TYPED = ['1', '5', '35', '999', ' 12 ', '1000', '123456', '0', '05', '-1', '1.5', '1e2', 'fem', '５'];

/** The log's measure filter takes a number by the one rule (MEASURE_NUMBER_PATTERN, shared/documentLayout.ts). */
describe('the audit log’s measure filter', () => {
  it('takes exactly the numbers a measure’s path and room name take', () => {
    for (const typed of TYPED) {
      const { filter, problem } = filterFromForm({ ...EMPTY_FORM, measure: typed });
      const number = typed.trim();
      const byTheRule = parseMeasureDocName(`r1.${number}`)?.number ?? null;
      expect({ typed, measure: filter.measure ?? null, problem }).toEqual({
        typed,
        measure: byTheRule,
        problem: byTheRule === null ? 'measure' : null,
      });
    }
  });

  it('refuses a number no measure can have (more than three digits)', () => {
    expect(filterFromForm({ ...EMPTY_FORM, measure: '999' })).toEqual({ filter: { measure: 999 }, problem: null });
    expect(parseMeasureDocName(measureDocName('r1', 1000))).toBeNull();
    expect(filterFromForm({ ...EMPTY_FORM, measure: '1000' }).problem).toBe('measure');
  });
});
