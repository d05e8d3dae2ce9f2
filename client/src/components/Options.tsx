import { Select } from '@digdir/designsystemet-react';
import { MINISTRIES, MINISTRY_CODES } from '../../../shared/ministries.js';
import { STATUSES } from '../../../shared/status.js';

/** One option per status, in the report's order and words. */
export function StatusOptions() {
  return STATUSES.map((s) => (
    <Select.Option key={s} value={s}>
      {s}
    </Select.Option>
  ));
}

/** One option per ministry: code and full name. */
export function MinistryOptions() {
  return MINISTRY_CODES.map((code) => (
    <Select.Option key={code} value={code}>
      {code} – {MINISTRIES[code]}
    </Select.Option>
  ));
}
