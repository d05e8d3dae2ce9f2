import { Heading, Paragraph, Switch } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { actorOf, type SessionUser } from '../../../shared/auth.js';
import type { MeasureSummary } from '../../../shared/measure.js';
import type { MinistryCode } from '../../../shared/ministries.js';
import { can } from '../../../shared/permissions.js';
import { ApiRequestError, setReady } from '../api.js';
import { tReady } from '../strings.js';
import { CarriedOverMark, MeasureReadiness } from './ReadinessMarks.js';
import type { ReadinessOf } from './readiness.js';

/**
 * A measure's readiness on its page: who is ready, the "not updated in this round" note, and a
 * "Vår del er klar" switch for each ministry this person may mark (the editor's own; every
 * responsible one for the coordinator). The switches follow the server's state live; while the
 * round is frozen they stay, disabled, with the reason.
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
}) {
  const [pending, setPending] = useState<{ ministry: MinistryCode; ready: boolean } | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const actor = actorOf(user);
  const ministries = measure?.ministries ?? [];
  // Who this person may mark in an open round; in a frozen one the switch shows, disabled, with why.
  const markable = ministries.filter((ministry) => can(actor, { kind: 'markReady', ministry, ministries, roundFrozen: false }));
  const allowedNow = (ministry: MinistryCode): boolean => roundKnown && can(actor, { kind: 'markReady', ministry, ministries, roundFrozen });
  // Blocked by the frozen round (not merely waiting for the round to load): say so at the switch.
  const frozenFor = (ministry: MinistryCode): boolean => roundKnown && roundFrozen && !allowedNow(ministry);

  const change = async (ministry: MinistryCode, ready: boolean): Promise<void> => {
    setPending({ ministry, ready });
    setMessage(null);
    try {
      onSaved(await setReady(roundId, number, { ready, ministry }));
      setMessage({ ok: true, text: tReady.readySaved(ministry, ready) });
    } catch (e) {
      const forbidden = e instanceof ApiRequestError && e.status === 403;
      setMessage({ ok: false, text: forbidden ? tReady.readyForbidden : `${tReady.readyFailed} ${e instanceof Error ? e.message : ''}`.trim() });
    } finally {
      setPending(null);
    }
  };

  return (
    <section aria-labelledby="readiness-title" className="measure__readiness" data-testid="readiness-panel">
      <Heading level={2} data-size="2xs" id="readiness-title">
        {tReady.readyTitle}
      </Heading>
      {measure && <MeasureReadiness measure={measure} label={tReady.whoIsReady} />}
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
                label={user.role === 'coordinator' ? tReady.partReady(ministry) : tReady.ourPartReady}
                checked={pending?.ministry === ministry ? pending.ready : measure.ready.includes(ministry)}
                disabled={!allowedNow(ministry) || pending !== null}
                // The reason sits outside the switch's field, which dims everything in it when disabled.
                aria-describedby={frozenFor(ministry) ? `ready-frozen-${ministry}` : undefined}
                onChange={(e) => void change(ministry, e.target.checked)}
              />
              {frozenFor(ministry) && (
                <Paragraph data-size="sm" id={`ready-frozen-${ministry}`} className="measure__ready-frozen">
                  {tReady.readyFrozen}
                </Paragraph>
              )}
            </div>
          ))}
          {!markable.some(frozenFor) && (
            <Paragraph data-size="sm" className="measure__ready-hint">
              {user.role === 'coordinator' ? tReady.readyHintCoordinator : tReady.readyHint}
            </Paragraph>
          )}
        </div>
      )}
      <p aria-live="polite" className={message?.ok === false ? 'measure__save measure__save--error' : 'measure__save'} data-testid="ready-message">
        {message?.text}
      </p>
    </section>
  );
}
