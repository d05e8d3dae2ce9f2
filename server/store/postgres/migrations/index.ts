import type { PostgresMigration } from '../migrate.js';
import { initial } from './001_initial.js';
import { appendUpdate } from './002_append_update.js';
import { pendingSignIns } from './003_pending_sign_ins.js';

/**
 * Every PostgreSQL migration, in order. Add a change as the next numbered file and append it
 * here (and its SQLite twin under ../../sqlite/migrations): never edit one that has been released.
 */
export const POSTGRES_MIGRATIONS: readonly PostgresMigration[] = [initial, appendUpdate, pendingSignIns];
