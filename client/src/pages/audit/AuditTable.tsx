import { Table } from '@digdir/designsystemet-react';
import { useEffect } from 'react';
import type { AuditEntry } from '../../../../shared/audit.js';
import { CellLabel } from '../../components/CellLabel.js';
import { formatTime } from '../../format.js';
import { tAudit } from '../../strings/audit.js';
import { actorText, targetText, valueText } from './auditWords.js';

export const rowId = (id: number): string => `logg-${id}`;

/** One row per entry, newest first; the first row *Vis flere* brought takes focus, so the keyboard goes on from there. */
export function AuditTable({ entries, caption, focusRow }: { entries: readonly AuditEntry[]; caption: string; focusRow: number | null }) {
  useEffect(() => {
    if (focusRow !== null) document.getElementById(rowId(focusRow))?.focus();
  }, [focusRow]);
  return (
    <Table data-testid="audit-table" zebra border className="audit__table table-stack">
      <caption>{caption}</caption>
      <Table.Head>
        <Table.Row>
          <Table.HeaderCell scope="col">{tAudit.colAt}</Table.HeaderCell>
          <Table.HeaderCell scope="col">{tAudit.colActor}</Table.HeaderCell>
          <Table.HeaderCell scope="col">{tAudit.colKind}</Table.HeaderCell>
          <Table.HeaderCell scope="col">{tAudit.colTarget}</Table.HeaderCell>
          <Table.HeaderCell scope="col">{tAudit.colBefore}</Table.HeaderCell>
          <Table.HeaderCell scope="col">{tAudit.colAfter}</Table.HeaderCell>
        </Table.Row>
      </Table.Head>
      <Table.Body>
        {entries.map((entry) => (
          <Table.Row key={entry.id} id={rowId(entry.id)} tabIndex={-1} data-testid="audit-row" data-kind={entry.kind} data-measure={entry.target.measure ?? ''}>
            <Table.Cell>
              <CellLabel>{tAudit.colAt}</CellLabel>
              <time dateTime={entry.at}>{formatTime(entry.at)}</time>
            </Table.Cell>
            <Table.Cell>
              <CellLabel>{tAudit.colActor}</CellLabel>
              {actorText(entry.actor)}
            </Table.Cell>
            <Table.Cell>
              <CellLabel>{tAudit.colKind}</CellLabel>
              {tAudit.kinds[entry.kind]}
            </Table.Cell>
            <Table.Cell>
              <CellLabel>{tAudit.colTarget}</CellLabel>
              {targetText(entry)}
            </Table.Cell>
            <Table.Cell className="audit__value">
              <CellLabel>{tAudit.colBefore}</CellLabel>
              {valueText(entry.before)}
            </Table.Cell>
            <Table.Cell className="audit__value">
              <CellLabel>{tAudit.colAfter}</CellLabel>
              {valueText(entry.after)}
            </Table.Cell>
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  );
}
