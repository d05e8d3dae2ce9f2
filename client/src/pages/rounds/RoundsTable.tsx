import { Table } from '@digdir/designsystemet-react';
import type { Round } from '../../../../shared/round.js';
import { CellLabel } from '../../components/CellLabel.js';
import { formatDeadline } from '../../format.js';
import { RoundStateTag } from '../../rounds/RoundStateTag.js';
import { Link, paths } from '../../router.js';
import { tNav } from '../../strings.js';
import { tRounds } from '../../strings/rounds.js';

/** One row per round, with links to its snapshots, its changes and (for the coordinator) its settings. */
export function RoundsTable({ rounds, coordinator }: { rounds: readonly Round[]; coordinator: boolean }) {
  const titleOf = (id: string): string => rounds.find((r) => r.id === id)?.title ?? id;
  return (
    <Table data-testid="rounds-table" zebra border className="rounds table-stack">
      <caption>{tRounds.roundsCaption(rounds.length)}</caption>
      <Table.Head>
        <Table.Row>
          <Table.HeaderCell scope="col">{tRounds.colRound}</Table.HeaderCell>
          <Table.HeaderCell scope="col">{tRounds.colDeadline}</Table.HeaderCell>
          <Table.HeaderCell scope="col">{tRounds.colState}</Table.HeaderCell>
          <Table.HeaderCell scope="col">{tRounds.colPrevious}</Table.HeaderCell>
        </Table.Row>
      </Table.Head>
      <Table.Body>
        {rounds.map((round) => (
          <Table.Row key={round.id} data-round={round.id}>
            <Table.Cell>
              <Link href={paths.overview(round.id)} className="rounds__title">
                {round.title}
              </Link>
              <ul className="rounds__links" aria-label={tRounds.roundLinks(round.title)}>
                <li>
                  <Link href={paths.snapshots(round.id)}>{tNav.navSnapshots}</Link>
                </li>
                <li>
                  <Link href={paths.changes(round.id)}>{tNav.navChanges}</Link>
                </li>
                {coordinator && (
                  <li>
                    <Link href={paths.roundSettings(round.id)}>{tNav.navSettings}</Link>
                  </li>
                )}
              </ul>
            </Table.Cell>
            <Table.Cell>
              <CellLabel>{tRounds.colDeadline}</CellLabel>
              <time dateTime={round.deadline}>{formatDeadline(round.deadline)}</time>
            </Table.Cell>
            <Table.Cell>
              <CellLabel>{tRounds.colState}</CellLabel>
              <RoundStateTag state={round.state} />
            </Table.Cell>
            <Table.Cell>
              <CellLabel>{tRounds.colPrevious}</CellLabel>
              {round.previousRoundId ? <Link href={paths.overview(round.previousRoundId)}>{titleOf(round.previousRoundId)}</Link> : tRounds.noPrevious}
            </Table.Cell>
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  );
}
