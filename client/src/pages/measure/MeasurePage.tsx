import { Alert, Heading, Paragraph } from '@digdir/designsystemet-react';
import { ArrowLeft } from 'lucide-react';
import { lazy, useMemo } from 'react';
import type { SessionUser } from '../../../../shared/auth.js';
import { MinistryList } from '../../components/MinistryList.js';
import { DeadlineText, FrozenBanner } from '../../components/RoundState.js';
import { StaleNote } from '../../components/StaleNote.js';
import { NarrativeEditor } from '../../editor/NarrativeEditor.js';
import { Presence } from '../../editor/Presence.js';
import { UnsavedEditsAlert } from '../../editor/UnsavedEditsAlert.js';
import { AuthorshipToggle } from '../../history/AuthorshipToggle.js';
import { HistorySection } from '../../history/HistorySection.js';
import { LazyPart } from '../../components/LazyPart.js';
import { NotFound } from '../../components/NotFound.js';
import { useKeepsChangesOffline } from '../../components/offlineHint.js';
import { PageLoading } from '../../components/PageLoading.js';
import { ReadinessPanel } from '../../readiness/ReadinessPanel.js';
import { presenceOf } from '../../presence.js';
import { Link, paths } from '../../router.js';
import { t } from '../../strings.js';
import { tMeasure } from '../../strings/measure.js';
import { MeasureNotes } from './MeasureNotes.js';
import { ReadOnlyNotice } from './ReadOnlyNotice.js';
import { SaveStatus } from './SaveStatus.js';
import { StatusField } from './StatusField.js';
import { UnshowableNotice } from './UnshowableNotice.js';
import { useMeasurePage } from './useMeasurePage.js';

/**
 * The comment threads: a chunk of their own, asked for as the page first renders, so that it
 * loads beside the threads themselves (useMeasureComments, here, reads them and marks their
 * passages in the text) rather than before the text is shown.
 */
const ThreadsPanel = lazy(() => import('../../threads/ThreadsPanel.js').then(({ ThreadsPanel }) => ({ default: ThreadsPanel })));

const focusNarrativeHeading = (): void => document.getElementById('narrative-title')?.focus();
const focusNarrative = (): void => document.querySelector<HTMLElement>('[data-testid="narrative-editor"] .ProseMirror')?.focus();

/** One measure: its fields, the plan's text, the live narrative, its comments, and who else is here. */
export default function MeasurePage({ roundId, number, user }: { roundId: string; number: number; user: SessionUser }) {
  const page = useMeasurePage(roundId, number, user);
  // Who this person is on carets and in the presence list (the page's module, not the entry's).
  const presence = useMemo(() => presenceOf(user), [user]);
  const { session, round, ministries, readiness, comments } = page;
  // What is written here is kept while offline (the text's copy, the outbox): the header may say so.
  useKeepsChangesOffline(page.missing === null);
  if (page.missing === 'round') return <NotFound missing={{ kind: 'round', roundId }} />;
  if (page.missing === 'measure') return <NotFound missing={{ kind: 'measure', roundId, number }} />;
  if (page.missing === 'undecided') return <PageLoading />;
  return (
    <main id="main" className="page measure">
      <Link href={paths.overview(roundId)} className="measure__back">
        <ArrowLeft aria-hidden="true" size={16} /> {tMeasure.backToOverview}
      </Link>
      <Heading level={1} data-size="lg">
        {page.title ? tMeasure.measureHeading(number, page.title) : `${number}`}
      </Heading>
      {page.loadFailed && <Alert data-color="danger">{t.loadFailed}</Alert>}
      {ministries.length > 0 && (
        <Paragraph className="measure__ministries">
          {tMeasure.responsible}: <MinistryList codes={ministries} />
          {round && (
            <>
              {' · '}
              <DeadlineText round={round} />
            </>
          )}
        </Paragraph>
      )}
      {/* The editor's own notice says it all; the coordinator is told the round is frozen here. */}
      {user.role === 'coordinator' && <FrozenBanner round={round} user={user} />}
      <ReadOnlyNotice readOnly={page.readOnly} />
      <UnsavedEditsAlert
        shown={page.unsaved.shown}
        reason={page.unsaved.reason}
        session={session}
        onDiscard={async () => {
          await page.unsaved.discard();
          focusNarrativeHeading();
        }}
      />
      {/*
        The text high on the page: the fields sit beside it on a wide screen (first in the
        side column, first to the keyboard too), the plan's text and the importer's notes under it.
      */}
      <div className="measure__layout">
        <div className="measure__facts">
          <StaleNote copy={page.fieldsCopy} testId="fields-stale" />
          <StatusField status={page.status} disabled={!page.canWrite} />
          <ReadinessPanel
            roundId={roundId}
            number={number}
            user={user}
            measure={readiness ? { ministries: readiness.ministries, ready: readiness.ready } : null}
            carriedOver={readiness?.carriedOver ?? false}
            roundFrozen={page.roundFrozen}
            roundKnown={round !== null}
            onSaved={page.applyMeasure}
            outbox={page.outbox}
            pending={page.pending}
            copy={page.fieldsCopy}
          />
        </div>
        <div className="measure__main">
          <section aria-labelledby="narrative-title" className="measure__narrative">
            <div className="measure__narrative-head">
              <Heading level={2} data-size="sm" id="narrative-title" tabIndex={-1}>
                {tMeasure.narrative}
              </Heading>
              {page.unshowable === null && <AuthorshipToggle roundId={roundId} number={number} session={session} user={user} />}
            </div>
            {page.unshowable !== null && <UnshowableNotice problem={page.unshowable} coordinator={user.role === 'coordinator'} />}
            {session && (
              <NarrativeEditor
                session={session}
                user={presence}
                number={number}
                editable={page.narrativeEditable}
                comments={comments.editor}
                status={<SaveStatus state={page.save} narrativeCopy={page.narrativeCopy} />}
              />
            )}
          </section>
          {page.detail && <MeasureNotes plan={page.plan} notes={page.notes} />}
          <HistorySection
            roundId={roundId}
            number={number}
            session={session}
            canWrite={page.canWrite}
            fieldsKey={JSON.stringify([readiness?.status, readiness?.ready])}
          />
        </div>
        <aside className="measure__aside">
          {session && <Presence session={session} />}
          <LazyPart>
            <ThreadsPanel user={user} comments={comments} permissions={page.threadPermissions} onReturnToText={focusNarrative} />
          </LazyPart>
        </aside>
      </div>
    </main>
  );
}
