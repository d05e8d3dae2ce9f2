import { parseMeasureDocName } from '../../shared/documentLayout.js';
import { toSummary } from '../measures/views.js';
import type { Command } from './command.js';

/**
 * After a narrative changed: records whether it is empty and that the measure was updated in its
 * round (no longer "carried over"); publishes the measure when either changed. The sync layer
 * only says that a narrative changed; this decides what that means for the round.
 */
export function recordNarrativeState(docName: string, empty: boolean): Command<void> {
  return async (tx) => {
    const target = parseMeasureDocName(docName);
    if (!target) return { result: undefined, events: [] };
    const emptinessChanged = await tx.setNarrativeEmpty(target.roundId, target.number, empty);
    const updated = await tx.markUpdated(target.roundId, target.number);
    if (!emptinessChanged && !updated) return { result: undefined, events: [] };
    const record = await tx.getMeasure(target.roundId, target.number);
    return {
      result: undefined,
      events: record ? [{ type: 'measure', roundId: target.roundId, measure: toSummary(record) }] : [],
      // Who wrote is the narrative's history; this records what the round made of it.
      audit: [
        {
          actor: { kind: 'system' },
          kind: 'narrative.state',
          target: { roundId: target.roundId, measure: target.number, id: null },
          before: null,
          after: { empty, ...(updated ? { carriedOver: false } : {}) },
        },
      ],
    };
  };
}
