import type { HistoryMark } from '../../../../shared/history.js';
import { tChangeAuthors } from '../../strings/history.js';

/**
 * One history mark in words, without its time: "Ola Nordmann (JD): tekst", and the round when it
 * is not the page's own ("… i runden «Statusrapport februar 2012»").
 */
export function markText(mark: HistoryMark, roundId: string, roundTitle: (id: string) => string | null): string {
  const { author } = mark;
  const who = author === null ? tChangeAuthors.nobody : author.ministry ? `${author.name} (${author.ministry})` : author.name;
  const what = tChangeAuthors.kind[mark.kind];
  const round = mark.roundId === roundId ? '' : ` ${tChangeAuthors.inRound(roundTitle(mark.roundId) ?? mark.roundId)}`;
  return `${who}: ${what}${round},`;
}
