import * as z from 'zod/mini';

/**
 * Statuses exactly as the report writes them, in the report's order (most done first).
 * "Løpende" and "Under gjennomføring" are two spellings of one grade.
 */
export const STATUSES = [
  'Gjennomført',
  'Løpende',
  'Under gjennomføring',
  'Under forberedelse',
  'Ikke igangsatt',
] as const;

export const StatusSchema = z.enum(STATUSES);
export type Status = z.infer<typeof StatusSchema>;

/** The report's four grades ("Graden av gjennomføring"), each with the statuses it covers. */
export const GRADES = [
  { id: 'done', label: 'Gjennomført', statuses: ['Gjennomført'] },
  { id: 'ongoing', label: 'Løpende/under gjennomføring', statuses: ['Løpende', 'Under gjennomføring'] },
  { id: 'preparing', label: 'Under forberedelse', statuses: ['Under forberedelse'] },
  { id: 'notStarted', label: 'Ikke igangsatt', statuses: ['Ikke igangsatt'] },
] as const satisfies readonly { id: string; label: string; statuses: readonly Status[] }[];

export type Grade = (typeof GRADES)[number];
export type GradeId = Grade['id'];

/** The grade a status belongs to. */
export function gradeOf(status: Status): Grade {
  const grade = GRADES.find((g) => (g.statuses as readonly Status[]).includes(status));
  if (!grade) throw new Error(`status without grade: ${status}`);
  return grade;
}
