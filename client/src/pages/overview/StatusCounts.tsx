import { Heading } from '@digdir/designsystemet-react';
import type { MeasureSummary } from '../../../../shared/measureSummary.js';
import { STATUSES, gradeOf } from '../../../../shared/status.js';
import { t } from '../../strings.js';

/** How many measures have each status: a bar per status, with the number written out. */
export function StatusCounts({ measures }: { measures: readonly MeasureSummary[] }) {
  const max = Math.max(1, ...STATUSES.map((s) => measures.filter((m) => m.status === s).length));
  return (
    <section aria-labelledby="status-counts-title" className="counts">
      <Heading level={2} data-size="xs" id="status-counts-title">
        {t.statusCounts}
      </Heading>
      <ul data-testid="status-counts" className="counts__list">
        {STATUSES.map((s) => {
          const count = measures.filter((m) => m.status === s).length;
          return (
            <li key={s} data-status={s} className="counts__row">
              <span className="counts__label">{s}</span>
              <span className={`counts__bar counts__bar--${gradeOf(s).id}`} style={{ width: `${(count / max) * 100}%` }} aria-hidden="true" />
              <span className="counts__value">{count}</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
