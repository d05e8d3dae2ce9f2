import { MINISTRIES, type MinistryCode } from '../../shared/ministries.js';
import { DEADLINE_TIME_ZONE } from '../../shared/round.js';
import type { ReportContent } from '../../shared/snapshotContent.js';
import { GRADES, type Status } from '../../shared/status.js';
import { blocksHaveText, cleanText, narrativeBlocks, type Block } from '../../shared/narrativeBlocks.js';
import type { ExportMeta } from './meta.js';
import { EXPORT_TEXT } from './strings.js';

export interface SummaryRow {
  number: number;
  /** Fragment id of the measure's section (`tiltak-7`). */
  anchor: string;
  title: string;
  ministries: { code: MinistryCode; name: string }[];
  /** `UD, JD, BLD` */
  ministriesText: string;
  status: Status;
}

export interface MeasureSection extends SummaryRow {
  /** `7 Sikre at norske utsendinger har kompetanse på menneskehandel (UD, JD)` */
  heading: string;
  /**
   * The plan's own text (what the action plan promised), as paragraphs: shown after the heading
   * and before `Status: X`, as in the report. Empty when there is none.
   */
  planText: string[];
  /** The narrative; empty when `notice` is shown instead. */
  blocks: Block[];
  /** What the section says instead of a narrative: nothing reported, or a narrative that cannot be shown. */
  notice: string | null;
}

/**
 * Everything the report says, in reading order, decided once for every format: the renderers
 * only choose how each piece looks.
 */
export interface ReportLayout {
  title: string;
  /** The document's name for a browser tab or file properties; starts with "UTKAST" for a draft. */
  documentTitle: string;
  /** The draft notice line, or null when the export is not a draft. */
  draftNotice: string | null;
  /** The plan, then the report's own period (the round's title), with the round's deadline on a draft only. */
  subtitle: string[];
  /** Intro paragraphs, each a list of lines. */
  intro: string[][];
  /** The sentence that introduces the grades, when the intro does not already end with it. */
  gradesLead: string | null;
  grades: string[];
  rows: SummaryRow[];
  sections: MeasureSection[];
  colophon: string[];
}

/** `29. februar 2012 kl. 12.00`, in Oslo time. */
export function formatOsloDateTime(iso: string): string {
  const parts = new Intl.DateTimeFormat('nb-NO', {
    timeZone: DEADLINE_TIME_ZONE,
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('day')}. ${part('month')} ${part('year')} kl. ${part('hour')}.${part('minute')}`;
}

/** `UD, JD, BLD` */
export function ministriesText(codes: readonly MinistryCode[]): string {
  return codes.join(', ');
}

/** Paragraphs (split at blank lines) of lines, trimmed, without empty ones. */
function paragraphsOf(text: string): string[][] {
  return cleanText(text)
    .split(/\n[ \t]*\n/)
    .map((paragraph) =>
      paragraph
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line !== ''),
    )
    .filter((lines) => lines.length > 0);
}

function colophonLines(meta: ExportMeta): string[] {
  const lines: string[] = [];
  const { snapshot } = meta;
  if (snapshot) {
    const who = snapshot.takenBy
      ? `${EXPORT_TEXT.snapshotByHand} ${cleanText(snapshot.takenBy.name)}`
      : EXPORT_TEXT.snapshotAtDeadline;
    lines.push(`${EXPORT_TEXT.snapshotTaken} ${formatOsloDateTime(snapshot.takenAt)} ${who}.`);
    if (snapshot.note) lines.push(`${EXPORT_TEXT.snapshotNote} ${cleanText(snapshot.note)}`);
    lines.push(`${EXPORT_TEXT.checksum} ${snapshot.sha256}`);
    lines.push(`${EXPORT_TEXT.generated} ${formatOsloDateTime(meta.generatedAt)}.`);
  } else {
    lines.push(`${EXPORT_TEXT.generated} ${formatOsloDateTime(meta.generatedAt)} ${EXPORT_TEXT.fromLiveRound}.`);
  }
  return lines;
}

/** The report's content and export metadata laid out as the seed report is. */
export function reportLayout(content: ReportContent, meta: ExportMeta): ReportLayout {
  const { round } = content;
  const title = cleanText(round.reportTitle).trim() || cleanText(round.title);
  const intro = paragraphsOf(round.intro);
  const introText = intro.flat().join(' ');
  const rows: SummaryRow[] = [...content.measures]
    .sort((a, b) => a.number - b.number)
    .map((measure) => ({
      number: measure.number,
      anchor: `tiltak-${measure.number}`,
      title: cleanText(measure.title),
      ministries: measure.ministries.map((code) => ({ code, name: MINISTRIES[code] })),
      ministriesText: ministriesText(measure.ministries),
      status: measure.status,
    }));
  const byNumber = new Map(content.measures.map((measure) => [measure.number, measure]));
  const sections = rows.map((row): MeasureSection => {
    const measure = byNumber.get(row.number);
    const blocks = measure?.renderable === false ? null : measure ? narrativeBlocks(measure.narrative) : [];
    const notice = blocks === null ? EXPORT_TEXT.notRenderable : blocksHaveText(blocks) ? null : EXPORT_TEXT.emptyNarrative;
    return {
      ...row,
      heading: `${row.number} ${row.title} (${row.ministriesText})`,
      planText: paragraphsOf(measure?.planText ?? '').map((lines) => lines.join(' ')),
      blocks: notice === null && blocks ? blocks : [],
      notice,
    };
  });
  return {
    title,
    documentTitle: meta.draft ? `${EXPORT_TEXT.draftMark} – ${title}` : title,
    draftNotice: meta.draft ? `${EXPORT_TEXT.draftMark} – ${EXPORT_TEXT.draftNotice}` : null,
    // A final report is of its period; when the round is due only matters while it is a draft.
    subtitle: [
      cleanText(round.planTitle),
      meta.draft ? `${cleanText(round.title)}, ${EXPORT_TEXT.deadline} ${formatOsloDateTime(round.deadline)}` : cleanText(round.title),
    ].filter((line) => line.trim() !== ''),
    intro,
    gradesLead: introText.includes(EXPORT_TEXT.gradesLabel) ? null : EXPORT_TEXT.gradesLead,
    grades: GRADES.map((grade) => grade.label),
    rows,
    sections,
    colophon: colophonLines(meta),
  };
}
