import { CircleCheck, History, Hourglass } from 'lucide-react';
import { MINISTRIES } from '../../../shared/ministries.js';
import { tReady } from '../strings.js';
import { isReadyFor, type ReadinessOf } from './readiness.js';

/** Each responsible ministry with its part ready or not, as an icon and a word (never colour alone). */
export function MeasureReadiness({ measure, label }: { measure: ReadinessOf; label?: string }) {
  return (
    <ul className="readiness" data-testid="readiness" aria-label={label}>
      {measure.ministries.map((code) => {
        const ready = isReadyFor(measure, code);
        return (
          <li key={code} data-ministry={code} data-ready={String(ready)} className={`readiness__part readiness__part--${ready ? 'ready' : 'waiting'}`}>
            {ready ? <CircleCheck aria-hidden="true" size={16} /> : <Hourglass aria-hidden="true" size={16} />}
            <span>
              <abbr title={MINISTRIES[code]}>{code}</abbr> {ready ? tReady.ready : tReady.waiting}
            </span>
          </li>
        );
      })}
    </ul>
  );
}

/** "Ikke oppdatert i denne runden": carried over from the previous round and untouched since. */
export function CarriedOverMark({ withHint = false }: { withHint?: boolean }) {
  return (
    <span data-testid="carried-over" className="carried-over">
      <History aria-hidden="true" size={16} /> {tReady.carriedOver}
      {withHint && <span className="carried-over__hint"> {tReady.carriedOverHint}</span>}
    </span>
  );
}
