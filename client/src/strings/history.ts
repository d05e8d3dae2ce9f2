/** A measure's history (the *Historikk* panel) and who wrote what in its text. */
export const tHistory = {
  intro:
    'Hver versjon er endringene én person gjorde i teksten i løpet av noen minutter. Endringer av status og klarmelding står i samme liste. Nyeste først.',
  listLabel: 'Versjoner og endringer, nyeste først',
  empty: 'Ingen historikk ennå.',
  refresh: 'Oppdater listen',
  noAuthor: 'Ingen person',
  importedAuthor: 'Rapporten slik den ble importert',
  kind: {
    narrative: 'Endret teksten',
    restore: 'Gjenopprettet en tidligere versjon',
    carriedOver: 'Teksten fra forrige runde',
    imported: 'Teksten fra den importerte rapporten',
  },
  restoredFrom: (when: string) => `Gjenopprettet versjonen fra ${when}`,
  carriedFrom: (round: string) => `Teksten fra runden «${round}»`,
  statusChange: (before: string, after: string) => `Endret status fra «${before}» til «${after}»`,
  readyChange: (ministry: string, ready: boolean) => (ready ? `Markerte ${ministry}s del som klar` : `Tok tilbake klarmeldingen for ${ministry}`),
  /** The short form for the eye; `wordsSpoken` for the ear. */
  wordsShort: (added: number, removed: number) => `+${added} / −${removed} ord`,
  wordsSpoken: (added: number, removed: number) => `${added} ord lagt til, ${removed} ord fjernet`,
  open: 'pågår',
  openSpoken: '(personen skriver fortsatt, versjonen kan bli lengre)',
  showVersion: 'Vis',
  showVersionSpoken: (when: string, who: string) => `versjonen fra ${when} av ${who}`,
  versionHeading: (when: string) => `Versjonen fra ${when}`,
  versionBy: (who: string) => `Skrevet av ${who}.`,
  textThen: 'Teksten etter denne versjonen',
  emptyThen: 'Teksten var tom.',
  notRenderable: 'Teksten i denne versjonen kan ikke vises, fordi den var nøstet dypere eller var større enn grensene. Den kan likevel gjenopprettes.',
  diffHeading: 'Forskjeller fra denne versjonen til nå',
  diffLegend: 'Tekst som er kommet til siden, er understreket. Tekst som er fjernet siden, er gjennomstreket.',
  sameNow: 'Teksten er den samme nå.',
  wholeText: 'Vis hele teksten',
  closeVersion: 'Lukk versjonen',
  restore: 'Gjenopprett',
  restoreConfirmTitle: 'Gjenopprette denne versjonen?',
  restoreConfirmText: (when: string) =>
    `Teksten blir slik den var etter versjonen fra ${when}. Det lagres som en ny endring fra deg; alle tidligere versjoner blir liggende i historikken, og det andre skriver akkurat nå, blir ikke borte.`,
  restoreConfirm: 'Gjenopprett teksten',
  restoring: 'Gjenoppretter …',
  restored: (when: string) => `Gjenopprettet. Teksten er som etter versjonen fra ${when}.`,
  restoredSame: 'Teksten var allerede slik. Ingenting ble endret.',
  restoreFailed: (why: string) => `Teksten ble ikke gjenopprettet: ${why}`,
  /** A refusal without words of its own here (client/src/strings/serverRefusal.ts), after the first sentence. */
  restoreRefused: (sentence: string) => `Teksten ble ikke gjenopprettet. ${sentence}`,
  versionGone: 'Fant ikke versjonen.',
  restoreImpossible: 'denne versjonen kan ikke gjenopprettes i editoren.',
  restoreForbidden: 'du kan ikke skrive i dette tiltaket nå.',
  restoreUnreachable: 'fikk ikke kontakt med serveren. Prøv igjen.',
} as const;

/** The compare page's "who changed it, and when". */
export const tChangeAuthors = {
  heading: 'Endret av',
  kind: {
    narrative: 'tekst',
    restore: 'gjenopprettet tekst',
    carriedOver: 'overført fra forrige runde',
    imported: 'importert',
    status: 'status',
    ready: 'klarmelding',
  },
  inRound: (title: string) => `i runden «${title}»`,
  more: (n: number) => `Vis ${n} til`,
  nobody: 'Ingen person',
} as const;
