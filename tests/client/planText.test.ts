import { describe, expect, it } from 'vitest';
import { ApiRequestError } from '../../client/src/api.js';
import { newerPlanText } from '../../client/src/liveRound.js';
import { planFieldsPatch, planFieldsProblem, planFieldsRefusal } from '../../client/src/pages/measure/usePlanFieldsForm.js';
import { planParagraphs } from '../../client/src/report/planParagraphs.js';
import { tPlanFields } from '../../client/src/strings/planFields.js';
import { MAX_PLAN_TEXT_CHARS, MAX_TITLE_CHARS } from '../../shared/limits.js';

const base = { title: 'Styrke arbeidet', planText: 'Norge vil styrke arbeidet.' };

describe('the coordinator’s form for the title and plan text', () => {
  it('sends only what changed, trimmed as stored, with what each changed field said when the form opened', () => {
    expect(planFieldsPatch(base, { ...base, title: '  Styrke arbeidet  ' })).toBeNull();
    expect(planFieldsPatch(base, { ...base, planText: 'Norge vil styrke arbeidet mot menneskehandel.\n' })).toEqual({
      planText: 'Norge vil styrke arbeidet mot menneskehandel.',
      base: { planText: 'Norge vil styrke arbeidet.' },
    });
    expect(planFieldsPatch(base, { title: 'Ny tittel', planText: '' })).toEqual({
      title: 'Ny tittel',
      planText: '',
      base: { title: 'Styrke arbeidet', planText: 'Norge vil styrke arbeidet.' },
    });
  });

  it('says what is wrong at the field before anything is sent', () => {
    expect(planFieldsProblem({ ...base, title: '   ' })).toEqual({ field: 'title', text: tPlanFields.measureTitleMissing });
    expect(planFieldsProblem({ ...base, title: 'x'.repeat(MAX_TITLE_CHARS + 1) })).toEqual({ field: 'title', text: tPlanFields.measureTitleInvalid });
    expect(planFieldsProblem({ ...base, planText: 'x'.repeat(MAX_PLAN_TEXT_CHARS + 1) })).toEqual({ field: 'planText', text: tPlanFields.planTextInvalid });
    expect(planFieldsProblem({ ...base, planText: '' })).toBeNull();
  });

  it('puts the server’s refusals at the field it names; a change made since at its field, with what it says now', () => {
    expect(planFieldsRefusal(new ApiRequestError('title: too long', 400, 'invalid_field', 'title'))).toEqual({ field: 'title', text: tPlanFields.measureTitleInvalid });
    expect(planFieldsRefusal(new ApiRequestError('planText: too long', 400, 'invalid_field', 'planText'))).toEqual({
      field: 'planText',
      text: tPlanFields.planTextInvalid,
    });
    expect(planFieldsRefusal(new ApiRequestError('only the coordinator', 403, 'forbidden', null))).toEqual({ field: null, text: tPlanFields.planFieldsForbidden });
    const stale = new ApiRequestError('title, planText: changed', 409, 'conflict', 'title, planText', null, { title: 'Annen tittel', planText: 'Annen tekst' });
    expect(planFieldsRefusal(stale)).toEqual({ field: 'title', text: tPlanFields.planFieldChangedSince('title', 'Annen tittel') });
    expect(planFieldsRefusal(new TypeError('Failed to fetch')).field).toBeNull();
  });
});

describe('the plan text as a block quote', () => {
  it('has the paragraphs the exports have: split at blank lines, lines joined', () => {
    expect(planParagraphs('Norge vil\nstyrke arbeidet.\n\n  \nEt nytt avsnitt.\n')).toEqual(['Norge vil styrke arbeidet.', 'Et nytt avsnitt.']);
    expect(planParagraphs('   ')).toEqual([]);
  });
});

describe('the plan text on the measure page, live', () => {
  it('is the one read unless a change came after the read began', () => {
    const read = { planText: 'Lest', planTextSeq: 3 };
    expect(newerPlanText(read, undefined)).toBe('Lest');
    expect(newerPlanText(read, { text: 'Eldre hendelse', seq: 3 })).toBe('Lest');
    expect(newerPlanText(read, { text: 'Nyere hendelse', seq: 4 })).toBe('Nyere hendelse');
    expect(newerPlanText(null, { text: 'Hendelse', seq: 1 })).toBe('Hendelse');
    expect(newerPlanText(null, undefined)).toBeUndefined();
  });
});
