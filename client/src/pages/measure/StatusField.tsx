import { Alert, Button, Field, Label, Paragraph, Select } from '@digdir/designsystemet-react';
import { StatusOptions } from '../../components/Options.js';
import { useConnection } from '../../connection.js';
import { t } from '../../strings.js';
import { tMeasure } from '../../strings/measure.js';
import { tSaving } from '../../strings/saving.js';
import type { StatusChange } from './useStatusChange.js';

/** The refusal's reason in words. */
const why = (refused: NonNullable<StatusChange['refused']>): string =>
  refused.refusal === 'unknownNames' ? tSaving.unknownNames(refused.names ?? []) : tSaving.refusal[refused.refusal ?? 'invalid'];

/**
 * The measure's status as a select, saved when an option is picked (by keyboard: on Enter or on
 * leaving the list), with where the change stands: waiting in this browser, on its way, saved;
 * when someone else changed it meanwhile, both values and the choice; when refused, why.
 */
export function StatusField({ status, disabled }: { status: StatusChange; disabled: boolean }) {
  const { value, pending, message, refused } = status;
  // Queued behind another change while connected is on its way too; without answers, it waits.
  const connected = useConnection().state === 'connected';
  const conflict = pending?.state === 'conflict' && pending.change.kind === 'status' && typeof pending.current === 'string' ? { mine: pending.change.value, theirs: pending.current } : null;
  const progress = status.stepping
    ? tSaving.statusStepHint
    : pending?.state === 'waiting' || pending?.state === 'sending'
      ? connected
        ? tSaving.sending
        : tSaving.waiting
      : null;
  return (
    <div className="measure__status">
      <div className="measure__fields">
        {/* Designsystemet's Select drops onKeyDown: the keys are heard as they bubble up to here. */}
        <div className="measure__status-keys" onKeyDown={status.onKeyDown} onPointerDown={status.onPointerDown}>
          <Field>
            <Label>{tMeasure.status}</Label>
            <Select
              data-testid="status-select"
              data-pending={pending ? pending.state : undefined}
              value={value ?? ''}
              disabled={!value || disabled}
              onChange={(e) => status.onChange(e.target.value)}
              onBlur={status.onBlur}
            >
              {!value && <Select.Option value="">{t.loading}</Select.Option>}
              <StatusOptions />
            </Select>
          </Field>
        </div>
        <p aria-live="polite" data-testid="status-message" className={message?.ok === false && !progress ? 'measure__save measure__save--error' : 'measure__save'}>
          {progress ?? message?.text}
        </p>
      </div>
      <div aria-live="polite">
      {conflict && (
        <Alert data-color="warning" data-testid="status-conflict" className="measure__conflict">
          <Paragraph>
            <strong>{tSaving.statusConflictTitle}.</strong> {tSaving.statusConflict(conflict.mine, conflict.theirs)}
          </Paragraph>
          <div className="dialog-actions">
            <Button data-size="sm" variant="secondary" onClick={() => status.choose('mine')} data-testid="conflict-keep-mine">
              {tSaving.keepMine(conflict.mine)}
            </Button>
            <Button data-size="sm" variant="secondary" onClick={() => status.choose('theirs')} data-testid="conflict-use-theirs">
              {tSaving.useTheirs(conflict.theirs)}
            </Button>
          </div>
        </Alert>
      )}
      {refused?.change.kind === 'status' && (
        <Alert data-color="danger" data-testid="status-refused" className="measure__conflict">
          <Paragraph>{tSaving.statusRefused(refused.change.value, why(refused))}</Paragraph>
          <Button data-size="sm" variant="secondary" onClick={status.dismiss}>
            {tSaving.dismiss}
          </Button>
        </Alert>
      )}
      </div>
    </div>
  );
}
