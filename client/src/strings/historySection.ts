/** The measure page's *Historikk* section as the page shows it, before the panel (client/src/strings/history.ts) is opened. */
export const tHistorySection = {
  heading: 'Historikk',
  show: 'Vis historikk',
  hide: 'Skjul historikk',
} as const;

/** *Vis hvem som skrev hva*: the narrative tinted by who wrote it. */
export const tAuthorship = {
  toggle: 'Vis hvem som skrev hva',
  legendHeading: 'Hvem skrev hva',
  legendIntro: 'Teksten er farget etter departementet til den som skrev den. Hold pekeren over teksten for å se navnet.',
  carriedOver: 'fra forrige runde',
  imported: 'Den importerte rapporten',
  unknown: 'Ukjent',
  you: 'deg',
  /** The tooltip of a passage. */
  passage: (who: string, carriedOver: boolean) => (carriedOver ? `Fra forrige runde – skrevet av ${who}` : `Skrevet av ${who}`),
  characters: (n: number) => (n === 1 ? '1 tegn' : `${n} tegn`),
  passagesSummary: 'Les teksten etter hvem som skrev den',
  passagesIntro: 'Teksten i rekkefølge, med hvem som skrev hver del.',
  nothing: 'Teksten er tom.',
  loading: 'Henter hvem som skrev teksten …',
  failed: 'Kunne ikke hente hvem som skrev teksten.',
} as const;
