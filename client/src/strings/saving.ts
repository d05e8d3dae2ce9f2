import { listAnd } from '../strings.js';

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

  // The overview: the person's own changes over the measures the server told
  markWaiting: 'Ikke lagret ennå',
  markConflict: 'Må avklares',
  // Readiness
  readyRefused: (code: string, why: string) => `Klarmeldingen for ${code} ble ikke lagret: ${why}`,

  // Comments

  // Resolving, visibly

  // Other changes on the measure page the server refused for a reason of its own
} as const;
