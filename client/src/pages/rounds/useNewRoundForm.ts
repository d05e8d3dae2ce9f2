import { useState, type FormEvent, type RefObject } from 'react';
import { createRound } from '../../api.js';
import { problemOf, type FormField, type FormProblem } from '../../rounds/formProblems.js';
import { wallTimeValue } from '../../rounds/osloWallTime.js';
import { navigate, paths } from '../../router.js';
import { tRounds } from '../../strings.js';

/** What is wrong before asking the server: nothing typed where something must be. */
function missing(title: string, date: string, time: string): FormProblem[] {
  return [
    ...(title.trim() === '' ? [{ field: 'title' as const, text: tRounds.titleMissing }] : []),
    ...(date === '' || time === '' ? [{ field: 'deadline' as const, text: tRounds.deadlineMissing }] : []),
  ];
}

/** The fields of "Ny runde" that can take focus, in the order they are shown. */
export type NewRoundFields = Record<'title' | 'id' | 'deadline' | 'intro', RefObject<HTMLElement | null>>;

/**
 * The new round's fields, what is wrong with them (focus goes to the first field at fault), and
 * sending it: the server carries the latest round's content over; a refusal is shown at the field
 * it names. Created, the new round's overview opens.
 */
export function useNewRoundForm(fields: NewRoundFields) {
  const [values, setValues] = useState({ title: '', id: '', date: '', time: '12:00', intro: '' });
  const [problems, setProblems] = useState<FormProblem[]>([]);
  const [busy, setBusy] = useState(false);

  const show = (next: FormProblem[]): void => {
    setProblems(next);
    const first = (['title', 'id', 'deadline', 'intro'] as const).find((field) => next.some((p) => p.field === field));
    if (first) fields[first].current?.focus();
  };

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (busy) return;
    const { title, id, date, time, intro } = values;
    const before = missing(title, date, time);
    if (before.length > 0) return show(before);
    setBusy(true);
    setProblems([]);
    try {
      const created = await createRound({ title: title.trim(), deadline: wallTimeValue(date, time), intro, ...(id.trim() === '' ? {} : { id: id.trim() }) });
      navigate(paths.overview(created.id));
    } catch (error) {
      show([problemOf(error)]);
      setBusy(false);
    }
  };

  return {
    values,
    change: (change: Partial<typeof values>) => setValues((current) => ({ ...current, ...change })),
    problemAt: (field: FormField): string | undefined => problems.find((p) => p.field === field)?.text,
    general: problems.filter((p) => p.field === null),
    busy,
    submit,
  };
}
