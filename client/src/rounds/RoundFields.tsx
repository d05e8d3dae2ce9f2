import { Textfield } from '@digdir/designsystemet-react';
import type { ReactNode, Ref } from 'react';
import { MAX_INTRO_CHARS, MAX_ROUND_TITLE_CHARS } from '../../../shared/round.js';
import { tRounds } from '../strings/rounds.js';
import { DeadlineFields } from './DeadlineFields.js';
import type { FormField } from './formProblems.js';

/** What a round's fields show: its title, its deadline as a date and time in Oslo, its intro. */
export interface RoundFieldValues {
  title: string;
  date: string;
  time: string;
  intro: string;
}

/** What the fields need of the form that holds them (its hook's answer). */
export interface RoundFieldsForm {
  values: RoundFieldValues;
  change: (change: Partial<RoundFieldValues>) => void;
  problemAt: (field: FormField) => string | undefined;
}

/**
 * A round's title, deadline and intro, as "Ny runde" and the round's settings both ask for them;
 * each field says its own problem.
 */
export function RoundFields({
  form: { values, change, problemAt },
  titleRef,
  deadlineRef,
  introRef,
  titleHint,
  introRows,
  afterTitle,
}: {
  /** The form's values, how to change them, and the problem at a field (if any). */
  form: RoundFieldsForm;
  /** Where the form puts focus when a field is at fault. */
  titleRef: Ref<HTMLInputElement>;
  deadlineRef: Ref<HTMLInputElement>;
  introRef: Ref<HTMLTextAreaElement>;
  /** Said under the title's label. */
  titleHint?: string;
  introRows: number;
  /** Fields of the form's own between the title and the deadline. */
  afterTitle?: ReactNode;
}) {
  return (
    <>
      <Textfield
        ref={titleRef}
        label={tRounds.fieldTitle}
        description={titleHint}
        name="title"
        value={values.title}
        maxLength={MAX_ROUND_TITLE_CHARS}
        onChange={(e) => change({ title: e.target.value })}
        error={problemAt('title')}
        required
      />
      {afterTitle}
      <DeadlineFields
        date={values.date}
        time={values.time}
        onDate={(date) => change({ date })}
        onTime={(time) => change({ time })}
        error={problemAt('deadline') ?? null}
        dateRef={deadlineRef}
      />
      <Textfield
        ref={introRef}
        multiline
        rows={introRows}
        label={tRounds.fieldIntro}
        description={tRounds.fieldIntroHint}
        name="intro"
        value={values.intro}
        maxLength={MAX_INTRO_CHARS}
        onChange={(e) => change({ intro: e.target.value })}
        error={problemAt('intro')}
      />
    </>
  );
}
