import { Heading, Paragraph } from '@digdir/designsystemet-react';
import { ArrowLeft } from 'lucide-react';
import type { Snapshot } from '../../../../shared/snapshotContent.js';
import { GRADES } from '../../../../shared/status.js';
import { ApiRequestError } from '../../api.js';
import { fetchSnapshot } from '../../api/snapshot.js';
import { NotFound } from '../../components/NotFound.js';
import { formatDeadline } from '../../format.js';
import { Link, paths } from '../../router.js';
import { t, tNav } from '../../strings.js';
import { tRounds } from '../../strings/rounds.js';
import { useResource } from '../../useResource.js';
import { MeasureSection } from './MeasureSection.js';
import { SnapshotFacts } from './SnapshotFacts.js';
import { SummaryTable } from './SummaryTable.js';

/**
 * A snapshot, read-only, in the report's own layout: title and plan, the intro, the grades, the
 * summary table, then one section per measure with its status and narrative. The narrative is
 * rendered from its ProseMirror JSON without the editor; when and why it was taken and its
 * SHA-256 come first.
 */
export default function SnapshotPage({ id }: { id: string }) {
  const { data: snapshot, error } = useResource(id, (signal) => fetchSnapshot(id, signal));
  if (error instanceof ApiRequestError && error.status === 404) return <NotFound missing={{ kind: 'snapshot' }} />;
  if (!snapshot) {
    return (
      <main id="main" className="page">
        {error !== null ? (
          <>
            <Paragraph role="alert">{t.loadFailed}</Paragraph>
            <Link href={paths.rounds()}>{tNav.navRounds}</Link>
          </>
        ) : (
          <Paragraph>{t.loading}</Paragraph>
        )}
      </main>
    );
  }
  return <SnapshotReport snapshot={snapshot} />;
}

/** The report as it was when the snapshot was taken. */
function SnapshotReport({ snapshot }: { snapshot: Snapshot }) {
  const { content } = snapshot;
  const measures = [...content.measures].sort((a, b) => a.number - b.number);
  const introParagraphs = content.round.intro.split(/\n[ \t]*\n/).filter((p) => p.trim() !== '');
  const title = content.round.reportTitle.trim() || content.round.title;
  return (
    <main id="main" className="page report" data-testid="snapshot-view" data-snapshot-id={snapshot.id}>
      <Link href={paths.snapshots(snapshot.roundId)} className="measure__back">
        <ArrowLeft aria-hidden="true" size={16} /> {tRounds.toSnapshots}
      </Link>
      <header className="report__header">
        <Heading level={1} data-size="lg">
          {title}
        </Heading>
        <Paragraph className="page__meta">
          {content.round.planTitle}
          <br />
          {tRounds.reportDeadline(content.round.title, formatDeadline(content.round.deadline))}
        </Paragraph>
      </header>
      <SnapshotFacts snapshot={snapshot} />

      {introParagraphs.map((paragraph, i) => (
        <Paragraph key={i} className="report__intro">
          {paragraph}
        </Paragraph>
      ))}
      {!content.round.intro.includes(tRounds.gradesLabel) && <Paragraph>{tRounds.gradesLead}</Paragraph>}
      <ul className="report__grades">
        {GRADES.map((grade) => (
          <li key={grade.id}>{grade.label}</li>
        ))}
      </ul>

      <SummaryTable measures={measures} />
      {measures.map((measure) => (
        <MeasureSection key={measure.number} measure={measure} />
      ))}
    </main>
  );
}
