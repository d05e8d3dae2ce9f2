import { MAX_TABLE_COLUMNS, MAX_TABLE_ROWS } from '../../../shared/limits.js';
import { listAnd } from '../strings.js';

/**
 * The measure page as it is first shown: its fields, the editor's toolbar and what the editor says
 * about comments. The parts it loads later have their own (client/src/strings/comments.ts,
 * planFields.ts, importNotes.ts, linkField.ts).
 */
export const tMeasure = {
  // Measure page
  backToOverview: 'Til oversikten',
  measureHeading: (n: number, title: string) => `${n} ${title}`,
  responsible: 'Ansvarlig',
  status: 'Status',
  statusSaved: 'Status lagret.',
  readOnlyTitle: 'Bare lesetilgang',
  readOnlyOtherMinistry: (owners: readonly string[], own: string) =>
    `Du kan lese dette tiltaket, men ikke skrive i det: det er ${listAnd(owners.map((code) => `${code}s`))} ansvar, og du er logget inn for ${own}.`,
  readOnlyReader: 'Du kan lese dette tiltaket, men ikke skrive i det: kontoen din har bare lesetilgang.',
  readOnlyFrozen: (when: string) =>
    `Fristen har gått ut og runden er frosset (${when}). Du kan lese tiltaket, men bare koordinatoren kan endre det nå.`,
  readOnlyNoMinistry: 'Du kan lese dette tiltaket, men ikke skrive i det: kontoen din er ikke knyttet til noe departement.',
  planText: 'Tiltaket i handlingsplanen',
  narrative: 'Rapportering',
  narrativeLabel: (n: number) => `Rapportering for tiltak ${n}`,
  planTextEmpty: 'Det er ikke registrert noen tekst fra handlingsplanen for dette tiltaket.',
  presenceTitle: 'Skriver nå',
  presenceAlone: 'Ingen andre på dette tiltaket nå.',
  unshowableTitle: 'Teksten kan ikke vises her',
  unshowable: (problem: 'tooDeep' | 'tooLarge', coordinator: boolean) =>
    `Rapporteringen for dette tiltaket ble lagret før Samskriv fikk grenser for tekstene, og den ${
      problem === 'tooDeep' ? 'har flere nivåer inni hverandre' : 'består av flere deler'
    } enn nettleseren kan vise. Den er tatt vare på slik den er, men kan ikke vises eller redigeres. Status, klarmelding, kommentarer og historikk virker som vanlig.${
      coordinator ? '' : ' Ta kontakt med koordinatoren.'
    }`,

  // The title and plan text (coordinator)
  editPlanFields: 'Endre tittel og tekst',

  // (The form itself: client/src/strings/planFields.ts; the importer's suggestions: importNotes.ts.)

  // Comments, as the editor offers them (the threads panel's words: client/src/strings/comments.ts)
  commentSelection: 'Kommenter',
  commentSelectionTitle: 'Kommenter den merkede teksten (Ctrl+Alt+M)',
  narrativeTooDeep: 'Det kan ikke legges flere nivåer inni hverandre her (lister i lister eller sitater i sitater). Endringen ble ikke gjort.',
  commentNeedsSelection: 'Merk teksten du vil kommentere, og velg Kommenter igjen.',
  newThreadOnSelection: 'Ny kommentar til den merkede teksten',
  highlightTitle: (name: string) => `Kommentert av ${name}. Klikk for å se kommentaren.`,

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
} as const;

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

