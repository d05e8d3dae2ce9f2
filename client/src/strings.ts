import type { ImportWarning } from '../../shared/plan.js';

/**
 * Every text the UI shows, in Norwegian bokmål, in one place so that another language
 * (nynorsk) is one more object of the same shape.
 */
export const t = {
  appName: 'Samskriv',
  skipToContent: 'Hopp til hovedinnhold',
  loading: 'Laster …',
  loadFailed: 'Kunne ikke hente data fra serveren.',
  notFound: 'Fant ikke siden.',
  backToOverview: 'Til oversikten',
  noRounds: 'Ingen rapporteringsrunder.',
  deadline: 'Frist',

  retry: 'Prøv igjen',
  cancel: 'Avbryt',

  // Signing in
  signInTitle: 'Logg inn',
  signInDocumentTitle: 'Logg inn – Samskriv',
  signInIntro: 'Logg inn med brukernavnet og passordet du har fått fra sekretariatet.',
  username: 'Brukernavn',
  password: 'Passord',
  signInSubmit: 'Logg inn',
  signingIn: 'Logger inn …',
  signInErrorsTitle: 'Du kan ikke logge inn ennå',
  usernameMissing: 'Skriv brukernavnet ditt.',
  passwordMissing: 'Skriv passordet ditt.',
  wrongCredentials: 'Brukernavnet eller passordet er feil. Sjekk at du har skrevet riktig, og prøv igjen.',
  tooManyAttempts: (wait: string, until: string | null) =>
    `For mange mislykkede forsøk på å logge inn. Vent ${wait}${until ? ` (til kl. ${until})` : ''} før du prøver igjen.`,
  tooManyAttemptsNoTime: 'For mange mislykkede forsøk på å logge inn. Vent litt før du prøver igjen.',
  waitFor: (seconds: number) => {
    if (seconds < 60) return seconds === 1 ? '1 sekund' : `${seconds} sekunder`;
    const minutes = Math.ceil(seconds / 60);
    return minutes === 1 ? '1 minutt' : `${minutes} minutter`;
  },
  signInUnreachable: 'Fikk ikke kontakt med serveren. Sjekk nettforbindelsen og prøv igjen.',
  signInFailed: 'Innloggingen mislyktes på grunn av en feil på serveren. Prøv igjen om litt.',
  sessionEnded: 'Du er blitt logget ut, for eksempel fordi økten var utløpt. Logg inn igjen for å fortsette der du var.',
  sessionUnreachable: 'Fikk ikke kontakt med serveren, og denne nettleseren har ingen innlogging lagret. Prøv igjen når du er tilkoblet.',

  // Who is signed in
  role: { coordinator: 'Koordinator', editor: 'Redaktør', reader: 'Leser' },
  signedInAs: 'Logget inn som',
  signOut: 'Logg ut',
  signingOut: 'Logger ut …',
  signOutUnsyncedTitle: 'Endringene dine er ikke lagret på serveren',
  signOutUnsyncedText:
    'Du har endringer som serveren ikke har bekreftet ennå. Logger du ut nå, slettes de fra denne nettleseren og går tapt. Vent til du er tilkoblet og endringene er lagret, eller logg ut likevel.',
  signOutAnyway: 'Logg ut likevel',
  signOutFailed: 'Kunne ikke logge ut fordi serveren ikke svarer. Prøv igjen når du er tilkoblet.',

  // Connection
  connection: {
    connected: 'Tilkoblet',
    connecting: 'Kobler til …',
    offline: 'Frakoblet',
  },
  unsynced: 'Endringer som ikke er lagret på serveren ennå',
  offlineHint: 'Du kan skrive videre. Endringene lagres i nettleseren og sendes når du er tilkoblet igjen.',

  // Overview
  overviewTitle: 'Tiltaksoversikt',
  measuresCaption: (shown: number, total: number) =>
    shown === total ? `Alle ${total} tiltak` : `${shown} av ${total} tiltak`,
  colNumber: 'Nr.',
  colTitle: 'Tiltak',
  colMinistries: 'Ansvarlig',
  colStatus: 'Status',
  filterMinistry: 'Departement',
  filterStatus: 'Status',
  filterAll: 'Alle',
  filterMine: 'Bare tiltak jeg kan skrive i',
  writable: 'Du kan skrive i dette tiltaket',
  search: 'Søk',
  searchHint: 'Nummer eller ord fra tittelen',
  noMatches: 'Ingen tiltak passer med filteret.',
  statusCounts: 'Antall tiltak per status',
  emptyNarrative: 'Ingen beskrivelse ennå',
  openThreads: (n: number) => (n === 1 ? '1 åpen kommentar' : `${n} åpne kommentarer`),
  waitingForUs: (ministry: string) => `Venter på oss (${ministry})`,
  waitingForUsIntro: (ministry: string) => `Kommentarer der noen har bedt ${ministry} om svar, og ingen fra ${ministry} har svart ennå.`,
  waitingForUsEmpty: (ministry: string) => `Ingen kommentarer venter på svar fra ${ministry}.`,
  waitingForAny: 'Venter på svar fra departementene',
  waitingForAnyIntro: 'Åpne kommentarer der noen har bedt et departement om svar, og departementet ikke har svart ennå.',
  waitingForAnyEmpty: 'Ingen kommentarer venter på svar.',
  waitingMeasure: (n: number, title: string) => `Tiltak ${n}: ${title}`,
  openMeasure: (n: number, title: string) => `Tiltak ${n}: ${title}`,

  // Measure page
  measureHeading: (n: number, title: string) => `${n} ${title}`,
  responsible: 'Ansvarlig',
  status: 'Status',
  statusSaved: 'Status lagret.',
  statusFailed: 'Kunne ikke lagre status.',
  statusForbidden: 'Du har ikke lov til å endre status på dette tiltaket.',
  readOnlyTitle: 'Bare lesetilgang',
  readOnlyOtherMinistry: (owners: readonly string[], own: string) =>
    `Du kan lese dette tiltaket, men ikke skrive i det: det er ${listAnd(owners.map((code) => `${code}s`))} ansvar, og du er logget inn for ${own}.`,
  readOnlyReader: 'Du kan lese dette tiltaket, men ikke skrive i det: kontoen din har bare lesetilgang.',
  readOnlyNoMinistry: 'Du kan lese dette tiltaket, men ikke skrive i det: kontoen din er ikke knyttet til noe departement.',
  planText: 'Tiltaket i handlingsplanen',
  narrative: 'Rapportering',
  narrativeLabel: (n: number) => `Rapportering for tiltak ${n}`,
  importNotes: 'Merknader fra importen av rapporten',
  presenceTitle: 'Skriver nå',
  presenceAlone: 'Ingen andre på dette tiltaket nå.',

  // Comment threads
  comments: 'Kommentarer',
  commentSelection: 'Kommenter',
  commentSelectionTitle: 'Kommenter den merkede teksten (Ctrl+Alt+M)',
  commentNeedsSelection: 'Merk teksten du vil kommentere, og velg Kommenter igjen.',
  commentOnMeasure: 'Kommenter hele tiltaket',
  newThreadOnMeasure: 'Ny kommentar til hele tiltaket',
  newThreadOnSelection: 'Ny kommentar til den merkede teksten',
  commentHint: 'Skriv for eksempel @JD for å be et departement om svar.',
  commentEmpty: 'Skriv en kommentar først.',
  send: 'Send',
  reply: 'Svar',
  replyLabel: 'Svar i tråden',
  edit: 'Rediger',
  editLabel: 'Rediger kommentaren',
  save: 'Lagre',
  delete: 'Slett',
  deleteConfirm: 'Vil du slette kommentaren?',
  deleteConfirmLast: 'Vil du slette kommentaren? Den er den eneste i tråden, så tråden forsvinner også.',
  edited: '(redigert)',
  resolve: 'Marker som løst',
  reopen: 'Gjenåpne',
  resolvedBy: (name: string) => `Løst av ${name}`,
  wholeMeasure: 'Gjelder hele tiltaket',
  quoteLabel: 'Kommentert tekst',
  passageRemoved: 'Teksten er fjernet',
  waitingFor: (codes: readonly string[]) => `Venter på svar fra ${listAnd(codes)}`,
  noThreads: 'Ingen åpne kommentarer.',
  resolvedThreads: (n: number) => `Løste kommentarer (${n})`,
  threadLabel: (name: string, quote: string | null) => (quote ? `Kommentar fra ${name} til «${quote}»` : `Kommentar fra ${name} til hele tiltaket`),
  threadsLoadFailed: 'Kunne ikke hente kommentarene.',
  commentFailed: 'Kunne ikke lagre. Prøv igjen.',
  commentForbidden: 'Du har ikke lov til dette.',
  highlightTitle: (name: string) => `Kommentert av ${name}. Klikk for å se kommentaren.`,
  announceComment: (name: string, body: string) => `Ny kommentar fra ${name}: ${body}`,
  announceResolved: (name: string) => `${name} markerte en kommentar som løst.`,
  announceOwnResolved: 'Kommentaren er markert som løst.',
  announceDeleted: 'Kommentaren er slettet.',
  authorName: (name: string, ministry: string | null) => (ministry ? `${name} (${ministry})` : name),

  // Toolbar
  toolbar: 'Formatering',
  bold: 'Fet',
  italic: 'Kursiv',
  heading2: 'Overskrift 2',
  heading3: 'Overskrift 3',
  bulletList: 'Punktliste',
  orderedList: 'Nummerert liste',
  undo: 'Angre',
  redo: 'Gjør om',
} as const;


/** "a", "a og b", "a, b og c". */
function listAnd(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} og ${items[items.length - 1] ?? ''}`;
}

/** What the importer found in the 2012 report, said in Norwegian from the warning's code and values. */
export function importWarningText({ code, values }: ImportWarning): string {
  switch (code) {
    case 'status_mismatch':
      return `Sammendragstabellen sier «${values.table ?? ''}», men omtalen sier «Status: ${values.section ?? ''}». Tabellens status er brukt.`;
    case 'missing_section':
      return 'Rapporten har ingen egen omtale av dette tiltaket.';
    case 'ministries_wrapped':
      return `Departementslisten var delt over flere linjer i tabellen (${values.raw ?? ''}) og er lest som ${values.ministries ?? ''}.`;
    case 'ministries_mismatch':
      return 'Tabellen og overskriften nevner ulike departementer.';
    case 'no_status_line':
      return values.split === 'curated'
        ? `Omtalen har ingen «Status:»-linje. Skillet mellom handlingsplanens tekst og rapporteringen er satt ved «${values.hint ?? ''}».`
        : 'Omtalen har ingen «Status:»-linje. Hele omtalen er tatt med som rapportering.';
    case 'truncated_page':
      return `Side ${values.page ?? ''} i kilden slutter midt i en setning («… ${values.lastWords ?? ''}»). Tekst kan mangle.`;
  }
}
