import { ImportNotes } from './ImportNotes.js';
import { PlanText, type PlanTextModel } from './PlanText.js';
import type { ImportNotesModel } from './useSuggestions.js';

/** The plan's own text about the measure and what the importer noted about it, both folded unless there is work to do. */
export function MeasureNotes({ plan, notes }: { plan: PlanTextModel; notes: ImportNotesModel }) {
  return (
    <div className="measure__notes">
      <PlanText model={plan} />
      <ImportNotes model={notes} />
    </div>
  );
}
