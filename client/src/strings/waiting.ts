/**
 * The overview's *Venter på oss* (threads/WaitingList.tsx, loaded after the page, so these words
 * are not in every page's download).
 */
export const tWaiting = {
  forUs: (ministry: string) => `Venter på oss (${ministry})`,
  forUsIntro: (ministry: string) => `Kommentarer der noen har bedt ${ministry} om svar, og ingen fra ${ministry} har svart ennå.`,
  forUsEmpty: (ministry: string) => `Ingen kommentarer venter på svar fra ${ministry}.`,
  forAny: 'Venter på svar fra departementene',
  forAnyIntro: 'Åpne kommentarer der noen har bedt et departement om svar, og departementet ikke har svart ennå.',
  forAnyEmpty: 'Ingen kommentarer venter på svar.',
  measure: (n: number, title: string) => `Tiltak ${n}: ${title}`,
  inRound: (title: string) => `I runden «${title}»`,
  acrossRounds: 'Gjelder alle åpne runder.',
} as const;
