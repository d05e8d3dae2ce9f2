import { listAnd } from '../strings.js';

/**
 * The texts of the rounds, snapshots, export and "what changed" pages (kept apart from `t` only
 * so that the pages that load separately add their words in one block).
 */
export const tRounds = {
  state: { open: 'Åpen', frozen: 'Frosset' },
  deadline: 'Frist',
  notFound: 'Fant ikke siden.',
  frozenSince: (when: string) => `Frosset ${when}`,
  forbidden: 'Bare koordinatoren kan gjøre dette.',
  roundGone: 'Fant ikke runden. Kanskje er adressen skrevet feil.',

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
