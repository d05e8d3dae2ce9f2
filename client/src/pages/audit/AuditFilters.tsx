import { Button, Field, Label, Select, Textfield } from '@digdir/designsystemet-react';
import { Filter } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { AUDIT_KINDS } from '../../../../shared/audit.js';
import type { Round } from '../../../../shared/round.js';
import { tAudit } from '../../strings/audit.js';
import { EMPTY_FORM, filterFromForm, type AuditForm } from './auditQuery.js';

/**
 * The log's filters as a form: round, measure, who, what, and a span of days in Oslo. *Vis*
 * puts them in the address (which the page reads); *Nullstill* clears them. A new address (Back,
 * Nullstill) puts its filters in the fields; focus stays where it was.
 */
export function AuditFilters({ form, rounds, onApply }: { form: AuditForm; rounds: readonly Round[]; onApply: (form: AuditForm) => void }) {
  const [values, setValues] = useState(form);
  const [shownFor, setShownFor] = useState(form);
  if (shownFor !== form) {
    setShownFor(form);
    setValues(form);
  }
  // An address with a bad filter shows what is wrong at once.
  const [tried, setTried] = useState(() => filterFromForm(form).problem !== null);
  const change = (part: Partial<AuditForm>): void => setValues((now) => ({ ...now, ...part }));
  const problem = tried ? filterFromForm(values).problem : null;
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    setTried(true);
    if (filterFromForm(values).problem === null) onApply(values);
  };
  return (
    <form className="audit__filters" role="search" aria-label={tAudit.filters} noValidate onSubmit={submit} data-testid="audit-filters">
      <Field>
        <Label>{tAudit.round}</Label>
        <Select value={values.round} onChange={(e) => change({ round: e.target.value })} data-testid="audit-round">
          <Select.Option value="">{tAudit.allRounds}</Select.Option>
          {rounds.map((round) => (
            <Select.Option key={round.id} value={round.id}>
              {round.title}
            </Select.Option>
          ))}
          {values.round !== '' && !rounds.some((r) => r.id === values.round) && <Select.Option value={values.round}>{values.round}</Select.Option>}
        </Select>
      </Field>
      <Textfield
        label={tAudit.measure}
        inputMode="numeric"
        value={values.measure}
        onChange={(e) => change({ measure: e.target.value })}
        error={problem === 'measure' ? tAudit.badMeasure : undefined}
        data-testid="audit-measure"
      />
      <Textfield label={tAudit.actor} value={values.actor} onChange={(e) => change({ actor: e.target.value })} autoComplete="off" data-testid="audit-actor" />
      <Field>
        <Label>{tAudit.kind}</Label>
        <Select value={values.kind} onChange={(e) => change({ kind: e.target.value })} data-testid="audit-kind">
          <Select.Option value="">{tAudit.allKinds}</Select.Option>
          {AUDIT_KINDS.map((kind) => (
            <Select.Option key={kind} value={kind}>
              {tAudit.kinds[kind]}
            </Select.Option>
          ))}
        </Select>
      </Field>
      <Textfield label={tAudit.from} type="date" value={values.from} onChange={(e) => change({ from: e.target.value })} data-testid="audit-from" />
      <Textfield
        label={tAudit.to}
        type="date"
        value={values.to}
        onChange={(e) => change({ to: e.target.value })}
        error={problem === 'range' ? tAudit.badRange : undefined}
        data-testid="audit-to"
      />
      <Button type="submit" data-testid="audit-apply">
        <Filter aria-hidden="true" size={16} />
        {tAudit.apply}
      </Button>
      <Button type="button" variant="tertiary" onClick={() => onApply(EMPTY_FORM)} data-testid="audit-clear">
        {tAudit.clear}
      </Button>
    </form>
  );
}
