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

  // Identity
  identityTitle: 'Hvem er du?',
  identityIntro: 'Navnet og departementet ditt vises for de andre som skriver på samme tiltak.',
  identityName: 'Navn',
  identityMinistry: 'Departement',
  identityChooseMinistry: 'Velg departement',
  identitySubmit: 'Fortsett',
  identityNameMissing: 'Skriv navnet ditt.',
  identityMinistryMissing: 'Velg departementet ditt.',
  identityChange: 'Bytt navn eller departement',
  signedInAs: (name: string, ministry: string) => `Du er ${name} (${ministry})`,

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
  search: 'Søk',
  searchHint: 'Nummer eller ord fra tittelen',
  noMatches: 'Ingen tiltak passer med filteret.',
  statusCounts: 'Antall tiltak per status',
  emptyNarrative: 'Ingen beskrivelse ennå',
  openMeasure: (n: number, title: string) => `Tiltak ${n}: ${title}`,

  // Measure page
  measureHeading: (n: number, title: string) => `${n} ${title}`,
  responsible: 'Ansvarlig',
  status: 'Status',
  statusSaved: 'Status lagret.',
  statusFailed: 'Kunne ikke lagre status.',
  planText: 'Tiltaket i handlingsplanen',
  narrative: 'Rapportering',
  narrativeLabel: (n: number) => `Rapportering for tiltak ${n}`,
  importNotes: 'Merknader fra importen av rapporten',
  presenceTitle: 'Skriver nå',
  presenceAlone: 'Ingen andre på dette tiltaket nå.',

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
