import { ApiRequestError } from '../api.js';
import { t } from '../strings.js';
import { tNewRound, tRounds } from '../strings/rounds.js';
import { refusalText } from '../strings/serverRefusal.js';

/** The fields of the round and snapshot forms that the server may name in an error. */
export const FORM_FIELDS = ['id', 'title', 'deadline', 'intro', 'note', 'openRounds'] as const;
export type FormField = (typeof FORM_FIELDS)[number];

/** One thing to fix: next to its field when it has one, above the form otherwise. */
export interface FormProblem {
  field: FormField | null;
  text: string;
}

const isFormField = (field: string | null): field is FormField => FORM_FIELDS.some((f) => f === field);

const INVALID: Record<FormField, string> = {
  id: tRounds.idInvalid,
  title: tRounds.titleInvalid,
  deadline: tRounds.deadlineInvalid,
  intro: tRounds.introInvalid,
  note: tRounds.noteInvalid,
  openRounds: tNewRound.choiceMissing,
};

/** What the person should be told about a refused round or snapshot request, in words, at the field the server named. */
export function problemOf(error: unknown): FormProblem {
  if (!(error instanceof ApiRequestError)) return { field: null, text: t.unreachable };
  if (error.status === 403) return { field: null, text: tRounds.forbidden };
  const field = isFormField(error.field) ? error.field : null;
  if (error.status === 409) {
    if (field === 'id') return { field, text: tRounds.idTaken };
    return { field: null, text: field === null ? tRounds.noRoundToCarryOver : refusalText(error.status) };
  }
  if (error.status === 400 && field !== null) return { field, text: INVALID[field] };
  if (error.status === 404) return { field: null, text: tRounds.roundGone };
  // Never the server's own message ("unknown field: …", "HTTP 500"): it is English, and not written for the person.
  return { field: null, text: refusalText(error.status) };
}
