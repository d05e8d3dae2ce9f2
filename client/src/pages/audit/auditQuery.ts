import { AUDIT_KINDS, type AuditKind } from '../../../../shared/audit.js';
import { MEASURE_NUMBER_PATTERN } from '../../../../shared/documentLayout.js';
import { isCalendarDate, osloWallTimeToIso } from '../../../../shared/osloInstant.js';
import type { AuditFilter } from '../../api/audit.js';

/**
 * The log's filters three ways: as typed in the form (strings), in the address (`/logg?runde=…
 * &tiltak=5&hvem=jd&hva=status.change&fra=2026-11-01&til=2026-11-30`, so a reload or a shared
 * link shows the same rows), and as the API takes them (dates as Oslo days: `fra` from its
 * start, `til` to its end).
 */
export interface AuditForm {
  round: string;
  measure: string;
  actor: string;
  kind: string;
  /** `YYYY-MM-DD`, a day in Oslo. */
  from: string;
  to: string;
}

export const EMPTY_FORM: AuditForm = { round: '', measure: '', actor: '', kind: '', from: '', to: '' };

/** The address's name for each filter. */
const PARAMS: Record<keyof AuditForm, string> = { round: 'runde', measure: 'tiltak', actor: 'hvem', kind: 'hva', from: 'fra', to: 'til' };

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A measure number as every path and room name takes it (shared/documentLayout.ts). */
const MEASURE_NUMBER = new RegExp(`^${MEASURE_NUMBER_PATTERN}$`);

export const isAuditKind = (value: string): value is AuditKind => (AUDIT_KINDS as readonly string[]).includes(value);

/** The filters an address names; an unknown kind or a malformed date is left out. */
export function formFromSearch(search: string): AuditForm {
  const params = new URLSearchParams(search);
  const value = (key: keyof AuditForm): string => params.get(PARAMS[key])?.trim() ?? '';
  const kind = value('kind');
  const date = (key: 'from' | 'to'): string => (isCalendarDate(value(key)) ? value(key) : '');
  return { round: value('round'), measure: value('measure'), actor: value('actor'), kind: isAuditKind(kind) ? kind : '', from: date('from'), to: date('to') };
}

/** The address's query for the filters (`''` for none), in a fixed order. */
export function searchFromForm(form: AuditForm): string {
  const params = new URLSearchParams();
  for (const key of Object.keys(PARAMS) as (keyof AuditForm)[]) {
    const value = form[key].trim();
    if (value !== '') params.set(PARAMS[key], value);
  }
  const search = params.toString();
  return search ? `?${search}` : '';
}

/** The day after `YYYY-MM-DD`, as `YYYY-MM-DD` (calendar arithmetic in UTC: no clock is involved). */
function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

export type AuditFormProblem = 'measure' | 'range';

/**
 * What the API is asked for the filters, or what is wrong with them. `til` includes its whole
 * day: the API's `to` is exclusive, so it is the start of the next day in Oslo.
 */
export function filterFromForm(form: AuditForm): { filter: AuditFilter; problem: AuditFormProblem | null } {
  const filter: AuditFilter = {};
  if (form.round.trim()) filter.round = form.round.trim();
  if (form.actor.trim()) filter.actor = form.actor.trim();
  if (isAuditKind(form.kind)) filter.kind = form.kind;
  const measure = form.measure.trim();
  if (measure !== '') {
    if (!MEASURE_NUMBER.test(measure)) return { filter, problem: 'measure' };
    filter.measure = Number(measure);
  }
  if (DATE.test(form.from)) filter.from = osloWallTimeToIso(form.from, '00:00');
  if (DATE.test(form.to)) filter.to = osloWallTimeToIso(nextDay(form.to), '00:00');
  if (filter.from && filter.to && Date.parse(filter.from) >= Date.parse(filter.to)) return { filter, problem: 'range' };
  return { filter, problem: null };
}
