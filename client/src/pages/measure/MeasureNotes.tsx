import { lazy } from 'react';
import { LazyPart } from '../../components/LazyPart.js';
import { PlanText, type PlanTextModel } from './PlanText.js';
import type { ImportNotesModel } from './useSuggestions.js';

// The importer's notes (and the diff that places their suggestions) load only for a measure that has them.
const ImportNotes = lazy(() => import('./ImportNotes.js').then(({ ImportNotes }) => ({ default: ImportNotes })));

/** The plan's own text about the measure and what the importer noted about it, both folded unless there is work to do. */
export function MeasureNotes({ plan, notes }: { plan: PlanTextModel; notes: ImportNotesModel }) {
  return (
    <div className="measure__notes">
      <PlanText model={plan} />
      {notes.warnings.length > 0 && (
        <LazyPart>
          <ImportNotes model={notes} />
        </LazyPart>
      )}
    </div>
  );
}
