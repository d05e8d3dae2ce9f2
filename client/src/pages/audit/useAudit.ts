import { useCallback, useMemo, useState } from 'react';
import type { AuditEntry } from '../../../../shared/audit.js';
import { ApiRequestError, browserCopyOf, fetchRounds } from '../../api.js';
import { auditCsvUrl, fetchAudit } from '../../api/audit.js';
import { navigate, paths, useSearch } from '../../router.js';
import { useFreshAgain } from '../../useFreshAgain.js';
import { useResource } from '../../useResource.js';
import { filterFromForm, formFromSearch, searchFromForm, type AuditForm } from './auditQuery.js';

/** Pages fetched with *Vis flere* after the first, for the filters (`key`) they were fetched with. */
interface MorePages {
  key: string;
  entries: AuditEntry[];
  next: number | null;
}

/**
 * The log page's data: the filters from the address, the first page for them, further pages on
 * *Vis flere* (dropped when the filters change), the CSV link for the same filters, and the
 * rounds to choose from. Nothing is asked of the log for anyone but the coordinator (`allowed`).
 */
export function useAudit(allowed: boolean) {
  const search = useSearch();
  const form = useMemo(() => formFromSearch(search), [search]);
  const { filter, problem } = useMemo(() => filterFromForm(form), [form]);
  const key = allowed && problem === null ? JSON.stringify(filter) : null;
  const first = useResource(key, (signal) => fetchAudit(filter, null, signal));
  const rounds = useResource('rounds', fetchRounds);
  // The first page from this browser's copy (an offline reload) says so, and is read again once the server answers.
  const copy = browserCopyOf(first.data);
  useFreshAgain(copy, first.refetch);
  const [more, setMore] = useState<MorePages | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreFailed, setMoreFailed] = useState(false);
  const [firstNew, setFirstNew] = useState<number | null>(null);

  const pages = more !== null && more.key === key ? more : null;
  const entries = first.data ? [...first.data.entries, ...(pages?.entries ?? [])] : null;
  const next = pages ? pages.next : (first.data?.next ?? null);

  const loadMore = useCallback(async (): Promise<void> => {
    if (next === null || key === null || loadingMore) return;
    setLoadingMore(true);
    setMoreFailed(false);
    try {
      const page = await fetchAudit(filter, next);
      setMore((now) => ({ key, entries: [...(now?.key === key ? now.entries : []), ...page.entries], next: page.next }));
      setFirstNew(page.entries[0]?.id ?? null);
    } catch {
      setMoreFailed(true);
    } finally {
      setLoadingMore(false);
    }
  }, [filter, key, next, loadingMore]);

  const apply = useCallback((chosen: AuditForm) => navigate(paths.audit(searchFromForm(chosen)), { replace: true }), []);
  const error = first.error;
  return {
    form,
    problem,
    entries,
    next,
    loadMore,
    loadingMore,
    moreFailed,
    /** The first row *Vis flere* brought, which takes focus. */
    firstNew,
    copy,
    loading: key !== null && first.data === null && error === null,
    forbidden: error instanceof ApiRequestError && error.status === 403,
    failed: error !== null,
    apply,
    rounds: rounds.data ?? [],
    csvUrl: problem === null ? auditCsvUrl(filter) : null,
  };
}

export type AuditModel = ReturnType<typeof useAudit>;
