/** Every text the UI shows, in Norwegian bokmål. */
export const t = {
  appName: 'Samskriv',
  loading: 'Laster …',
  loadFailed: 'Kunne ikke hente runden.',
  noRounds: 'Ingen rapporteringsrunder.',
  deadline: 'Frist',
  colNumber: 'Nr.',
  colTitle: 'Tiltak',
  colMinistries: 'Ansvarlig',
  colStatus: 'Status',
  measuresCaption: (count: number) => `Tiltaksoversikt (${count} tiltak)`,
  emptyNarrative: 'Ingen beskrivelse ennå',
} as const;
