import type { Migration } from '../migrate.js';
import { initial } from './001_initial.js';
import { roundMeasureTexts } from './002_round_measure_texts.js';
import { notifications } from './003_notifications.js';
import { auditLog } from './004_audit_log.js';
import { identities } from './005_identities.js';
import { history } from './006_history.js';
import { pendingSignIns } from './007_pending_sign_ins.js';

/**
 * Every migration, in order; a database's `user_version` is the number of those applied. Add a
 * change as the next numbered file and append it here: never edit one that has been released.
 */
export const MIGRATIONS: readonly Migration[] = [initial, roundMeasureTexts, notifications, auditLog, identities, history, pendingSignIns];
