import { Alert, Button, Heading, Paragraph, Switch } from '@digdir/designsystemet-react';
import { useEffect, useRef, useState } from 'react';
import { actorOf, type SessionUser } from '../../../shared/auth.js';
import type { MeasureSummary } from '../../../shared/measureSummary.js';
import type { MinistryCode } from '../../../shared/ministries.js';
import { can } from '../../../shared/permissions.js';
import type { BrowserCopy } from '../api.js';
import { StaleNote } from '../components/StaleNote.js';
import { useConnection } from '../connection.js';
import type { Pending } from '../outbox/changes.js';
import { pendingReady } from '../outbox/pending.js';
import type { Outbox } from '../outbox/Outbox.js';
import { tReadyPanel } from '../strings/measure.js';
import { tSaving } from '../strings/saving.js';
import { CarriedOverMark, MeasureReadiness } from './ReadinessMarks.js';
import type { ReadinessOf } from './readiness.js';

/** A refusal's reason in words. */
const why = (entry: Pending): string =>
  entry.refusal === 'unknownNames' ? tSaving.unknownNames(entry.names ?? []) : tSaving.refusal[entry.refusal ?? 'invalid'];

/**
 * A measure's readiness on its page: who is ready, the "not updated in this round" note, and a
 * "Vår del er klar" switch for each ministry this person may mark (the editor's own; every
 * responsible one for the coordinator). The switches follow the server's state live; while the
 * round is frozen they stay, disabled, with the reason. A change goes to the outbox, which keeps
 * it in this browser until the server has it (`PUT …/ready` with `base`): the switch shows it
 * meanwhile, with where it stands. Readiness is yes or no: a part someone else changed
 * meanwhile (409) now says what this person chose, so that counts as saved.
 */
export function ReadinessPanel({
  roundId,
  number,
  user,
  measure,
  carriedOver,
  roundFrozen,
  roundKnown,
  onSaved,
  outbox,
  pending,
  copy,
}: {
  roundId: string;
  number: number;
  user: SessionUser;
  /** Null until the measure's ministries are known. */
  measure: ReadinessOf | null;
  carriedOver: boolean;
  roundFrozen: boolean;
  /** False until the round's state is known: nothing is offered before. */
  roundKnown: boolean;
  onSaved: (measure: MeasureSummary) => void;
  outbox: Outbox;
  /** This person's changes waiting for the server. */
  pending: readonly Pending[];
  /** The readiness shown is this browser's copy (an offline reload), fetched then. */
  copy: BrowserCopy | null;
}) {
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const connected = useConnection().state === 'connected';
  const mine = useRef(new Set<string>());
  const saved = useRef(onSaved);
  useEffect(() => {
    saved.current = onSaved;
  });
  useEffect(
    () =>
      outbox.onSettled(({ entry, outcome, answer }) => {
        const { change } = entry;
        if (change.kind !== 'ready' || change.roundId !== roundId || change.number !== number) return;
        if (outcome.kind === 'saved' && answer && 'ready' in answer) saved.current(answer);
        if (!mine.current.has(entry.id)) return;
        if (outcome.kind === 'saved') setMessage({ ok: true, text: tReadyPanel.readySaved(change.ministry, change.value) });
        else if (outcome.kind === 'unanswered') setMessage({ ok: false, text: tSaving.waiting });
        else setMessage(null);
      }),
    [outbox, roundId, number],
  );
  const actor = actorOf(user);
  const ministries = measure?.ministries ?? [];
  // Who this person may mark in an open round; in a frozen one the switch shows, disabled, with why.
  const markable = ministries.filter((ministry) => can(actor, { kind: 'markReady', ministry, ministries, roundFrozen: false }));
  const allowedNow = (ministry: MinistryCode): boolean => roundKnown && can(actor, { kind: 'markReady', ministry, ministries, roundFrozen });
  // Blocked by the frozen round (not merely waiting for the round to load): say so at the switch.
  const frozenFor = (ministry: MinistryCode): boolean => roundKnown && roundFrozen && !allowedNow(ministry);

  const waiting = (ministry: MinistryCode) => pendingReady(pending, roundId, number, ministry);
  /** What the switch shows: this person's change while it waits, else the server's value. */
  const shown = (ministry: MinistryCode): boolean => waiting(ministry)?.change.value ?? measure?.ready.includes(ministry) ?? false;
  const change = (ministry: MinistryCode, ready: boolean): void => {
    setMessage(null);
    const id = outbox.add({ kind: 'ready', roundId, number, ministry, value: ready, base: shown(ministry) });
    if (id) mine.current.add(id);
  };
  const progress = markable.map(waiting).find((entry) => entry?.state === 'waiting' || entry?.state === 'sending');
  const refused = pending.filter(
    (entry) => entry.state === 'refused' && entry.change.kind === 'ready' && entry.change.roundId === roundId && entry.change.number === number,
  );

  return (
    <section aria-labelledby="readiness-title" className="measure__readiness" data-testid="readiness-panel">
      <Heading level={2} data-size="2xs" id="readiness-title">
        {tReadyPanel.readyTitle}
      </Heading>
      {measure && <MeasureReadiness measure={measure} label={tReadyPanel.whoIsReady} />}
      <StaleNote copy={copy} testId="readiness-stale" />
      {carriedOver && (
        <Paragraph data-size="sm">
          <CarriedOverMark withHint />
        </Paragraph>
      )}
      {markable.length > 0 && measure && (
        <div className="measure__ready-toggles">
          {markable.map((ministry) => (
            <div key={ministry} className="measure__ready-toggle">
              <Switch
                data-testid="ready-toggle"
                data-ministry={ministry}
                label={user.role === 'coordinator' ? tReadyPanel.partReady(ministry) : tReadyPanel.ourPartReady}
                data-pending={waiting(ministry)?.state}
                checked={shown(ministry)}
                disabled={!allowedNow(ministry)}
                // The reason sits outside the switch's field, which dims everything in it when disabled.
                aria-describedby={frozenFor(ministry) ? `ready-frozen-${ministry}` : undefined}
                onChange={(e) => change(ministry, e.target.checked)}
              />
              {frozenFor(ministry) && (
                <Paragraph data-size="sm" id={`ready-frozen-${ministry}`} className="measure__ready-frozen">
                  {tReadyPanel.readyFrozen}
                </Paragraph>
              )}
            </div>
          ))}
          {!markable.some(frozenFor) && (
            <Paragraph data-size="sm" className="measure__ready-hint">
              {user.role === 'coordinator' ? tReadyPanel.readyHintCoordinator : tReadyPanel.readyHint}
            </Paragraph>
          )}
        </div>
      )}
      <p aria-live="polite" className={message?.ok === false && !progress ? 'measure__save measure__save--error' : 'measure__save'} data-testid="ready-message">
        {progress ? (connected ? tSaving.sending : tSaving.waiting) : message?.text}
      </p>
      <div aria-live="polite">
        {refused.map((entry) =>
          entry.change.kind === 'ready' ? (
            <Alert key={entry.id} data-color="danger" data-testid="ready-refused" className="measure__conflict">
              <Paragraph>{tSaving.readyRefused(entry.change.ministry, why(entry))}</Paragraph>
              <Button data-size="sm" variant="secondary" onClick={() => outbox.discard(entry.id)}>
                {tSaving.dismiss}
              </Button>
            </Alert>
          ) : null,
        )}
      </div>
    </section>
  );
}
