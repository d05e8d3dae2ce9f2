import { Table } from '@digdir/designsystemet-react';
import { CloudOff, CloudUpload, FilePenLine, MessageSquare, PenLine } from 'lucide-react';
import type { Ref } from 'react';
import type { MeasureSummary } from '../../../../shared/measureSummary.js';
import { CellLabel } from '../../components/CellLabel.js';
import { MinistryList } from '../../components/MinistryList.js';
import type { PendingMarks } from '../../outbox/pending.js';
import { CarriedOverMark, MeasureReadiness } from '../../readiness/ReadinessMarks.js';
import { Link, paths } from '../../router.js';
import { t, tReady } from '../../strings.js';
import { tSaving } from '../../strings/saving.js';
import { StatusTag } from './StatusTag.js';

/** A value this person changed that the server has not taken yet: waiting here, or theirs to settle (`conflict`). */
function PendingMark({ conflict, testId }: { conflict: boolean; testId: string }) {
  return (
    <span data-testid={testId} data-state={conflict ? 'conflict' : 'waiting'} className="measures__pending">
      {/* The header's icons for the same two states: no icon more to download. */}
      {conflict ? <CloudUpload aria-hidden="true" size={16} /> : <CloudOff aria-hidden="true" size={16} />} {conflict ? tSaving.markConflict : tSaving.markWaiting}
    </span>
  );
}

/**
 * The summary table: number, title with its marks (yours to write, open threads, empty),
 * ministries, status, readiness; a status or readiness this person changed that the server has
 * not taken yet shows their value, marked. On a narrow screen each row stacks into a block of its own.
 */
export function MeasuresTable({
  roundId,
  shown,
  total,
  marksOwn,
  writable,
  pendingMarks,
  tableRef,
}: {
  roundId: string;
  shown: readonly MeasureSummary[];
  total: number;
  marksOwn: boolean;
  writable: (measure: MeasureSummary) => boolean;
  pendingMarks: ReadonlyMap<number, PendingMarks> | null;
  tableRef: Ref<HTMLTableElement>;
}) {
  return (
    <Table data-testid="measures-table" zebra border className="measures table-stack" ref={tableRef} tabIndex={-1}>
      <caption>{t.measuresCaption(shown.length, total)}</caption>
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
        {shown.map((m) => {
          const marks = pendingMarks?.get(m.number);
          const readyStates = [...(marks?.ready.values() ?? [])].map((pending) => pending.state);
          return (
            <Table.Row key={m.number} data-measure={m.number} data-writable={String(writable(m))} data-ready={m.ready.join(' ')} data-carried-over={String(m.carriedOver)}>
              <Table.Cell className="measures__number">{m.number}</Table.Cell>
              <Table.Cell>
                {/* The id lets Back from the measure put focus here again. */}
                <Link href={paths.measure(roundId, m.number)} aria-label={t.openMeasure(m.number, m.title)} id={`measure-link-${m.number}`} className="measures__link">
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
                <CellLabel>{t.colMinistries}</CellLabel>
                <MinistryList codes={m.ministries} />
              </Table.Cell>
              <Table.Cell>
                <CellLabel>{t.colStatus}</CellLabel>
                <StatusTag status={m.status} />
                {marks?.status && <PendingMark conflict={marks.status.state === 'conflict'} testId="pending-status" />}
              </Table.Cell>
              <Table.Cell>
                <CellLabel>{tReady.colReadiness}</CellLabel>
                <MeasureReadiness measure={m} />
                {readyStates.length > 0 && <PendingMark conflict={readyStates.includes('conflict')} testId="pending-ready" />}
              </Table.Cell>
            </Table.Row>
          );
        })}
      </Table.Body>
    </Table>
  );
}
