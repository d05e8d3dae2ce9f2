import { Field, Heading, Label, Paragraph, Search, Select, Switch, Table, Tag } from '@digdir/designsystemet-react';
import { FilePenLine, MessageSquare, PenLine } from 'lucide-react';
import { useMemo, useRef, useState } from 'react';
import { actorOf, type SessionUser } from '../../../shared/auth.js';
import { MinistryCodeSchema, type MinistryCode } from '../../../shared/ministries.js';
import type { MeasureSummary } from '../../../shared/measure.js';
import { can } from '../../../shared/permissions.js';
import { STATUSES, StatusSchema, gradeOf, type Status } from '../../../shared/status.js';
import { MinistryList } from '../components/MinistryList.js';
import { MinistryOptions, StatusOptions } from '../components/Options.js';
import { DeadlineText, FrozenBanner } from '../components/RoundState.js';
import { isReadinessFilter, isReadyFor, matchesReadiness, type ReadinessFilter } from '../readiness/readiness.js';
import { CarriedOverMark, MeasureReadiness } from '../readiness/ReadinessMarks.js';
import { ReadinessSummary } from '../readiness/ReadinessSummary.js';
import { Link, paths } from '../router.js';
import { t, tReady } from '../strings.js';
import { useWaitingThreads, WaitingList } from '../threads/WaitingList.js';
import { useLiveRound } from '../useRound.js';

/** Matches a search: a measure number, or every word found in the title. */
function matchesSearch(measure: MeasureSummary, query: string): boolean {
  const q = query.trim().toLocaleLowerCase('nb');
  if (q === '') return true;
  if (/^\d+$/.test(q)) return String(measure.number) === q;
  const title = measure.title.toLocaleLowerCase('nb');
  return q.split(/\s+/).every((word) => title.includes(word));
}

/**
 * The round's summary table, live, with filters, a count per status and who is ready. An editor
 * sees which measures are theirs to write, and can show only those, or only those of theirs
 * not yet ready; everyone sees per ministry what is still missing, and can show just that.
 */
export default function OverviewPage({ roundId, user }: { roundId: string; user: SessionUser }) {
  const waiting = useWaitingThreads(roundId, user);
  const { round, measures, error } = useLiveRound(roundId, waiting.store.onRoundEvent);
  const [ministry, setMinistry] = useState('');
  const [status, setStatus] = useState('');
  const [query, setQuery] = useState('');
  const [readiness, setReadiness] = useState<ReadinessFilter>('');
  const [mineOnly, setMineOnly] = useState(false);
  const [mineNotReady, setMineNotReady] = useState(false);
  const tableRef = useRef<HTMLTableElement>(null);
  // The coordinator may write everything: "mine" would say nothing.
  const marksOwn = user.role === 'editor';
  const own = marksOwn ? user.ministry : null;
  const roundFrozen = round?.state === 'frozen';
  const writable = useMemo(() => {
    const actor = actorOf(user);
    return (m: MeasureSummary): boolean => can(actor, { kind: 'writeMeasure', ministries: m.ministries, roundFrozen });
  }, [user, roundFrozen]);

  const shown = useMemo(() => {
    const code = MinistryCodeSchema.safeParse(ministry);
    const wanted = StatusSchema.safeParse(status);
    return (measures ?? []).filter(
      (m) =>
        (!code.success || m.ministries.includes(code.data)) &&
        (!wanted.success || m.status === wanted.data) &&
        matchesReadiness(m, readiness, code.success ? code.data : null) &&
        (!marksOwn || !mineOnly || writable(m)) &&
        (own === null || !mineNotReady || (m.ministries.includes(own) && !isReadyFor(m, own))) &&
        matchesSearch(m, query),
    );
  }, [measures, ministry, status, readiness, query, marksOwn, mineOnly, own, mineNotReady, writable]);

  /** From the per-ministry summary: the table shows only what that ministry has not marked ready. */
  const showMissing = (code: MinistryCode): void => {
    setMinistry(code);
    setReadiness('missing');
    setStatus('');
    setQuery('');
    setMineOnly(false);
    setMineNotReady(false);
    tableRef.current?.focus();
  };

  return (
    <main id="main" className="page">
      <Heading level={1} data-size="lg">
        {round?.title ?? t.overviewTitle}
      </Heading>
      {round && (
        <Paragraph className="page__meta">
          {round.planTitle} · <DeadlineText round={round} />
        </Paragraph>
      )}
      <FrozenBanner round={round} user={user} />
      {error && <Paragraph role="alert">{t.loadFailed} ({error})</Paragraph>}
      {!measures && !error && <Paragraph>{t.loading}</Paragraph>}
      {measures && (
        <>
          <StatusCounts measures={measures} />
          <ReadinessSummary measures={measures} onShowMissing={showMissing} />
          <WaitingList roundId={roundId} waiting={waiting} measures={measures} />
          <div className="filters" role="search">
            <Field>
              <Label>{t.filterMinistry}</Label>
              <Select value={ministry} onChange={(e) => setMinistry(e.target.value)}>
                <Select.Option value="">{t.filterAll}</Select.Option>
                <MinistryOptions />
              </Select>
            </Field>
            <Field>
              <Label>{t.filterStatus}</Label>
              <Select value={status} onChange={(e) => setStatus(e.target.value)}>
                <Select.Option value="">{t.filterAll}</Select.Option>
                <StatusOptions />
              </Select>
            </Field>
            <Field>
              <Label>{tReady.filterReadiness}</Label>
              <Select
                value={readiness}
                data-testid="filter-readiness"
                onChange={(e) => setReadiness(isReadinessFilter(e.target.value) ? e.target.value : '')}
              >
                <Select.Option value="">{t.filterAll}</Select.Option>
                <Select.Option value="missing">{tReady.filterMissing}</Select.Option>
                <Select.Option value="ready">{tReady.filterReady}</Select.Option>
              </Select>
            </Field>
            {marksOwn && (
              <Switch label={t.filterMine} checked={mineOnly} onChange={(e) => setMineOnly(e.target.checked)} data-testid="filter-mine" />
            )}
            {own !== null && (
              <Switch
                label={tReady.filterMineNotReady}
                checked={mineNotReady}
                onChange={(e) => setMineNotReady(e.target.checked)}
                data-testid="filter-mine-not-ready"
              />
            )}
            <Field className="filters__search">
              <Label>{t.search}</Label>
              <Search>
                <Search.Input aria-label={t.search} placeholder={t.searchHint} value={query} onChange={(e) => setQuery(e.target.value)} />
                <Search.Clear onClick={() => setQuery('')} />
              </Search>
            </Field>
          </div>
          <Table data-testid="measures-table" zebra border className="measures" ref={tableRef} tabIndex={-1}>
            <caption>{t.measuresCaption(shown.length, measures.length)}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell scope="col">{t.colNumber}</Table.HeaderCell>
                <Table.HeaderCell scope="col">{t.colTitle}</Table.HeaderCell>
                <Table.HeaderCell scope="col">{t.colMinistries}</Table.HeaderCell>
                <Table.HeaderCell scope="col">{t.colStatus}</Table.HeaderCell>
                <Table.HeaderCell scope="col">{tReady.colReadiness}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {shown.map((m) => (
                <Table.Row
                  key={m.number}
                  data-measure={m.number}
                  data-writable={String(writable(m))}
                  data-ready={m.ready.join(' ')}
                  data-carried-over={String(m.carriedOver)}
                >
                  <Table.Cell>{m.number}</Table.Cell>
                  <Table.Cell>
                    <Link href={paths.measure(roundId, m.number)} aria-label={t.openMeasure(m.number, m.title)}>
                      {m.title}
                    </Link>
                    {marksOwn && writable(m) && (
                      <span data-testid="writable" className="measures__writable">
                        <PenLine aria-hidden="true" size={16} /> {t.writable}
                      </span>
                    )}
                    {m.openThreads > 0 && (
                      <span data-testid="open-threads" data-count={m.openThreads} className="measures__threads">
                        <MessageSquare aria-hidden="true" size={16} /> {t.openThreads(m.openThreads)}
                      </span>
                    )}
                    {m.narrativeEmpty && (
                      <span data-testid="empty-narrative" className="measures__empty">
                        <FilePenLine aria-hidden="true" size={16} /> {t.emptyNarrative}
                      </span>
                    )}
                    {m.carriedOver && <CarriedOverMark />}
                  </Table.Cell>
                  <Table.Cell>
                    <MinistryList codes={m.ministries} />
                  </Table.Cell>
                  <Table.Cell>
                    <StatusTag status={m.status} />
                  </Table.Cell>
                  <Table.Cell>
                    <MeasureReadiness measure={m} />
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
          {shown.length === 0 && <Paragraph>{t.noMatches}</Paragraph>}
        </>
      )}
    </main>
  );
}

const GRADE_COLOR = { done: 'success', ongoing: 'info', preparing: 'warning', notStarted: 'neutral' } as const;

/** A status as words, with its grade's colour as a second cue only. */
export function StatusTag({ status }: { status: Status }) {
  return (
    <Tag data-testid="status" data-color={GRADE_COLOR[gradeOf(status).id]} className="status-tag">
      {status}
    </Tag>
  );
}

/** How many measures have each status: a bar per status, with the number written out. */
function StatusCounts({ measures }: { measures: MeasureSummary[] }) {
  const max = Math.max(1, ...STATUSES.map((s) => measures.filter((m) => m.status === s).length));
  return (
    <section aria-labelledby="status-counts-title" className="counts">
      <Heading level={2} data-size="xs" id="status-counts-title">
        {t.statusCounts}
      </Heading>
      <ul data-testid="status-counts" className="counts__list">
        {STATUSES.map((s) => {
          const count = measures.filter((m) => m.status === s).length;
          return (
            <li key={s} data-status={s} className="counts__row">
              <span className="counts__label">{s}</span>
              <span className={`counts__bar counts__bar--${gradeOf(s).id}`} style={{ width: `${(count / max) * 100}%` }} aria-hidden="true" />
              <span className="counts__value">{count}</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
