import type { AuditKind } from '../../shared/audit.js';
import type { AuditStore } from '../store/types.js';

/**
 * What is audited with no state change to share a transaction with: failed and locked-out
 * sign-ins, and exports downloaded (a sign-in and a sign-out are recorded with their session, in
 * its transaction: auth/sessions.ts). A failure to record is logged, and the request it records
 * goes on: the log must not keep someone from being told their password was wrong.
 */
export interface AuditRecorder {
  userEvent(kind: AuditKind, who: { username: string; name: string }, target: { roundId?: string | null; id?: string | null }, after: unknown): Promise<void>;
}

export function auditRecorder(store: AuditStore, log: (message: string) => void, now: () => Date = () => new Date()): AuditRecorder {
  return {
    async userEvent(kind, who, target, after) {
      try {
        await store.appendAudit({
          at: now().toISOString(),
          actor: { kind: 'user', username: who.username, name: who.name },
          kind,
          target: { roundId: target.roundId ?? null, measure: null, id: target.id ?? null },
          before: null,
          after,
        });
      } catch (error) {
        log(`could not record ${kind} of ${who.username} in the audit log: ${String(error)}`);
      }
    },
  };
}
