/** The page for an address, round, measure or snapshot that is not there (its own chunk: client/src/components/NotFound.tsx). */
export const tNotFound = {
  pageTitle: 'Fant ikke siden',
  pageText: 'Samskriv har ingen side med denne adressen. Kanskje er den skrevet feil, eller lenken er gammel.',
  roundTitle: 'Fant ikke runden',
  roundText: (roundId: string) => `Det finnes ingen rapporteringsrunde med kortnavnet «${roundId}». Kanskje er adressen skrevet feil.`,
  measureTitle: 'Fant ikke tiltaket',
  measureText: (n: number) => `Runden har ikke noe tiltak ${n}. Kanskje er adressen skrevet feil.`,
  snapshotTitle: 'Fant ikke øyeblikksbildet',
  snapshotText: 'Det finnes ikke noe øyeblikksbilde med denne adressen. Kanskje er den skrevet feil eller bare delvis kopiert.',
  linksLabel: 'Gå videre',
  toRound: 'Til oversikten over runden',
  toNewest: 'Til den nyeste åpne runden',
  toRounds: 'Alle rapporteringsrunder',
} as const;
