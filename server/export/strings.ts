/** The exported report's own words (bokmål), shared by every format so they cannot drift apart. */
export const EXPORT_TEXT = {
  draftMark: 'UTKAST',
  draftNotice: 'ikke endelig versjon',
  gradesLead: 'Graden av gjennomføring klassifiseres med følgende inndeling:',
  gradesLabel: 'Graden av gjennomføring',
  deadline: 'frist',
  summaryHeading: 'Tiltaksoversikt',
  summaryCaption: 'Tiltaksoversikt med status for hvert tiltak',
  columns: { number: 'Tiltak nr.', title: 'Tiltak', ministries: 'Ansvarlig', status: 'Status' },
  statusLabel: 'Status:',
  /** The accessible name of a measure's plan text: what the action plan says about the measure. */
  planTextLabel: 'Tiltaket i handlingsplanen',
  emptyNarrative: 'Ingen rapportering for dette tiltaket.',
  notRenderable:
    'Rapporteringen for dette tiltaket kan ikke vises: teksten er lagret, men bygd opp på en måte redigeringsverktøyet ikke kan lage (for dypt nestet eller for stor). Kontakt koordinatoren.',
  colophonHeading: 'Om dokumentet',
  generated: 'Generert',
  fromLiveRound: 'fra rundens gjeldende innhold',
  snapshotTaken: 'Låst øyeblikksbilde tatt',
  snapshotAtDeadline: 'ved fristen',
  snapshotByHand: 'manuelt av',
  snapshotNote: 'Merknad:',
  checksum: 'Kontrollsum (SHA-256):',
  page: 'Side',
  of: 'av',
} as const;
