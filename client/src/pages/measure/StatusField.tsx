import { Field, Label, Select } from '@digdir/designsystemet-react';
import type { Status } from '../../../../shared/status.js';
import { StatusOptions } from '../../components/Options.js';
import { t } from '../../strings.js';
import type { StatusChange } from './useStatusChange.js';

/** The measure's status as a select, saved on change, with what became of the last change. */
export function StatusField({ status, disabled }: { status: StatusChange & { value: Status | undefined }; disabled: boolean }) {
  const { value, saving, message, change } = status;
  return (
    <div className="measure__fields">
      <Field>
        <Label>{t.status}</Label>
        <Select data-testid="status-select" value={value ?? ''} disabled={!value || saving || disabled} onChange={(e) => void change(e.target.value)}>
          {!value && <Select.Option value="">{t.loading}</Select.Option>}
          <StatusOptions />
        </Select>
      </Field>
      <p aria-live="polite" className={message?.ok === false ? 'measure__save measure__save--error' : 'measure__save'}>
        {message?.text}
      </p>
    </div>
  );
}
