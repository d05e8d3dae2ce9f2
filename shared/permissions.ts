import * as z from 'zod/mini';
import { MinistryCodeSchema, type MinistryCode } from './ministries.js';

/** The roles (README.md, "Accounts and permissions"): the coordinator owns the plan; editors write for their ministry. */
export const ROLES = ['coordinator', 'editor', 'reader'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

/** Who is acting, as far as permissions care; null is nobody signed in. */
export const ActorSchema = z.nullable(
  z.object({
    role: RoleSchema,
    /** The ministry an editor writes for; coordinators and readers may have one too. */
    ministry: z.nullable(MinistryCodeSchema),
  }),
);
export type Actor = z.infer<typeof ActorSchema>;

export type Action =
  | { kind: 'read' }
  | { kind: 'comment' }
  /**
   * Write a measure's narrative or fields; the measure's responsible ministries decide, and
   * only while the round is open (the coordinator writes a frozen round too).
   */
  | { kind: 'writeMeasure'; ministries: readonly MinistryCode[]; roundFrozen?: boolean }
  /** Mark a ministry's part of a measure ready (or take it back) while the round is open. */
  | { kind: 'markReady'; ministry: MinistryCode; ministries: readonly MinistryCode[]; roundFrozen: boolean }
  /**
   * Resolve or reopen a comment thread on a measure: its ministries decide, as for writing, and
   * whoever started the thread (their question is answered or not).
   */
  | { kind: 'resolveThread'; ministries: readonly MinistryCode[]; startedIt: boolean }
  /**
   * Create rounds, move deadlines, take snapshots, manage users, remove others' comments, and
   * change a measure's title and plan text (they quote the plan).
   */
  | { kind: 'coordinate' };

function isResponsibleEditor(actor: NonNullable<Actor>, ministries: readonly MinistryCode[]): boolean {
  return actor.role === 'editor' && actor.ministry !== null && ministries.includes(actor.ministry);
}

/**
 * The one rule both sides use: the server to enforce, the client only to reflect.
 * Coordinator: everything. Editor: read, comment anywhere, write measures where the editor's
 * ministry is responsible. Reader: read and comment. Nobody signed out does anything.
 */
export function can(actor: Actor, action: Action): boolean {
  if (actor === null) return false;
  if (actor.role === 'coordinator') return true;
  switch (action.kind) {
    case 'read':
    case 'comment':
      return true;
    case 'writeMeasure':
      return action.roundFrozen !== true && isResponsibleEditor(actor, action.ministries);
    case 'resolveThread':
      return action.startedIt || isResponsibleEditor(actor, action.ministries);
    case 'markReady':
      return !action.roundFrozen && action.ministry === actor.ministry && isResponsibleEditor(actor, action.ministries);
    case 'coordinate':
      return false;
  }
}
