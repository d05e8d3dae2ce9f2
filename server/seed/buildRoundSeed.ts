import * as Y from 'yjs';
import { measureDocName } from '../../shared/documentLayout.js';
import { appendParagraphs, narrativeFragment } from '../../shared/narrative.js';
import { osloDate } from '../../shared/osloTime.js';
import { osloWallTimeToIso } from '../../shared/osloInstant.js';
import type { ImportedReport } from '../../shared/importedReport.js';
import type { RoundSeed } from '../store/types.js';
import { linkAddresses } from './addresses.js';

/** The embedded default: the action plan against human trafficking and its first report. */
export const DEFAULT_PLAN = {
  id: 'menneskehandel-2011-2014',
  title: 'Regjeringens handlingsplan mot menneskehandel (2011–2014)',
} as const;
export const DEFAULT_ROUND = { id: 'statusrapport-2012-02', title: 'Statusrapport februar 2012' } as const;

/** Days from first start to the embedded round's deadline, so a fresh install can be written in. */
export const DEFAULT_DEADLINE_DAYS = 14;
/** Wall-clock time in Oslo of that deadline. */
export const DEFAULT_DEADLINE_TIME = '12:00';

/**
 * A Yjs document update holding the narrative paragraphs, as the server's own first update;
 * web and e-mail addresses written in them become links (the text stays as written).
 */
export function narrativeUpdate(paragraphs: readonly string[]): Uint8Array {
  const doc = new Y.Doc();
  if (paragraphs.length > 0) appendParagraphs(narrativeFragment(doc), paragraphs.map(linkAddresses));
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

/** Client ids an update brings structs of. */
function clientsOf(update: Uint8Array): number[] {
  return [...Y.parseUpdateMeta(update).to.keys()];
}

/** Everything the store writes, in one transaction, to create the embedded round. */
export function buildRoundSeed(report: ImportedReport, now: Date): RoundSeed {
  const deadlineDay = osloDate(new Date(now.getTime() + DEFAULT_DEADLINE_DAYS * 86_400_000));
  return {
    plan: { ...DEFAULT_PLAN, reportTitle: report.title },
    round: {
      ...DEFAULT_ROUND,
      deadline: osloWallTimeToIso(deadlineDay, DEFAULT_DEADLINE_TIME),
      intro: report.intro,
    },
    measures: report.measures.map((m) => {
      const initialUpdate = narrativeUpdate(m.narrative);
      return {
        number: m.number,
        title: m.title,
        ministries: m.ministries,
        status: m.status,
        planText: m.planText,
        narrativeEmpty: m.narrative.length === 0,
        docName: measureDocName(DEFAULT_ROUND.id, m.number),
        initialUpdate,
        // The importer's text is nobody's: its client id is recorded as the imported report's.
        clients: clientsOf(initialUpdate),
      };
    }),
    warnings: report.warnings,
    createdAt: now.toISOString(),
  };
}
