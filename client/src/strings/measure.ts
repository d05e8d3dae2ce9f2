import { MAX_TABLE_COLUMNS, MAX_TABLE_ROWS, MAX_TITLE_CHARS } from '../../../shared/limits.js';
import type { ImportWarning, SuggestionField } from '../../../shared/plan.js';
import { listAnd } from '../strings.js';

/** The fields of a measure an importer's suggestion is about, as the object of a sentence. */
const FIELD_NAMES: Record<SuggestionField, string> = {
  title: 'tittelen',
  planText: 'teksten fra handlingsplanen',
  narrative: 'rapporteringen',
};

/**
 * The measure page: its fields, the coordinator's title and plan text, the importer's
 * suggestions, comment threads and the editor's toolbar.
 */
export const tMeasure = {
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
  quoteLabel: 'Kommentert tekst',
  passageRemoved: 'Teksten er fjernet',
  noThreads: 'Ingen åpne kommentarer.',
  resolvedThreads: (n: number) => `Løste kommentarer (${n})`,
  threadLabel: (name: string, quote: string | null) => (quote ? `Kommentar fra ${name} til «${quote}»` : `Kommentar fra ${name} til hele tiltaket`),
  commentFailed: 'Kunne ikke lagre. Prøv igjen.',
  commentForbidden: 'Du har ikke lov til dette.',
  highlightTitle: (name: string) => `Kommentert av ${name}. Klikk for å se kommentaren.`,
  announceComment: (name: string, body: string) => `Ny kommentar fra ${name}: ${body}`,
  announceResolved: (name: string) => `${name} markerte en kommentar som løst.`,

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

/** Readiness (*klarmelding*) on the measure page: each responsible ministry's part. */
export const tReadyPanel = {
  readyTitle: 'Klarmelding',
  whoIsReady: 'Klar fra departementene',
  ourPartReady: 'Vår del er klar',
  partReady: (code: string) => `${code}s del er klar`,
  readyHint: 'Marker når dere er ferdige med deres del av rapporteringen. Dere kan ta det tilbake til fristen.',
  readyHintCoordinator: 'Som koordinator kan du melde klar eller ta tilbake for hvert ansvarlige departement.',
  readyFrozen: 'Fristen har gått ut og runden er frosset, så klarmeldingen kan ikke endres. Bare koordinatoren kan endre.',
  readySaved: (code: string, ready: boolean) => (ready ? `${code}s del er meldt klar.` : `${code}s del er ikke lenger meldt klar.`),
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
