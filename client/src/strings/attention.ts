/**
 * The overview's list of the person's changes that need them (pages/overview/PendingAttention.tsx,
 * loaded only when there are any, so these words are not in every page's download).
 */
export const tAttention = {
  title: 'Endringer som må avklares',
  intro: 'Serveren har ikke tatt imot disse endringene dine. Åpne tiltaket for å velge hva som skal gjelde.',
  status: 'status',
  ready: (code: string) => `klarmelding for ${code}`,
  thread: 'ny kommentar',
  reply: 'svar på kommentar',
  resolve: 'kommentar markert som løst',
  reopen: 'kommentar gjenåpnet',
  delete: 'kommentar slettet',
  item: (number: number, what: string, conflict: boolean) => `Tiltak ${number}: ${what} – ${conflict ? 'noen andre har endret det samme' : 'ble ikke lagret'}`,
} as const;
