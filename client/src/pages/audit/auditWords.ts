import type { AuditActor, AuditEntry } from '../../../../shared/audit.js';
import { tAudit } from '../../strings/audit.js';

/** A value shown in a cell is cut here; the CSV has it whole. */
const MAX_VALUE_CHARS = 240;

/** Who made a change: the person (name and username), the account CLI, or the server itself. */
export function actorText(actor: AuditActor): string {
  if (actor.kind === 'cli') return tAudit.cli;
  if (actor.kind === 'system') return tAudit.system;
  return actor.name === actor.username ? actor.name : `${actor.name} (${actor.username})`;
}

/** What a change was about: the round, the measure, and a thread's, comment's, snapshot's or account's id. */
export function targetText({ target }: Pick<AuditEntry, 'target'>): string {
  const parts: string[] = [];
  if (target.roundId !== null) parts.push(tAudit.targetRound(target.roundId));
  if (target.measure !== null) parts.push(tAudit.targetMeasure(target.measure));
  if (target.id !== null) parts.push(target.id);
  return parts.length > 0 ? parts.join(', ') : tAudit.empty;
}

function scalar(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return tAudit.empty;
  return JSON.stringify(value);
}

/** A field's value before or after, as one line: `status: Løpende, ready: true`; long values cut. */
export function valueText(value: unknown): string {
  if (value === null || value === undefined) return tAudit.empty;
  const text =
    typeof value === 'object' && !Array.isArray(value)
      ? Object.entries(value as Record<string, unknown>)
          .map(([key, field]) => `${key}: ${scalar(field)}`)
          .join(', ')
      : scalar(value);
  if (text === '') return tAudit.empty;
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS - 1)}…` : text;
}
