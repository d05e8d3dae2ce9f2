import type { ImportWarning, SuggestionField } from '../../../shared/plan.js';

/** The fields of a measure an importer's suggestion is about, as the object of a sentence. */
const FIELD_NAMES: Record<SuggestionField, string> = {
  title: 'tittelen',
  planText: 'teksten fra handlingsplanen',
  narrative: 'rapporteringen',
};

/** The importer's notes and suggestions on the measure page (their own chunk, loaded when shown). */
export const tImportNotes = {
  importNotes: 'Merknader fra importen av rapporten',
  importNotesSummary: (n: number) => `Merknader fra importen av rapporten (${n})`,
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
  suggestionFailed: 'Serveren tok ikke imot forslaget. Prøv igjen, eller kontakt sekretariatet hvis det skjer igjen.',
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
