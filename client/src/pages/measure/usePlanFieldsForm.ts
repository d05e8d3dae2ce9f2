import { useState, type FormEvent, type RefObject } from 'react';
import { MAX_PLAN_TEXT_CHARS, MAX_TITLE_CHARS } from '../../../../shared/limits.js';
import type { MeasureFieldsPatch } from '../../../../shared/measurePatch.js';
import type { MeasureSummary } from '../../../../shared/measureSummary.js';
import { ApiRequestError, patchMeasure } from '../../api.js';
import { t } from '../../strings.js';
import { tPlanFields } from '../../strings/planFields.js';

/** The fields of the form, as the server names them in an error. */
export type PlanField = 'title' | 'planText';

/** One thing to fix: at its field when it has one, above the button otherwise. */
export interface PlanFieldsProblem {
  field: PlanField | null;
  text: string;
}

/** The title and plan text, as the form holds them or as they were when it opened. */
export interface PlanValues {
  title: string;
  planText: string;
}

/**
 * What changed in the form since it opened, trimmed as the server stores it, with what each
 * changed field said then (`base`: the server refuses the change if it says something else now);
 * null when nothing changed.
 */
export function planFieldsPatch(base: PlanValues, values: PlanValues): MeasureFieldsPatch | null {
  const patch: MeasureFieldsPatch = {};
  const was: NonNullable<MeasureFieldsPatch['base']> = {};
  for (const field of ['title', 'planText'] as const) {
    if (values[field].trim() === base[field]) continue;
    patch[field] = values[field].trim();
    was[field] = base[field];
  }
  return Object.keys(was).length === 0 ? null : { ...patch, base: was };
}

/** What is wrong with the values before anything is sent, or null. */
export function planFieldsProblem(values: PlanValues): PlanFieldsProblem | null {
  const title = values.title.trim();
  if (title === '') return { field: 'title', text: tPlanFields.measureTitleMissing };
  if (title.length > MAX_TITLE_CHARS || /[\r\n]/.test(title)) return { field: 'title', text: tPlanFields.measureTitleInvalid };
  if (values.planText.trim().length > MAX_PLAN_TEXT_CHARS) return { field: 'planText', text: tPlanFields.planTextInvalid };
  return null;
}

/** The first of our fields an error names (a 409 names every field changed since, comma-separated). */
function namedField(error: ApiRequestError): PlanField | null {
  const named = (error.field ?? '').split(/,\s*/);
  return named.includes('title') ? 'title' : named.includes('planText') ? 'planText' : null;
}

/** What the person should be told about a refused change, at the field the server named. */
export function planFieldsRefusal(error: unknown): PlanFieldsProblem {
  if (!(error instanceof ApiRequestError)) return { field: null, text: t.unreachable };
  if (error.status === 403) return { field: null, text: tPlanFields.planFieldsForbidden };
  if (error.status === 409) {
    const field = namedField(error);
    const now = field && error.current?.[field];
    if (field !== null && typeof now === 'string') return { field, text: tPlanFields.planFieldChangedSince(field, now) };
  }
  if (error.status === 400 && error.field === 'title') return { field: 'title', text: tPlanFields.measureTitleInvalid };
  if (error.status === 400 && error.field === 'planText') return { field: 'planText', text: tPlanFields.planTextInvalid };
  // The server's own message is in English: the person is told in Norwegian.
  return { field: null, text: tPlanFields.planFieldsFailed };
}

/**
 * The coordinator's form for the measure's title and plan text, opened (mounted) from the values
 * as they are: saved through `PATCH` (only what changed, with what it said when the form opened),
 * refusals shown at the field the server names. When someone else changed a field meanwhile, the
 * server stores nothing: the form says what the field says now, and saving again replaces it.
 * What it did is said through `onMessage`; `onClose` closes it (saved, or cancelled).
 */
export function usePlanFieldsForm(
  roundId: string,
  number: number,
  current: PlanValues,
  onSaved: (measure: MeasureSummary, planText?: string) => void,
  fields: Record<PlanField, RefObject<HTMLElement | null>>,
  { onMessage, onClose }: { onMessage: (message: string | null) => void; onClose: () => void },
) {
  const [values, setValues] = useState(current);
  const [base, setBase] = useState(current);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<PlanFieldsProblem | null>(null);

  const fail = (next: PlanFieldsProblem): void => {
    setProblem(next);
    if (next.field) fields[next.field].current?.focus();
  };

  const cancel = (): void => {
    setProblem(null);
    onClose();
  };

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (busy) return;
    onMessage(null);
    const invalid = planFieldsProblem(values);
    if (invalid) return fail(invalid);
    const patch = planFieldsPatch(base, values);
    if (patch === null) {
      setProblem(null);
      onMessage(tPlanFields.planFieldsUnchanged);
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      onSaved(await patchMeasure(roundId, number, patch), patch.planText);
      onMessage(tPlanFields.planFieldsSaved);
      onClose();
    } catch (error) {
      // Changed by someone else since: saving again means replacing what it says now.
      if (error instanceof ApiRequestError && error.status === 409 && error.current) {
        const now = error.current;
        setBase((was) => ({
          title: typeof now.title === 'string' ? now.title : was.title,
          planText: typeof now.planText === 'string' ? now.planText : was.planText,
        }));
      }
      fail(planFieldsRefusal(error));
    } finally {
      setBusy(false);
    }
  };

  return {
    values,
    change: (change: Partial<typeof values>) => setValues((was) => ({ ...was, ...change })),
    problemAt: (field: PlanField): string | undefined => (problem?.field === field ? problem.text : undefined),
    general: problem?.field === null ? problem.text : null,
    busy,
    cancel,
    submit,
  };
}

export type PlanFieldsForm = ReturnType<typeof usePlanFieldsForm>;
