import { useState, type FormEvent, type RefObject } from 'react';
import type { RoundDetail } from '../../../../shared/round.js';
import type { RoundPatch } from '../../../../shared/roundRequests.js';
import { updateRound } from '../../api/rounds.js';
import { problemOf, type FormField, type FormProblem } from '../../rounds/formProblems.js';
import { osloWallTime, wallTimeValue } from '../../rounds/osloWallTime.js';
import { tRounds } from '../../strings/rounds.js';

/** What changed in the form, as a patch of the round; empty when nothing did. */
export function roundPatch(round: RoundDetail, values: { title: string; date: string; time: string; intro: string }): RoundPatch {
  const was = osloWallTime(round.deadline);
  const patch: RoundPatch = {};
  if (values.title.trim() !== round.title) patch.title = values.title.trim();
  if (values.date !== was.date || values.time.slice(0, 5) !== was.time) patch.deadline = wallTimeValue(values.date, values.time);
  if (values.intro !== round.intro) patch.intro = values.intro;
  return patch;
}

/** The round's title, deadline and intro as edited, and saving what changed (only that is sent). */
export function useRoundForm(
  round: RoundDetail,
  beginChange: () => (round: RoundDetail) => void,
  fields: Record<'title' | 'deadline' | 'intro', RefObject<HTMLElement | null>>,
) {
  const [values, setValues] = useState(() => ({ title: round.title, ...osloWallTime(round.deadline), intro: round.intro }));
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const fail = (next: FormProblem): void => {
    setProblem(next);
    if (next.field === 'title' || next.field === 'deadline' || next.field === 'intro') fields[next.field].current?.focus();
  };

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (busy) return;
    setMessage(null);
    if (values.title.trim() === '') return fail({ field: 'title', text: tRounds.titleMissing });
    if (values.date === '' || values.time === '') return fail({ field: 'deadline', text: tRounds.deadlineMissing });
    const patch = roundPatch(round, values);
    if (Object.keys(patch).length === 0) {
      setProblem(null);
      setMessage(tRounds.nothingChanged);
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      const show = beginChange();
      show(await updateRound(round.id, patch));
      setMessage(tRounds.roundSaved);
    } catch (error) {
      fail(problemOf(error));
    } finally {
      setBusy(false);
    }
  };

  return {
    values,
    change: (change: Partial<typeof values>) => setValues((current) => ({ ...current, ...change })),
    problemAt: (field: FormField): string | undefined => (problem?.field === field ? problem.text : undefined),
    general: problem?.field === null ? problem.text : null,
    busy,
    message,
    submit,
  };
}
