import { AuditPageSchema, type AuditKind } from '../../../shared/audit.js';
import { request } from '../api.js';

// The coordinator's audit log (its page loads separately).

/** The audit log's filters (all optional), as `GET /api/audit` and `/api/audit.csv` take them. */
export interface AuditFilter {
  round?: string;
  measure?: number;
  /** A username, `cli` or `system`. */
  actor?: string;
  kind?: AuditKind;
  /** Instants, ISO 8601 with offset. */
  from?: string;
  to?: string;
}

const auditSearch = (filter: AuditFilter, extra: Record<string, string> = {}): string => {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) if (value !== undefined && value !== '') query.set(key, String(value));
  for (const [key, value] of Object.entries(extra)) query.set(key, value);
  const search = query.toString();
  return search ? `?${search}` : '';
};

/** Where the whole log, filtered, downloads as CSV (coordinator). */
export const auditCsvUrl = (filter: AuditFilter) => `/api/audit.csv${auditSearch(filter)}`;

/** A page of the audit log, newest first; `cursor` is the `next` of the page before (coordinator). */
export const fetchAudit = (filter: AuditFilter, cursor: number | null, signal?: AbortSignal) =>
  request(`/api/audit${auditSearch(filter, cursor === null ? {} : { cursor: String(cursor) })}`, AuditPageSchema, { cache: 'no-store', signal });
