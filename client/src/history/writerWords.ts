import { tAuthorship } from '../strings/history.js';
import type { Writer } from './authorship.js';

/** A writer as the legend and the tooltips name them: "Ola Nordmann (JD)", the imported report, or unknown. */
export function writerName(writer: Writer): string {
  if (writer.username === null) return writer.key.endsWith('import') ? tAuthorship.imported : tAuthorship.unknown;
  const name = writer.name ?? writer.username;
  return writer.ministry ? `${name} (${writer.ministry})` : name;
}

/** The tooltip of a writer's passage: who, and whether it came from the previous round. */
export const writerPassageTitle = (writer: Writer): string => tAuthorship.passage(writerName(writer), writer.carriedOver);
