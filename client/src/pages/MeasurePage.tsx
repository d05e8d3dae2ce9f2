import { Alert, Details, Field, Heading, Label, Paragraph, Select } from '@digdir/designsystemet-react';
import { ArrowLeft } from 'lucide-react';
import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { actorOf, type SessionUser } from '../../../shared/auth.js';
import type { PresenceUser } from '../../../shared/awareness.js';
import { measureDocName } from '../../../shared/documentLayout.js';
import type { MeasureDetail } from '../../../shared/measure.js';
import type { RoundDetail } from '../../../shared/round.js';
import type { MinistryCode } from '../../../shared/ministries.js';
import { can } from '../../../shared/permissions.js';
import { StatusSchema, type Status } from '../../../shared/status.js';
import { ApiRequestError, fetchMeasure, patchMeasure } from '../api.js';
import { MinistryList } from '../components/MinistryList.js';
import { DeadlineText, FrozenBanner, frozenReason } from '../components/RoundState.js';
import { reportSync } from '../connection.js';
import { acquireSession, discardLocalCopy, type CollabSession, type SessionStatus } from '../editor/collabSession.js';
import { NarrativeEditor } from '../editor/NarrativeEditor.js';
import { Presence } from '../editor/Presence.js';
import { UnsavedEditsAlert } from '../editor/UnsavedEditsAlert.js';
import { cacheLoadedResources } from '../offline.js';
import { StatusOptions } from '../components/Options.js';
import { ReadinessPanel } from '../readiness/ReadinessPanel.js';
import { Link, paths } from '../router.js';
import { importWarningText, t } from '../strings.js';
import { ThreadsPanel } from '../threads/ThreadsPanel.js';
import { useMeasureComments } from '../threads/useMeasureComments.js';
import { useLiveRound } from '../useRound.js';

/**
 * The session of this person's copy of the measure's narrative, held while the page is shown,
 * and the function that throws that copy away and opens a fresh one from the server.
 */
function useCollabSession(docName: string, username: string): { session: CollabSession | null; discard: () => Promise<void> } {
  const [session, setSession] = useState<CollabSession | null>(null);
  // A new generation acquires a new session (after the old copy was thrown away).
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    // Sessions live outside React: a StrictMode remount takes the same one back.
    const hold = acquireSession(docName, username);
    setSession(hold.session);
    return () => {
      hold.release();
      reportSync(null);
    };
  }, [docName, username, generation]);
  useEffect(() => {
    if (!session) return;
    reportSync(session.snapshot());
    return session.subscribe(() => reportSync(session.snapshot()));
  }, [session]);
  const discard = useCallback(async () => {
    // The editor lets go of the old Y.Doc before it is destroyed.
    setSession(null);
    reportSync(null);
    try {
      await discardLocalCopy(docName, username);
    } finally {
      setGeneration((g) => g + 1);
    }
  }, [docName, username]);
  return { session, discard };
}

const NO_SESSION: SessionStatus = { state: 'connecting', unsynced: false, refused: false, checked: false, refusedFor: null };

/** The session's sync status, as it changes. */
function useSessionStatus(session: CollabSession | null): SessionStatus {
  const subscribe = useCallback((listener: () => void) => session?.subscribe(listener) ?? (() => undefined), [session]);
  return useSyncExternalStore(subscribe, () => session?.snapshot() ?? NO_SESSION);
}

/** Why this person may read the measure but not write it, in words. */
function readOnlyReason(user: SessionUser, ministries: readonly MinistryCode[], round: RoundDetail | null): string {
  // Someone who could write it in an open round is held back by the frozen round alone.
  if (round?.state === 'frozen' && can(actorOf(user), { kind: 'writeMeasure', ministries, roundFrozen: false })) return frozenReason(round);
  if (user.role === 'reader') return t.readOnlyReader;
  if (user.ministry === null) return t.readOnlyNoMinistry;
  return t.readOnlyOtherMinistry(ministries, user.ministry);
}

/**
 * One measure: its fields, the plan's text, the live narrative, and who else is here. The
 * permission rule (the server's own, from shared/) decides whether this person may write it;
 * the server enforces it, the page only reflects it.
 */
export default function MeasurePage({
  roundId,
  number,
  user,
  presence,
}: {
  roundId: string;
  number: number;
  user: SessionUser;
  presence: PresenceUser;
}) {
  const docName = measureDocName(roundId, number);
  const { session, discard } = useCollabSession(docName, user.username);
  const sync = useSessionStatus(session);
  const comments = useMeasureComments(roundId, number, session);
  const { round, measures, error: roundError, applyMeasure } = useLiveRound(roundId, comments.store.onRoundEvent);
  const [detail, setDetail] = useState<MeasureDetail | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [saveMessage, setSaveMessage] = useState<{ ok: boolean; text: string } | null>(null);

  useEffect(() => {
    let cancelled = false;
    setDetail(null);
    setLoadError(null);
    fetchMeasure(roundId, number).then(
      (d) => {
        if (cancelled) return;
        setDetail(d);
        cacheLoadedResources();
      },
      (e: unknown) => !cancelled && setLoadError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      cancelled = true;
    };
  }, [roundId, number]);

  // Fields are server-owned and live: the event stream's value wins over the one loaded.
  const live = measures?.find((m) => m.number === number);
  // While a change is being saved the select shows it; the server's answer (and then the event
  // stream) takes over, so the select never flips back to the old value in between.
  const [pendingStatus, setPendingStatus] = useState<Status | null>(null);
  const status = pendingStatus ?? live?.status ?? detail?.status;
  const title = live?.title ?? detail?.title;
  const ministries = live?.ministries ?? detail?.ministries ?? [];
  const readiness = live ?? detail;
  // Until the responsible ministries and the round's state are known, nobody but the
  // coordinator is let write. A round that cannot be read (offline, not cached) counts as open:
  // the server decides once connected, and drops what a frozen round does not allow.
  const known = live !== undefined || detail !== null;
  const roundKnown = round !== null || roundError !== null;
  const roundFrozen = round?.state === 'frozen';
  const canWrite =
    can(actorOf(user), { kind: 'writeMeasure', ministries, roundFrozen }) && ((known && roundKnown) || user.role === 'coordinator');

  // Edits this browser holds that the server lacks (its own answer) and will not take: this
  // person may not write the measure, or the server refused them (the round froze just now).
  const stranded = sync.unsynced && sync.checked && (sync.refused || (known && roundKnown && !canWrite));
  const discardLocal = async (): Promise<void> => {
    await discard();
    document.getElementById('narrative-title')?.focus();
  };

  const changeStatus = async (value: string) => {
    const parsed = StatusSchema.safeParse(value);
    if (!parsed.success) return;
    setSaving(true);
    setSaveMessage(null);
    setPendingStatus(parsed.data);
    try {
      const saved = await patchMeasure(roundId, number, { status: parsed.data });
      applyMeasure(saved);
      setDetail((d) => (d ? { ...d, ...saved } : d));
      setSaveMessage({ ok: true, text: t.statusSaved });
    } catch (e) {
      const forbidden = e instanceof ApiRequestError && e.status === 403;
      setSaveMessage({ ok: false, text: forbidden ? t.statusForbidden : `${t.statusFailed} ${e instanceof Error ? e.message : ''}` });
    } finally {
      setPendingStatus(null);
      setSaving(false);
    }
  };

  return (
    <main id="main" className="page measure">
      <Link href={paths.overview(roundId)} className="measure__back">
        <ArrowLeft aria-hidden="true" size={16} /> {t.backToOverview}
      </Link>
      <Heading level={1} data-size="lg">
        {title ? t.measureHeading(number, title) : `${number}`}
      </Heading>
      {loadError && <Alert data-color="danger">{t.loadFailed}</Alert>}
      {ministries.length > 0 && (
        <Paragraph className="measure__ministries">
          {t.responsible}: <MinistryList codes={ministries} />
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
      <div aria-live="polite">
        {known && roundKnown && !canWrite && (
          <Alert data-color="info" data-testid="read-only-notice" data-reason={roundFrozen ? 'frozen' : canWrite ? 'refused' : 'rights'} className="measure__read-only">
            <Heading level={2} data-size="2xs">
              {t.readOnlyTitle}
            </Heading>
            <Paragraph>{readOnlyReason(user, ministries, round)}</Paragraph>
          </Alert>
        )}
      </div>
      <UnsavedEditsAlert
        shown={stranded}
        reason={roundFrozen ? 'frozen' : sync.refusedFor === 'limit' ? 'limit' : canWrite ? 'refused' : 'rights'}
        session={session}
        onDiscard={discardLocal}
      />
      <div className="measure__layout">
        <div className="measure__main">
          <div className="measure__fields">
            <Field>
              <Label>{t.status}</Label>
              <Select
                data-testid="status-select"
                value={status ?? ''}
                disabled={!status || saving || !canWrite}
                onChange={(e) => void changeStatus(e.target.value)}
              >
                {!status && <Select.Option value="">{t.loading}</Select.Option>}
                <StatusOptions />
              </Select>
            </Field>
            <p aria-live="polite" className={saveMessage?.ok === false ? 'measure__save measure__save--error' : 'measure__save'}>
              {saveMessage?.text}
            </p>
          </div>
          <ReadinessPanel
            roundId={roundId}
            number={number}
            user={user}
            measure={readiness ? { ministries: readiness.ministries, ready: readiness.ready } : null}
            carriedOver={readiness?.carriedOver ?? false}
            roundFrozen={roundFrozen}
            roundKnown={round !== null}
            onSaved={applyMeasure}
          />
          {detail && detail.planText !== '' && (
            <Details>
              <Details.Summary>{t.planText}</Details.Summary>
              <Details.Content>
                <Paragraph className="measure__plan">{detail.planText}</Paragraph>
              </Details.Content>
            </Details>
          )}
          {detail && detail.importWarnings.length > 0 && (
            <Alert data-color="warning" className="measure__warnings">
              <Heading level={2} data-size="2xs">
                {t.importNotes}
              </Heading>
              <ul>
                {detail.importWarnings.map((w, i) => (
                  <li key={i}>{importWarningText(w)}</li>
                ))}
              </ul>
            </Alert>
          )}
          <section aria-labelledby="narrative-title" className="measure__narrative">
            <Heading level={2} data-size="sm" id="narrative-title" tabIndex={-1}>
              {t.narrative}
            </Heading>
            {session && (
              <NarrativeEditor session={session} user={presence} number={number} editable={canWrite} comments={comments.editor} />
            )}
          </section>
        </div>
        <aside className="measure__aside">
          {session && <Presence session={session} />}
          <ThreadsPanel
            roundId={roundId}
            number={number}
            user={user}
            ministries={ministries}
            known={known}
            threads={comments.threads}
            failed={comments.failed}
            store={comments.store}
            passages={comments.passages}
            activeThreadId={comments.activeThreadId}
            focusRequest={comments.focusRequest}
            onActivate={comments.activate}
            draft={comments.draft}
            onDraft={comments.setDraft}
            onReturnToText={() => document.querySelector<HTMLElement>('[data-testid="narrative-editor"] .ProseMirror')?.focus()}
          />
        </aside>
      </div>
    </main>
  );
}
