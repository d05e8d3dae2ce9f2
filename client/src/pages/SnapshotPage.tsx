import { Alert, Heading, Paragraph } from '@digdir/designsystemet-react';
import { ArrowLeft, Lock } from 'lucide-react';
import { useEffect, useId, useState } from 'react';
import type { ReportMeasure, Snapshot } from '../../../shared/snapshot.js';
import { GRADES } from '../../../shared/status.js';
import { ApiRequestError, fetchSnapshot, snapshotExportUrl } from '../api.js';
import { reportEvents } from '../connection.js';
import { MinistryList } from '../components/MinistryList.js';
import { formatDeadline } from '../format.js';
import { canRender, hasText, ProseMirrorView } from '../report/ProseMirrorView.js';
import { ExportLinks } from '../rounds/ExportLinks.js';
import { reasonText } from '../rounds/snapshotWords.js';
import { Link, paths } from '../router.js';
import { t, tRounds } from '../strings.js';

const sectionId = (number: number): string => `tiltak-${number}`;

/**
 * A snapshot, read-only, in the report's own layout: title and plan, the intro, the grades, the
 * summary table, then one section per measure with its status and narrative. The narrative is
 * rendered from its ProseMirror JSON without the editor; when and why it was taken and its
 * SHA-256 come first.
 */
export default function SnapshotPage({ id }: { id: string }) {
  const [snapshot, setSnapshot] = useState<Snapshot | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  // Nothing live on this page: the header should not wait for a stream that never opens.
  useEffect(() => reportEvents(null), []);

  useEffect(() => {
    let cancelled = false;
    fetchSnapshot(id).then(
      (s) => !cancelled && setSnapshot(s),
      (error: unknown) => !cancelled && setProblem(error instanceof ApiRequestError && error.status === 404 ? t.notFound : t.loadFailed),
    );
    return () => {
      cancelled = true;
    };
  }, [id]);

  if (!snapshot) {
    return (
      <main id="main" className="page">
        {problem ? (
          <>
            <Paragraph role="alert">{problem}</Paragraph>
            <Link href={paths.rounds()}>{tRounds.navRounds}</Link>
          </>
        ) : (
          <Paragraph>{t.loading}</Paragraph>
        )}
      </main>
    );
  }

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

/** When, why and by whom the snapshot was taken, its note and SHA-256, and its exports. */
function SnapshotFacts({ snapshot }: { snapshot: Snapshot }) {
  const headingId = useId();
  return (
    <Alert data-color="info" className="report__facts" data-testid="snapshot-facts">
      <section aria-labelledby={headingId}>
        <Heading level={2} data-size="xs" id={headingId}>
          <Lock aria-hidden="true" size={18} /> {tRounds.snapshotMeta}
        </Heading>
        <Paragraph>{tRounds.lockedNotice}</Paragraph>
        <dl className="snapshot__facts">
          <div>
            <dt>{tRounds.takenAt}</dt>
            <dd>
              <time dateTime={snapshot.takenAt}>{formatDeadline(snapshot.takenAt)}</time>
            </dd>
          </div>
          <div>
            <dt>{tRounds.why}</dt>
            <dd data-testid="snapshot-reason">{reasonText(snapshot)}</dd>
          </div>
          {snapshot.note && (
            <div>
              <dt>{tRounds.note}</dt>
              <dd data-testid="snapshot-note">{snapshot.note}</dd>
            </div>
          )}
          <div>
            <dt>{tRounds.sha}</dt>
            <dd>
              <code className="report__sha" data-testid="snapshot-sha">
                {snapshot.sha256}
              </code>
            </dd>
          </div>
        </dl>
        <ExportLinks urlOf={(format) => snapshotExportUrl(snapshot.id, format)} label={tRounds.exportSnapshot} />
      </section>
    </Alert>
  );
}

/** The summary table: number, title (linking to its section), responsible ministries, status. */
function SummaryTable({ measures }: { measures: readonly ReportMeasure[] }) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="report__summary">
      <Heading level={2} data-size="md" id={headingId}>
        {tRounds.summaryHeading}
      </Heading>
      <table className="report__table" data-testid="snapshot-summary">
        <caption>{tRounds.summaryCaption}</caption>
        <thead>
          <tr>
            <th scope="col" className="report__number">
              {tRounds.colNumber}
            </th>
            <th scope="col">{tRounds.colMeasure}</th>
            <th scope="col">{tRounds.colMinistries}</th>
            <th scope="col">{tRounds.colStatus}</th>
          </tr>
        </thead>
        <tbody>
          {measures.map((m) => (
            <tr key={m.number} data-measure={m.number}>
              <td className="report__number">{m.number}</td>
              <th scope="row">
                <a href={`#${sectionId(m.number)}`}>{m.title}</a>
              </th>
              <td>
                <MinistryList codes={m.ministries} />
              </td>
              <td>{m.status}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** One measure as the report writes it: `N Title (MINISTRIES)`, `Status: X`, then the narrative. */
function MeasureSection({ measure }: { measure: ReportMeasure }) {
  const headingId = `${sectionId(measure.number)}-tittel`;
  return (
    <section id={sectionId(measure.number)} aria-labelledby={headingId} className="report__measure" data-measure={measure.number}>
      <Heading level={2} data-size="sm" id={headingId}>
        {measure.number} {measure.title} (<MinistryList codes={measure.ministries} />)
      </Heading>
      <Paragraph className="report__status" data-testid="measure-status">
        {tRounds.statusLabel} <strong>{measure.status}</strong>
      </Paragraph>
      {measure.renderable === false || !canRender(measure.narrative) ? (
        <Paragraph className="report__empty" data-testid="narrative-not-renderable">
          {tRounds.notRenderable}
        </Paragraph>
      ) : hasText(measure.narrative) ? (
        <div className="report__narrative">
          <ProseMirrorView doc={measure.narrative} sectionLevel={2} />
        </div>
      ) : (
        <Paragraph className="report__empty">{tRounds.emptyNarrative}</Paragraph>
      )}
    </section>
  );
}
