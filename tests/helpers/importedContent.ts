import * as Y from 'yjs';
import { fragmentToProseMirror, narrativeFragment } from '../../shared/narrative.js';
import { narrativeUpdate } from '../../server/seed/buildRoundSeed.js';
import type { ImportedReport } from '../../shared/importedReport.js';
import type { ReportContent, ReportMeasure } from '../../shared/snapshotContent.js';

/** The round fields an imported report does not carry itself. */
export interface ImportedRound {
  id: string;
  title: string;
  planTitle: string;
  deadline: string;
}

/**
 * An imported report (e.g. the seed) as report content, each narrative as the Yjs document and
 * ProseMirror JSON the editor would hold for it: what the exporter renders, without a database.
 */
export function importedReportContent(report: ImportedReport, round: ImportedRound): ReportContent {
  const measures = report.measures.map((measure): ReportMeasure => {
    // The very update the server seeds the round with (addresses become links).
    const doc = new Y.Doc();
    Y.applyUpdate(doc, narrativeUpdate(measure.narrative));
    const narrative = fragmentToProseMirror(narrativeFragment(doc));
    const yjsState = Buffer.from(Y.encodeStateAsUpdate(doc)).toString('base64');
    doc.destroy();
    return {
      number: measure.number,
      title: measure.title,
      ministries: measure.ministries,
      planText: measure.planText,
      status: measure.status,
      ready: [],
      narrative,
      renderable: true,
      yjsState,
    };
  });
  return { round: { ...round, reportTitle: report.title, intro: report.intro }, measures };
}
