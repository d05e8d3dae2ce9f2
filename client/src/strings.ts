import { MAX_TABLE_COLUMNS, MAX_TABLE_ROWS, MAX_TITLE_CHARS } from '../../shared/limits.js';
import type { ImportWarning, SuggestionField } from '../../shared/plan.js';
import type { DeadlineDistance } from './deadline.js';

/** The fields of a measure an importer's suggestion is about, as the object of a sentence. */
const FIELD_NAMES: Record<SuggestionField, string> = {
  title: 'tittelen',
  planText: 'teksten fra handlingsplanen',
  narrative: 'rapporteringen',
};

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
  signInWithProvider: (provider: string) => `Logg inn med ${provider}`,
  signInProviderIntro: 'Logg inn med brukeren du har i virksomheten din.',
  signInPasswordAlternative: 'Har du fått brukernavn og passord fra sekretariatet, kan du logge inn med dem her.',
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
  signInBusy: (wait: string) => `Mange logger inn akkurat nå. Vent ${wait} og prøv igjen.`,
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
  readOnlyTitle: 'Bare lesetilgang',
  readOnlyOtherMinistry: (owners: readonly string[], own: string) =>
    `Du kan lese dette tiltaket, men ikke skrive i det: det er ${listAnd(owners.map((code) => `${code}s`))} ansvar, og du er logget inn for ${own}.`,
  readOnlyReader: 'Du kan lese dette tiltaket, men ikke skrive i det: kontoen din har bare lesetilgang.',
  readOnlyNoMinistry: 'Du kan lese dette tiltaket, men ikke skrive i det: kontoen din er ikke knyttet til noe departement.',
  planText: 'Tiltaket i handlingsplanen',
  narrative: 'Rapportering',
  narrativeLabel: (n: number) => `Rapportering for tiltak ${n}`,
  importNotes: 'Merknader fra importen av rapporten',
  importNotesSummary: (n: number) => `Merknader fra importen av rapporten (${n})`,
  planTextEmpty: 'Det er ikke registrert noen tekst fra handlingsplanen for dette tiltaket.',
  presenceTitle: 'Skriver nå',
  presenceAlone: 'Ingen andre på dette tiltaket nå.',

  // The title and plan text (coordinator)
  editPlanFields: 'Endre tittel og tekst',
  fieldMeasureTitle: 'Tittel',
  fieldPlanText: 'Tiltaket i handlingsplanen',
  fieldPlanTextHint: 'Handlingsplanens egen tekst om tiltaket. Den står i rapporten mellom overskriften og status. La en tom linje skille avsnitt.',
  savePlanFields: 'Lagre tittel og tekst',
  savingPlanFields: 'Lagrer …',
  planFieldsSaved: 'Tittelen og teksten fra handlingsplanen er lagret.',
  planFieldsUnchanged: 'Du har ikke endret noe.',
  measureTitleMissing: 'Skriv en tittel.',
  measureTitleInvalid: `Tittelen må være én linje på høyst ${MAX_TITLE_CHARS} tegn.`,
  planTextInvalid: 'Teksten fra handlingsplanen kan være høyst 20 000 tegn.',
  planFieldsForbidden: 'Bare koordinatoren kan endre tittelen og teksten fra handlingsplanen.',
  planFieldChangedSince: (field: 'title' | 'planText', now: string) =>
    field === 'title'
      ? `Noen andre har endret tittelen etter at du begynte, og ingenting er lagret. Nå er tittelen «${now}». Lagre igjen for å bruke din tittel i stedet.`
      : 'Noen andre har endret teksten fra handlingsplanen etter at du begynte, og ingenting er lagret. Avbryt for å se den nye teksten, eller lagre igjen for å bruke din tekst i stedet.',

  // The importer's suggestions
  suggestionFor: {
    title: 'Gjelder tittelen.',
    planText: 'Gjelder teksten fra handlingsplanen.',
    narrative: 'Gjelder rapporteringen.',
  } satisfies Record<SuggestionField, string>,
  applySuggestion: 'Bruk forslaget',
  applyingSuggestion: 'Bruker forslaget …',
  suggestionDone: (found: string, field: SuggestionField) => `«${found}» er rettet i ${FIELD_NAMES[field]}.`,
  suggestionAmbiguous: (find: string, field: SuggestionField) =>
    `«${find}» står nå flere steder i ${FIELD_NAMES[field]}, så forslaget kan ikke brukes med én knapp. Rett det for hånd der det trengs.`,
  suggestionAppliedNow: (replace: string) => `Forslaget er brukt: «${replace}».`,
  suggestionGone: 'Teksten er endret i mellomtiden, så forslaget ble ikke brukt.',
  suggestionForbidden: 'Bare koordinatoren kan bruke forslagene fra importen.',
  suggestionUnreachable: 'Fikk ikke kontakt med serveren, så forslaget ble ikke brukt. Prøv igjen når du er tilkoblet.',

  // Comment threads
  comments: 'Kommentarer',
  commentSelection: 'Kommenter',
  commentSelectionTitle: 'Kommenter den merkede teksten (Ctrl+Alt+M)',
  narrativeTooDeep: 'Det kan ikke legges flere nivåer inni hverandre her (lister i lister eller sitater i sitater). Endringen ble ikke gjort.',
  commentNeedsSelection: 'Merk teksten du vil kommentere, og velg Kommenter igjen.',
  commentOnMeasure: 'Kommenter hele tiltaket',
  newThreadOnMeasure: 'Ny kommentar til hele tiltaket',
  newThreadOnSelection: 'Ny kommentar til den merkede teksten',
  commentHint: 'Skriv @ for å nevne et departement eller en person, for eksempel @JD for å be JD om svar.',
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
  link: 'Lenke',
  insertTable: 'Sett inn tabell',
  addTableRow: 'Legg til rad under',
  addTableColumn: 'Legg til kolonne til høyre',
  deleteTableRow: 'Slett rad',
  deleteTableColumn: 'Slett kolonne',
  tableHeaderRow: 'Overskriftsrad',
  deleteTable: 'Slett tabell',
  tableLabel: 'Tabell',
  tableTooLarge: `En tabell kan ha høyst ${MAX_TABLE_COLUMNS} kolonner og ${MAX_TABLE_ROWS} rader. Endringen ble ikke gjort.`,
  linkForm: 'Lenke i teksten',
  linkAddress: 'Adresse',
  linkAddressHint: 'En nettadresse (for eksempel www.regjeringen.no) eller en e-postadresse.',
  linkMissing: 'Skriv adressen lenken skal gå til.',
  linkInvalid: 'Skriv en nettadresse (http:// eller https://) eller en e-postadresse.',
  setLink: 'Legg inn lenke',
  removeLink: 'Fjern lenke',
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
    case 'title_mismatch':
      return `Sammendragstabellen kaller tiltaket «${values.table ?? ''}», men overskriften sier «${values.section ?? ''}». Tabellens tittel er brukt.`;
    case 'conversion_damage':
      return `«${values.found ?? ''}» ble trolig skadet da kilden ble laget fra PDF. Forslag: «${values.suggested ?? ''}». Teksten er ikke endret.`;
  }
}

/**
 * The texts of the rounds, snapshots, export and "what changed" pages (kept apart from `t` only
 * so that the pages that load separately add their words in one block).
 */
export const tRounds = {
  // Navigation in the header
  nav: 'Navigasjon',
  navRounds: 'Alle runder',
  navOverview: 'Tiltaksoversikt',
  navSnapshots: 'Øyeblikksbilder',
  navChanges: 'Hva er endret',
  navSettings: 'Innstillinger',

  state: { open: 'Åpen', frozen: 'Frosset' },
  frozenSince: (when: string) => `Frosset ${when}`,
  forbidden: 'Bare koordinatoren kan gjøre dette.',
  failed: (message: string) => `Det mislyktes: ${message}`,
  unreachable: 'Fikk ikke kontakt med serveren. Sjekk nettforbindelsen og prøv igjen.',
  pageLoadFailed: 'Kunne ikke laste siden. Kanskje er det kommet en ny versjon, eller du er frakoblet.',
  reload: 'Last inn på nytt',

  // Rounds
  roundsTitle: 'Rapporteringsrunder',
  roundsIntro: 'Hver runde er én statusrapport med egen frist. Ved fristen låses runden med et øyeblikksbilde av hele rapporten.',
  roundsCaption: (n: number) => (n === 1 ? '1 runde' : `${n} runder`),
  colRound: 'Runde',
  colDeadline: 'Frist (norsk tid)',
  colState: 'Tilstand',
  colPrevious: 'Forrige runde',
  noPrevious: 'Ingen (første runde)',
  roundLinks: (title: string) => `Sider for ${title}`,

  newRoundTitle: 'Ny runde',
  newRoundCarryOver: (title: string) =>
    `Den nye runden starter med innholdet fra den siste runden, «${title}»: status, departementer og rapportering for hvert tiltak kopieres over. Hvert tiltak er merket som ikke oppdatert i denne runden til noen endrer det.`,
  newRoundNoPrevious: 'Den nye runden starter med innholdet fra den siste runden.',
  fieldTitle: 'Tittel',
  fieldTitleHint: 'For eksempel «Statusrapport februar 2013».',
  fieldId: 'Kortnavn i adressen (valgfritt)',
  fieldIdHint: 'Små bokstaver a–z, tall og bindestrek. Lages av tittelen hvis du lar feltet stå tomt.',
  deadlineLegend: 'Frist',
  deadlineHint: 'Norsk tid. Når fristen går ut, låses runden med et øyeblikksbilde.',
  fieldDate: 'Dato',
  fieldTime: 'Klokkeslett',
  fieldIntro: 'Innledning',
  fieldIntroHint: 'Står først i rapporten, før tiltaksoversikten.',
  createRound: 'Opprett runde',
  creatingRound: 'Oppretter …',

  titleMissing: 'Skriv en tittel.',
  titleInvalid: 'Tittelen kan være høyst 200 tegn.',
  deadlineMissing: 'Velg både dato og klokkeslett for fristen.',
  deadlineInvalid: 'Fristen må være en gyldig dato og et gyldig klokkeslett.',
  introInvalid: 'Innledningen er for lang (høyst 20 000 tegn).',
  idTaken: 'Det finnes allerede en runde med dette kortnavnet. Velg et annet.',
  idInvalid: 'Kortnavnet kan bare ha små bokstaver a–z, tall og bindestrek, og må begynne med en bokstav eller et tall.',
  noteInvalid: 'Merknaden kan være høyst 500 tegn.',
  noRoundToCarryOver: 'Det finnes ingen runde å kopiere innholdet fra.',

  // Round settings
  settingsTitle: 'Innstillinger for runden',
  settingsOf: (title: string) => `Innstillinger: ${title}`,
  coordinatorOnly: 'Bare koordinatoren kan endre runden, gjenåpne den og ta øyeblikksbilder. Du kan se øyeblikksbildene og hva som er endret.',
  roundIsOpen: 'Runden er åpen: redaktørene i departementene kan skrive til fristen går ut.',
  roundIsFrozen: 'Runden er frosset: redaktørene kan bare lese. Koordinatoren kan fortsatt skrive.',
  editRoundHeading: 'Tittel, frist og innledning',
  saveRound: 'Lagre endringene',
  savingRound: 'Lagrer …',
  roundSaved: 'Endringene er lagret.',
  nothingChanged: 'Du har ikke endret noe.',
  reopenHeading: 'Gjenåpne runden',
  reopenText:
    'Gjenåpner du runden, kan redaktørene skrive igjen. Fristen som frøs runden, fryser den ikke på nytt: flytt fristen hvis runden skal låses igjen senere.',
  reopenButton: 'Gjenåpne runden',
  reopenConfirmTitle: 'Vil du gjenåpne runden?',
  reopenConfirmText: 'Redaktørene i departementene kan da endre status og rapportering igjen.',
  reopenConfirm: 'Gjenåpne',
  reopening: 'Gjenåpner …',

  // Taking a snapshot
  takeSnapshotHeading: 'Ta øyeblikksbilde',
  takeSnapshotText:
    'Et øyeblikksbilde er en låst kopi av hele rapporten slik den er nå. Det kan ikke endres eller slettes, og kan eksporteres og sammenlignes med senere versjoner.',
  snapshotNote: 'Merknad (valgfritt)',
  snapshotNoteHint: 'For eksempel «Før møtet i KOM».',
  takeSnapshot: 'Ta øyeblikksbilde',
  takingSnapshot: 'Tar øyeblikksbilde …',
  snapshotTakenAt: (when: string) => `Øyeblikksbildet er tatt ${when}.`,
  openTakenSnapshot: 'Åpne øyeblikksbildet',

  // Snapshots
  snapshotsTitle: 'Øyeblikksbilder',
  snapshotsOf: (title: string) => `Øyeblikksbilder: ${title}`,
  snapshotsIntro:
    'Låste kopier av rapporten, tatt ved fristen eller av koordinatoren. Kontrollsummen (SHA-256) viser at innholdet ikke er endret siden.',
  noSnapshots: 'Ingen øyeblikksbilder ennå.',
  snapshotsCount: (n: number) => (n === 1 ? '1 øyeblikksbilde, nyeste først' : `${n} øyeblikksbilder, nyeste først`),
  reason: {
    deadline: 'Ved fristen',
    deadline_at_start: 'Ved oppstart: fristen gikk ut mens serveren var nede',
    manual: (name: string | null) => (name ? `Tatt manuelt av ${name}` : 'Tatt manuelt'),
    new_round: (name: string | null) => (name ? `Frosset av ${name} da en ny runde ble startet` : 'Frosset da en ny runde ble startet'),
  },
  snapshotHeading: (when: string) => `Øyeblikksbilde ${when}`,
  note: 'Merknad',
  sha: 'Kontrollsum (SHA-256)',
  shaShort: 'SHA-256',
  download: 'Last ned',
  formats: { docx: 'Word (DOCX)', pdf: 'PDF', html: 'HTML', md: 'Markdown', json: 'JSON' },
  openSnapshot: 'Åpne',
  compareWithNow: 'Sammenlign med nå',
  draftHeading: 'Utkast: runden slik den er nå',
  draftText: 'Eksporten er merket UTKAST og viser innholdet i det øyeblikket du laster den ned.',
  announceSnapshot: (when: string) => `Nytt øyeblikksbilde: ${when}.`,

  // Snapshot viewer
  snapshotMeta: 'Om øyeblikksbildet',
  lockedNotice: 'Låst øyeblikksbilde. Innholdet kan ikke endres.',
  takenAt: 'Tatt',
  why: 'Hvorfor',
  exportSnapshot: 'Eksporter øyeblikksbildet',
  reportDeadline: (round: string, deadline: string) => `${round}, frist ${deadline}`,
  gradesLead: 'Graden av gjennomføring klassifiseres med følgende inndeling:',
  gradesLabel: 'Graden av gjennomføring',
  summaryHeading: 'Tiltaksoversikt',
  summaryCaption: 'Tiltaksoversikt med status for hvert tiltak',
  colNumber: 'Tiltak nr.',
  colMeasure: 'Tiltak',
  colMinistries: 'Ansvarlig',
  colStatus: 'Status',
  statusLabel: 'Status:',
  emptyNarrative: 'Ingen rapportering for dette tiltaket.',
  notRenderable:
    'Rapporteringen for dette tiltaket kan ikke vises: teksten er lagret, men bygd opp på en måte redigeringsverktøyet ikke kan lage (for dypt nestet eller for stor).',
  toSnapshots: 'Til øyeblikksbildene',

  // What changed
  changesTitle: 'Hva er endret',
  changesOf: (title: string) => `Hva er endret: ${title}`,
  changesIntro: 'Velg to versjoner av rapporten. For hvert tiltak vises endret status og teksten ord for ord.',
  legend: 'Tekst som er lagt til, er understreket. Tekst som er fjernet, er gjennomstreket.',
  fromLabel: 'Fra',
  fromTo: (from: string, to: string) => `Fra ${from} til ${to}`,
  toLabel: 'Til',
  liveOption: 'Nå (levende runde)',
  snapshotOption: (when: string, why: string, note: string | null) => `${when} – ${why}${note ? ` («${note}»)` : ''}`,
  groupOfRound: (title: string) => `Øyeblikksbilder i ${title}`,
  noSnapshotsToCompare: 'Det finnes ingen øyeblikksbilder å sammenligne med ennå. Når et øyeblikksbilde er tatt, kan du se hva som er endret siden.',
  comparing: 'Sammenligner …',
  onlyChanged: 'Vis bare endrede tiltak',
  changedCount: (changed: number, total: number) =>
    changed === 0 ? `Ingen av ${total} tiltak er endret.` : `${changed} av ${total} tiltak er endret.`,
  noneShown: 'Ingen tiltak er endret mellom disse versjonene.',
  statusChange: 'Status:',
  statusChangedTo: 'endret til',
  statusUnchanged: 'uendret',
  measureAdded: 'Tiltaket finnes bare i den nye versjonen.',
  measureRemoved: 'Tiltaket finnes bare i den gamle versjonen.',
  added: 'lagt til: ',
  removed: 'fjernet: ',
  changeEnd: ' (slutt på endring)',
  elided: 'uendret tekst utelatt',
  textUnchanged: 'Teksten er uendret.',
  formattingOnly: 'Teksten er uendret; bare formatering, tittel eller departementer er endret.',
  showWholeText: 'Vis hele teksten',
  /** Before the word diff of the plan's own text, when a coordinator corrected it. */
  planTextChanged: 'Planens tekst er endret:',
  unchanged: 'Uendret',
  comparisonJson: 'Sammenligningen som JSON',
  sameVersion: 'Du har valgt samme versjon på begge sider, så ingenting er endret.',
} as const;

/** How far away a deadline is, in words: "om 3 dager", "i morgen", "for 2 minutter siden". */
function distanceText(distance: DeadlineDistance): string {
  if (distance.unit === 'now') return 'akkurat nå';
  const { unit, value, past } = distance;
  if (unit === 'day' && value === 0) return 'i dag';
  if (unit === 'day' && value === 1) return past ? 'i går' : 'i morgen';
  const words = { second: ['sekund', 'sekunder'], minute: ['minutt', 'minutter'], hour: ['time', 'timer'], day: ['dag', 'dager'] } as const;
  const amount = `${value} ${words[unit][value === 1 ? 0 : 1]}`;
  return past ? `for ${amount} siden` : `om ${amount}`;
}

/** The texts of readiness ("klarmelding") and of the round's deadline and state on the overview and the measure page. */
export const tReady = {
  // Per measure
  ready: 'klar',
  // Not "venter": "UD venter" would read as UD waiting, next to "Venter på svar fra UD".
  waiting: 'ikke klar',
  partLabel: (code: string, ready: boolean) => `${code}: ${ready ? 'klar' : 'ikke klar'}`,
  carriedOver: 'Ikke oppdatert i denne runden',
  carriedOverHint: 'Teksten og feltene er kopiert fra forrige runde, og ingen har endret dem i denne runden ennå.',
  colReadiness: 'Klarmelding',

  // Per ministry
  summaryTitle: 'Klarmelding per departement',
  summaryIntro: 'Hvor mange av sine tiltak hvert departement har meldt klar i denne runden.',
  colMinistry: 'Departement',
  colReady: 'Klare',
  colMissing: 'Ikke klare ennå',
  countReady: (code: string, ready: number, total: number) => `${code}: ${ready} av ${total} klare`,
  allReady: 'Alle klare',
  missingNumbers: (numbers: readonly number[]) => `Tiltak ${listAnd(numbers.map(String))}`,
  showMissing: 'Vis',
  showMissingLabel: (code: string) => `Vis tiltakene ${code} ikke har meldt klar, i tabellen`,

  // Filters
  filterReadiness: 'Klarmelding',
  filterMissing: 'Mangler klarmelding',
  filterReady: 'Klare',
  filterMineNotReady: 'Mine som ikke er klare',

  // The round's deadline and state
  /** Before the deadline's date and time: "Frist om 3 dager, " / "Fristen gikk ut for 2 minutter siden, ". */
  deadlineLead: (distance: DeadlineDistance, passed: boolean) =>
    passed ? `Fristen gikk ut ${distanceText(distance)}, ` : `Frist ${distanceText(distance)}, `,
  frozenTitle: 'Runden er frosset',
  frozenText: (when: string) => `Runden er frosset ved fristen ${when}. Bare koordinatoren kan endre.`,
  frozenCoordinator: 'Du er koordinator og kan fortsatt endre status, rapportering og klarmeldinger.',

  // Measure page
  readyTitle: 'Klarmelding',
  whoIsReady: 'Klar fra departementene',
  ourPartReady: 'Vår del er klar',
  partReady: (code: string) => `${code}s del er klar`,
  readyHint: 'Marker når dere er ferdige med deres del av rapporteringen. Dere kan ta det tilbake til fristen.',
  readyHintCoordinator: 'Som koordinator kan du melde klar eller ta tilbake for hvert ansvarlige departement.',
  readyFrozen: 'Fristen har gått ut og runden er frosset, så klarmeldingen kan ikke endres. Bare koordinatoren kan endre.',
  readySaved: (code: string, ready: boolean) => (ready ? `${code}s del er meldt klar.` : `${code}s del er ikke lenger meldt klar.`),
  readOnlyFrozen: (when: string) =>
    `Fristen har gått ut og runden er frosset (${when}). Du kan lese tiltaket, men bare koordinatoren kan endre det nå.`,
} as const;

const UNSAVED_REASONS = {
  frozen: 'fristen har gått ut',
  rights: 'du har bare lesetilgang',
  refused: 'serveren tar ikke imot endringer fra deg nå',
} as const;

/** Why the server does not take this browser's edits: see UnsavedEditsAlert. */
export type UnsavedReason = keyof typeof UNSAVED_REASONS | 'limit';

/** The measure page's warning about edits this browser holds that the server will not take. */
export const tUnsaved = {
  title: 'Noen av endringene dine er ikke lagret',
  text: (reason: UnsavedReason) =>
    reason === 'limit'
      ? 'Serveren tok ikke imot de siste endringene dine: teksten ville blitt større eller mer nestet ' +
        '(for eksempel lister i lister) enn et tiltak kan ha. Teksten under viser også det som ikke er lagret. ' +
        'Kopier det du vil ta vare på, og forkast de ulagrede endringene for å skrive videre.'
      : `Du kan ikke lenger skrive i dette tiltaket (${UNSAVED_REASONS[reason]}), ` +
        'og serveren har ikke tatt imot alle endringene dine. Teksten under viser også det som ikke er lagret. ' +
        'Kopier det du vil ta vare på, og be koordinatoren legge det inn.',
  copy: 'Kopier min tekst',
  copied: 'Teksten din er kopiert til utklippstavlen.',
  copyFailed: 'Kunne ikke kopiere teksten. Merk den i teksten under og kopier den selv.',
  discard: 'Forkast mine ulagrede endringer',
  discardTitle: 'Forkaste de ulagrede endringene dine?',
  discardText:
    'Endringene som ikke er lagret på serveren, slettes fra denne nettleseren og kan ikke hentes tilbake. ' +
    'Teksten blir slik den er lagret på serveren.',
  discardConfirm: 'Forkast og vis serverens versjon',
  discarding: 'Forkaster …',
  discarded: 'De ulagrede endringene er forkastet. Teksten er nå slik den er lagret på serveren.',
  discardFailed: 'Kunne ikke forkaste endringene. Prøv igjen.',
} as const;

/** The overview's own work of an editor, and the rounds open besides the one shown. */
export const tOverview = {
  myWorkTitle: (code: string) => `Mine tiltak som ikke er klare (${code})`,
  myWorkIntro: (code: string, ready: number, total: number) => `${code} har meldt klar ${ready} av ${total} tiltak. Disse mangler:`,
  myWorkDone: (code: string, total: number) => `${code} har meldt klar alle sine ${total} tiltak i denne runden.`,
  myWorkNone: (code: string) => `${code} er ikke ansvarlig for noen tiltak i denne runden.`,
  myWorkListLabel: (code: string) => `Tiltak ${code} ikke har meldt klar`,
  showMineInTable: 'Vis bare disse i tabellen',
  roundFacts: 'Status og klarmelding i runden',

  otherOpenTitle: (n: number) => (n === 1 ? 'En annen runde er også åpen' : `${n} andre runder er også åpne`),
  openRoundsTitle: (n: number) => (n === 1 ? 'Åpen runde' : 'Åpne runder'),
  otherOpenIntro: 'Departementene kan skrive i hver åpen runde til fristen for den går ut.',
  openRoundsIntro: 'Denne runden er frosset. Departementene skriver nå her:',
  openRoundDeadline: (when: string) => `frist ${when}`,
  waitingInRound: (title: string) => `I runden «${title}»`,
  waitingAcrossRounds: 'Gjelder alle åpne runder.',
} as const;

/** Starting a round while others are open: what becomes of them. */
export const tNewRound = {
  openRoundsLegend: (n: number) => (n === 1 ? 'Hva skal skje med runden som er åpen nå?' : 'Hva skal skje med rundene som er åpne nå?'),
  openRoundsNow: (rounds: readonly { title: string; deadline: string }[]) =>
    `Åpen nå: ${listAnd(rounds.map((round) => `«${round.title}» (frist ${round.deadline})`))}.`,
  freeze: (n: number) => (n === 1 ? 'Frys den nå' : 'Frys dem nå'),
  keep: (n: number) => (n === 1 ? 'La den være åpen til fristen' : 'La dem være åpne til sine frister'),
  choiceHint: (n: number) =>
    n === 1
      ? 'Fryses den, kan departementene bare lese den, og et øyeblikksbilde tas som ved fristen. Holdes den åpen, kan de skrive i begge rundene, hver til sin frist.'
      : 'Fryses de, kan departementene bare lese dem, og et øyeblikksbilde tas av hver som ved fristen. Holdes de åpne, kan de skrive i alle, hver til sin frist.',
  choiceMissing: 'Velg om åpne runder skal fryses nå eller være åpne til sin frist.',
} as const;

/** A measure's history (the *Historikk* panel) and who wrote what in its text. */
export const tHistory = {
  heading: 'Historikk',
  show: 'Vis historikk',
  hide: 'Skjul historikk',
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
  versionGone: 'Fant ikke versjonen.',
  restoreForbidden: 'du kan ikke skrive i dette tiltaket nå.',
  restoreUnreachable: 'fikk ikke kontakt med serveren. Prøv igjen.',
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

/** The coordinator's audit log (*Logg*). */
export const tAudit = {
  navLog: 'Logg',
  title: 'Logg',
  intro: 'Alle endringer i Samskriv: hvem, når, hva og hva det var før og etter. Loggen kan ikke endres. Nyeste først.',
  filters: 'Filtrer',
  round: 'Runde',
  allRounds: 'Alle runder',
  measure: 'Tiltak (nummer)',
  actor: 'Hvem (brukernavn, cli eller system)',
  kind: 'Hva',
  allKinds: 'Alt',
  from: 'Fra og med dato',
  to: 'Til og med dato',
  apply: 'Vis',
  clear: 'Nullstill',
  csv: 'Last ned som CSV',
  caption: (n: number, more: boolean) => `${n} ${n === 1 ? 'hendelse' : 'hendelser'}${more ? ' (flere finnes)' : ''}`,
  colAt: 'Tid',
  colActor: 'Hvem',
  colKind: 'Hva',
  colTarget: 'Gjelder',
  colBefore: 'Før',
  colAfter: 'Etter',
  more: 'Vis flere',
  loadingMore: 'Henter flere …',
  none: 'Ingen hendelser passer filteret.',
  cli: 'Kommandolinjen (cli)',
  system: 'Systemet',
  targetRound: (id: string) => `runde ${id}`,
  targetMeasure: (n: number) => `tiltak ${n}`,
  empty: '–',
  badMeasure: 'Skriv et tiltaksnummer (1 eller høyere), eller la feltet stå tomt.',
  badRange: '«Fra» må være før «til».',
  forbidden: 'Bare koordinatoren kan lese loggen.',
  kinds: {
    'status.change': 'Status endret',
    'plan.change': 'Tittel eller plantekst endret',
    'ready.change': 'Klarmelding',
    'round.create': 'Runde opprettet',
    'round.update': 'Runde endret',
    'round.freeze': 'Runde frosset',
    'round.reopen': 'Runde gjenåpnet',
    'snapshot.take': 'Øyeblikksbilde tatt',
    'export.download': 'Eksport lastet ned',
    'thread.start': 'Kommentartråd startet',
    'comment.add': 'Kommentar lagt til',
    'comment.edit': 'Kommentar redigert',
    'comment.delete': 'Kommentar slettet',
    'thread.resolve': 'Tråd markert som løst',
    'thread.reopen': 'Tråd gjenåpnet',
    'narrative.state': 'Teksten endret',
    'narrative.restore': 'Tekst gjenopprettet',
    'notification.settings': 'Varslingsvalg endret',
    'signin.success': 'Innlogging',
    'signin.failure': 'Mislykket innlogging',
    'signin.lockout': 'Innlogging sperret',
    signout: 'Utlogging',
    'account.add': 'Konto opprettet',
    'account.password': 'Passord endret',
    'account.disable': 'Konto deaktivert',
    'account.enable': 'Konto aktivert',
    'account.role': 'Rolle endret',
    'account.email': 'E-postadresse endret',
    'account.link': 'Konto koblet til innlogging',
  },
} as const;

/** The header on narrow screens, and links that leave the app's page. */
export const tLayout = {
  menu: 'Meny',
  opensInNewTab: '(åpnes i ny fane)',
} as const;

/** The page for an address, round, measure or snapshot that is not there. */
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

/** "1 endring", "3 endringer". */
const changesText = (n: number): string => (n === 1 ? '1 endring' : `${n} endringer`);

/**
 * What the measure page says about saving: the state beside the text, changes kept in this
 * browser until the server has them, changes someone else made meanwhile, and what is shown
 * from this browser's copy.
 */
export const tSaving = {
  // The state in the sticky toolbar
  stateLabel: 'Lagring',
  saving: 'Lagrer …',
  saved: 'Alt er lagret',
  unsaved: (n: number) => `Ikke lagret – frakoblet (${changesText(n)} venter)`,
  offlineNothingWaiting: 'Frakoblet – ingen endringer venter',
  connecting: 'Kobler til …',
  attention: (n: number) => `Ikke lagret – ${changesText(n)} må avklares`,

  // Shown from this browser's copy
  staleAt: (when: string) => `Kan være utdatert – sist hentet ${when}`,
  staleUnknown: 'Kan være utdatert – vist fra kopien i denne nettleseren',
  atTime: (time: string) => `kl. ${time}`,
  atDayTime: (day: string, time: string) => `${day} kl. ${time}`,

  // A change waiting for the server
  waiting: 'Ikke lagret ennå – sendes når du er tilkoblet',
  sending: 'Lagrer …',
  unreachable: 'Fikk ikke kontakt med serveren. Prøv igjen når du er tilkoblet.',
  keepMine: (value: string) => `Behold «${value}»`,
  useTheirs: (value: string) => `Bruk «${value}»`,
  dismiss: 'OK',
  refusal: {
    forbidden: 'du har ikke lov til dette nå (kanskje er runden frosset).',
    gone: 'det finnes ikke lenger.',
    invalid: 'serveren tok ikke imot endringen.',
    unknownNames: 'noen av navnene med @ finnes ikke.',
  },
  unknownNames: (names: readonly string[]) => `ingen heter ${listAnd(names.map((name) => `@${name}`))}.`,

  // Status
  statusConflictTitle: 'Noen andre har endret status',
  statusConflict: (mine: string, theirs: string) =>
    `Mens endringen din ventet, endret noen andre status. Du valgte «${mine}», nå står det «${theirs}». Hva skal gjelde?`,
  statusRefused: (value: string, why: string) => `Status «${value}» ble ikke lagret: ${why}`,
  statusStepHint: 'Trykk Enter for å lagre, eller Escape for å angre.',

  // Readiness
  readyRefused: (code: string, why: string) => `Klarmeldingen for ${code} ble ikke lagret: ${why}`,

  // Comments
  commentWaiting: 'Ikke sendt ennå – sendes når du er tilkoblet',
  commentSending: 'Sender …',
  commentRefused: (why: string) => `Ble ikke sendt: ${why}`,
  commentBackToForm: 'Rediger og send igjen',
  commentDiscard: 'Forkast',
  pendingThreadLabel: (quote: string | null) => (quote ? `Kommentaren din til «${quote}», ikke sendt ennå` : 'Kommentaren din til hele tiltaket, ikke sendt ennå'),
  pendingReplyLabel: 'Svaret ditt, ikke sendt ennå',
  formBusy: 'Kommentaren ligger allerede i skjemaet. Send eller avbryt den først.',

  // Resolving, visibly
  resolvedNotice: 'Kommentaren er markert som løst og flyttet til «Løste kommentarer».',
  reopenedNotice: 'Kommentaren er åpnet igjen.',
  deletedNotice: 'Kommentaren er slettet.',
  closeNotice: 'Lukk meldingen',

  // Other changes on the measure page the server refused for a reason of its own
  planFieldsFailed: 'Serveren tok ikke imot endringen av tittelen og teksten. Prøv igjen, eller kontakt sekretariatet hvis det skjer igjen.',
  suggestionFailed: 'Serveren tok ikke imot forslaget. Prøv igjen, eller kontakt sekretariatet hvis det skjer igjen.',

  // Signing out
  signedOut: 'Du er logget ut.',
  signedOutOtherTab: 'Du er logget ut i en annen fane.',
} as const;

/** "1 ulest", "3 uleste". */
const unreadText = (n: number): string => `${n} ${n === 1 ? 'ulest' : 'uleste'}`;

/** *Varsler*: the header's link with its count, the list, and the choice of e-mail. */
export const tNotifications = {
  title: 'Varsler',
  /** The header link's name: its visible words and count ("Varsler 3") said in full. */
  linkLabel: (unread: number) => (unread === 0 ? 'Varsler' : `Varsler, ${unreadText(unread)}`),
  arrived: (what: string) => `Nytt varsel: ${what}`,
  menuUnread: (unread: number) => `, ${unreadText(unread)} ${unread === 1 ? 'varsel' : 'varsler'}`,
  intro: 'Her får du beskjed når noen nevner deg eller departementet ditt, svarer der du har skrevet, endrer status på tiltakene deres, og når fristen nærmer seg.',
  unreadCount: (n: number) => (n === 0 ? 'Ingen uleste varsler.' : `Du har ${unreadText(n)} ${n === 1 ? 'varsel' : 'varsler'}.`),
  none: 'Du har ingen varsler ennå.',
  loading: 'Henter varslene …',
  listLabel: 'Varslene dine, nyeste først',
  unread: 'Ulest',
  read: 'Lest',
  markRead: 'Merk som lest',
  markReadOf: (what: string) => `Merk som lest: ${what}`,
  markAllRead: 'Merk alle som lest',
  markedAllRead: 'Alle varslene er merket som lest.',
  markedRead: 'Varselet er merket som lest.',
  markFailed: 'Fikk ikke merket varselet som lest. Prøv igjen når du er tilkoblet.',
  measure: (n: number, title: string) => `Tiltak ${n}: ${title}`,
  inRound: (round: string) => `I runden «${round}»`,
  mentionYou: (by: string) => `${by} nevnte deg`,
  mentionMinistry: (by: string, code: string) => `${by} nevnte ${code}`,
  reply: (by: string) => `${by} svarte i en tråd du har skrevet i`,
  status: (by: string, from: string, to: string) => `${by} endret status fra «${from}» til «${to}»`,
  deadline: (hours: number, code: string, measures: string) =>
    `Fristen er om ${hours} timer, og ${code} har ikke meldt klar på ${measures}`,
  deadlineMeasures: (numbers: readonly number[]) => `${numbers.length === 1 ? 'tiltak' : 'tiltakene'} ${listAnd(numbers.map(String))}`,
  deadlineAt: (when: string) => `Frist: ${when}`,
  openRound: 'Åpne oversikten over runden',

  // E-mail
  emailTitle: 'Varsler på e-post',
  emailLegend: 'Hvordan vil du ha varslene på e-post?',
  emailChoice: {
    immediate: 'Med en gang, ett om gangen',
    daily: 'Ett sammendrag om dagen',
    off: 'Ikke på e-post, bare her',
  },
  dailyAt: (hour: number) => `Sendes hver dag kl. ${String(hour).padStart(2, '0')}.00 med varslene som har kommet siden sist.`,
  address: (address: string) => `Varslene sendes til ${address}.`,
  noAddress: 'Kontoen din har ingen e-postadresse ennå, så ingenting sendes. Be den som administrerer Samskriv om å legge den inn.',
  mailDisabled: 'Denne serveren sender ikke e-post nå. Valget ditt gjelder når den gjør det.',
  emailSaved: 'Valget er lagret.',
  emailFailed: 'Fikk ikke lagret valget. Prøv igjen når du er tilkoblet.',
  emailLoadFailed: 'Fikk ikke hentet e-postvalget ditt. Prøv igjen når du er tilkoblet.',
} as const;

/** `@` autocomplete in the comment forms, and mentions of names that are not there. */
export const tMentions = {
  listLabel: 'Forslag til hvem du kan nevne',
  suggestions: (n: number) =>
    n === 0
      ? 'Ingen forslag.'
      : `${n} forslag. Bruk pil opp og ned, og Enter for å velge.`,
  unknown: (names: readonly string[]) =>
    `Ingen heter ${listAnd(names.map((name) => `@${name}`))}. Skriv @ og velg et departement eller en person fra listen, eller fjern @.`,
} as const;
