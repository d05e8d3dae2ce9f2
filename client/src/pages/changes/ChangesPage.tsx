import { Heading, Paragraph } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { NotFound } from '../../components/NotFound.js';
import { Link, paths } from '../../router.js';
import { t, tNav } from '../../strings.js';
import { tRounds } from '../../strings/rounds.js';
import { ComparisonView } from './ComparisonView.js';
import { useChanges } from './useChanges.js';
import { VersionPickers } from './VersionPickers.js';

/**
 * What changed between two versions of the report: a snapshot (of this round or an earlier one)
 * and another snapshot or the live round. Per measure: the status before and after, and the
 * narrative word by word.
 */
export default function ChangesPage({ roundId }: { roundId: string }) {
  const { round, notFound, groups, failed, none, from, to, choose, comparison, problem } = useChanges(roundId);
  const [onlyChanged, setOnlyChanged] = useState(true);
  if (notFound) return <NotFound missing={{ kind: 'round', roundId }} />;
  return (
    <main id="main" className="page">
      <Heading level={1} data-size="lg">
        {round ? tRounds.changesOf(round.title) : tRounds.changesTitle}
      </Heading>
      <Paragraph>{tRounds.changesIntro}</Paragraph>
      {failed && <Paragraph role="alert">{t.loadFailed}</Paragraph>}
      {!groups && !failed && <Paragraph>{t.loading}</Paragraph>}
      {none && (
        <Paragraph data-testid="nothing-to-compare">
          {tRounds.noSnapshotsToCompare} <Link href={paths.snapshots(roundId)}>{tNav.navSnapshots}</Link>
        </Paragraph>
      )}
      {groups && !none && <VersionPickers groups={groups} from={from} to={to} choose={choose} />}
      {problem && <Paragraph role="alert">{problem}</Paragraph>}
      {from !== '' && !comparison && !problem && <Paragraph aria-live="polite">{tRounds.comparing}</Paragraph>}
      {comparison && groups && (
        <ComparisonView comparison={comparison} groups={groups} roundId={roundId} from={from} to={to} onlyChanged={onlyChanged} onOnlyChanged={setOnlyChanged} />
      )}
    </main>
  );
}
