import * as Y from 'yjs';
import { appendParagraphs, fragmentToProseMirror, narrativeFragment } from '../../shared/narrative.js';
import type { ImportedReport } from '../../shared/plan.js';
import type { ReportContent, ReportMeasure } from '../../shared/snapshot.js';

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
    const doc = new Y.Doc();
    const fragment = narrativeFragment(doc);
    if (measure.narrative.length > 0) appendParagraphs(fragment, measure.narrative);
    const narrative = fragmentToProseMirror(fragment);
    const yjsState = Buffer.from(Y.encodeStateAsUpdate(doc)).toString('base64');
    doc.destroy();
    return {
      number: measure.number,
      title: measure.title,
      ministries: measure.ministries,
      status: measure.status,
      ready: [],
      narrative,
      renderable: true,
      yjsState,
    };
  });
  return { round: { ...round, reportTitle: report.title, intro: report.intro }, measures };
}
