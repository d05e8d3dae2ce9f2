import { useState, type FormEvent, type RefObject } from 'react';
import type { Round } from '../../../../shared/round.js';
import { createRound } from '../../api/rounds.js';
import { problemOf, type FormField, type FormProblem } from '../../rounds/formProblems.js';
import { wallTimeValue } from '../../rounds/osloWallTime.js';
import { navigate, paths } from '../../router.js';
import { tNewRound, tRounds } from '../../strings/rounds.js';
import type { OpenRoundsChoiceValue } from './OpenRoundsChoice.js';

/** The form's values as typed and chosen. */
export interface NewRoundValues {
  title: string;
  id: string;
  date: string;
  time: string;
  intro: string;
  /** What becomes of the rounds open now; '' until chosen (asked only while some are open). */
  openRounds: OpenRoundsChoiceValue;
}

/** What is wrong before asking the server: nothing typed where something must be, no choice for the open rounds. */
export function missing({ title, date, time, openRounds }: NewRoundValues, openCount: number): FormProblem[] {
  return [
    ...(title.trim() === '' ? [{ field: 'title' as const, text: tRounds.titleMissing }] : []),
    ...(date === '' || time === '' ? [{ field: 'deadline' as const, text: tRounds.deadlineMissing }] : []),
    ...(openCount > 0 && openRounds === '' ? [{ field: 'openRounds' as const, text: tNewRound.choiceMissing }] : []),
  ];
}

/** The fields of "Ny runde" that can take focus, in the order they are shown. */
export type NewRoundFields = Record<'title' | 'id' | 'deadline' | 'intro' | 'openRounds', RefObject<HTMLElement | null>>;

/**
 * The new round's fields, what is wrong with them (focus goes to the first field at fault), and
 * sending it: the server carries the latest round's content over and freezes or keeps the rounds
 * open now, as chosen; a refusal is shown at the field it names. Created, the new round's
 * overview opens.
 */
export function useNewRoundForm(fields: NewRoundFields, open: readonly Round[]) {
  const [values, setValues] = useState<NewRoundValues>({ title: '', id: '', date: '', time: '12:00', intro: '', openRounds: '' });
  const [problems, setProblems] = useState<FormProblem[]>([]);
  const [busy, setBusy] = useState(false);

  const show = (next: FormProblem[]): void => {
    setProblems(next);
    const first = (['title', 'id', 'deadline', 'intro', 'openRounds'] as const).find((field) => next.some((p) => p.field === field));
    if (first) fields[first].current?.focus();
  };

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (busy) return;
    const { title, id, date, time, intro, openRounds } = values;
    const before = missing(values, open.length);
    if (before.length > 0) return show(before);
    setBusy(true);
    setProblems([]);
    try {
      const created = await createRound({
        title: title.trim(),
        deadline: wallTimeValue(date, time),
        intro,
        ...(id.trim() === '' ? {} : { id: id.trim() }),
        ...(open.length > 0 && openRounds !== '' ? { openRounds } : {}),
      });
      navigate(paths.overview(created.id));
    } catch (error) {
      show([problemOf(error)]);
      setBusy(false);
    }
  };

  return {
    values,
    change: (change: Partial<NewRoundValues>) => setValues((current) => ({ ...current, ...change })),
    problemAt: (field: FormField): string | undefined => problems.find((p) => p.field === field)?.text,
    general: problems.filter((p) => p.field === null),
    busy,
    submit,
  };
}
