import { tAuthorship } from '../strings/historySection.js';
import type { Writer } from './authorship.js';

/**
 * How writers are named and marked, in the legend (which loads with the measure page) and on the
 * painted text (AuthorshipPainter, which loads when *Vis hvem som skrev hva* is first turned on).
 */

/** A writer as the legend and the tooltips name them: "Ola Nordmann (JD)", the imported report, or unknown. */
export function writerName(writer: Writer): string {
  if (writer.username === null) return writer.key.endsWith('import') ? tAuthorship.imported : tAuthorship.unknown;
  const name = writer.name ?? writer.username;
  return writer.ministry ? `${name} (${writer.ministry})` : name;
}

/** The class that gives a writer's text its ministry's colour (styles.css), with a mark for carried-over text. */
export function writerClass(writer: Writer): string {
  const colour = writer.username === null ? (writer.key.endsWith('import') ? 'imported' : 'unknown') : (writer.ministry?.toLowerCase() ?? 'none');
  return `authored authored--${colour}${writer.carriedOver ? ' authored--carried' : ''}`;
}

/** The legend entry's id for a writer, which each of their passages points to. */
export const legendId = (writer: Writer): string => `authorship-${writer.key.replace(/[^a-zA-Z0-9_-]/g, '_')}`;

/** The tooltip of a writer's passage: who, and whether it came from the previous round. */
export const writerPassageTitle = (writer: Writer): string => tAuthorship.passage(writerName(writer), writer.carriedOver);
