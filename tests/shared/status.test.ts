import { describe, expect, it } from 'vitest';
import { GRADES, gradeOf, STATUSES, StatusSchema } from '../../shared/status.js';

describe('statuses and grades', () => {
  it('has the report’s four grades, covering every status once', () => {
    expect(GRADES.map((g) => g.label)).toEqual([
      'Gjennomført',
      'Løpende/under gjennomføring',
      'Under forberedelse',
      'Ikke igangsatt',
    ]);
    expect(GRADES.flatMap((g) => g.statuses).sort()).toEqual([...STATUSES].sort());
  });

  it('puts Løpende and Under gjennomføring in one grade', () => {
    expect(gradeOf('Løpende')).toBe(gradeOf('Under gjennomføring'));
    expect(gradeOf('Gjennomført')).not.toBe(gradeOf('Løpende'));
  });

  it('accepts the report’s words only', () => {
    expect(StatusSchema.safeParse('Under forberedelse').success).toBe(true);
    expect(StatusSchema.safeParse('under forberedelse').success).toBe(false);
    expect(StatusSchema.safeParse('Løpende/under gjennomføring').success).toBe(false);
  });
});
