import { MAX_TITLE_CHARS } from '../../../shared/limits.js';

/** The coordinator's form for a measure's title and plan text (its own chunk, opened from the measure page). */
export const tPlanFields = {
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
  planFieldsFailed: 'Serveren tok ikke imot endringen av tittelen og teksten. Prøv igjen, eller kontakt sekretariatet hvis det skjer igjen.',
} as const;
