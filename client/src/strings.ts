import type { DeadlineDistance } from './deadline.js';

/**
 * The texts the UI shows, in Norwegian bokmål, one object per part of the app so that another
 * language (nynorsk) is one more object of the same shape. Here those of what every page loads
 * (signing in, the header, the overview); the pages that load separately have theirs in
 * client/src/strings/, so that the overview does not download them.
 */
export const t = {
  appName: 'Samskriv',
  skipToContent: 'Hopp til hovedinnhold',
  loading: 'Laster …',
  loadFailed: 'Kunne ikke hente data fra serveren.',
  noRounds: 'Ingen rapporteringsrunder.',

  retry: 'Prøv igjen',
  unreachable: 'Fikk ikke kontakt med serveren. Sjekk nettforbindelsen og prøv igjen.',
  cancel: 'Avbryt',

  // Signing in (its page loads separately: client/src/strings/signIn.ts)
  signInDocumentTitle: 'Logg inn – Samskriv',
  sessionUnreachable: 'Fikk ikke kontakt med serveren, og denne nettleseren har ingen innlogging lagret. Prøv igjen når du er tilkoblet.',

  // Who is signed in
  role: { coordinator: 'Koordinator', editor: 'Redaktør', reader: 'Leser' },
  signedInAs: 'Logget inn som',
  signOut: 'Logg ut',
  signingOut: 'Logger ut …',
  // (the question before signing out with unconfirmed edits: client/src/strings/signOut.ts)
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
  openMeasure: (n: number, title: string) => `Tiltak ${n}: ${title}`,

  // Comment threads, as the overview and the notifications name them
  wholeMeasure: 'Gjelder hele tiltaket',
  waitingFor: (codes: readonly string[]) => `Venter på svar fra ${listAnd(codes)}`,
  threadsLoadFailed: 'Kunne ikke hente kommentarene.',
  authorName: (name: string, ministry: string | null) => (ministry ? `${name} (${ministry})` : name),

} as const;

/** The header's navigation, and a page of a round that would not load. */
export const tNav = {
  nav: 'Navigasjon',
  navRounds: 'Alle runder',
  navOverview: 'Tiltaksoversikt',
  navSnapshots: 'Øyeblikksbilder',
  navChanges: 'Hva er endret',
  navSettings: 'Innstillinger',
  pageLoadFailed: 'Kunne ikke laste siden. Kanskje er det kommet en ny versjon, eller du er frakoblet.',
  partLoadFailed: 'Kunne ikke laste denne delen av siden. Kanskje er det kommet en ny versjon, eller du er frakoblet.',
  reload: 'Last inn på nytt',
  navLog: 'Logg',
} as const;

/** "a", "a og b", "a, b og c". */
export function listAnd(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} og ${items[items.length - 1] ?? ''}`;
}

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
} as const;

/** The overview's own work of an editor, and the rounds open besides the one shown. */
export const tOverview = {
  myWorkTitle: (code: string) => `Mine tiltak som ikke er klare (${code})`,
  myWorkIntro: (code: string, ready: number, total: number) => `${code} har meldt klar ${ready} av ${total} tiltak. Disse mangler:`,
  myWorkDone: (code: string, total: number) => `${code} har meldt klar alle sine ${total} tiltak i denne runden.`,
  myWorkNone: (code: string) => `${code} er ikke ansvarlig for noen tiltak i denne runden.`,
  myWorkListLabel: (code: string) => `Tiltak ${code} ikke har meldt klar`,
  showMineInTable: 'Vis bare disse i tabellen',

  otherOpenTitle: (n: number) => (n === 1 ? 'En annen runde er også åpen' : `${n} andre runder er også åpne`),
  openRoundsTitle: (n: number) => (n === 1 ? 'Åpen runde' : 'Åpne runder'),
  otherOpenIntro: 'Departementene kan skrive i hver åpen runde til fristen for den går ut.',
  openRoundsIntro: 'Denne runden er frosset. Departementene skriver nå her:',
  openRoundDeadline: (when: string) => `frist ${when}`,
} as const;

/** The header on narrow screens, and links that leave the app's page. */
export const tLayout = {
  menu: 'Meny',
  opensInNewTab: '(åpnes i ny fane)',
} as const;

/** "1 ulest", "3 uleste". */
export const unreadText = (n: number): string => `${n} ${n === 1 ? 'ulest' : 'uleste'}`;

/**
 * *Varsler*: the header's link with its count (what a notification says is in
 * client/src/strings/notificationText.ts, the page's own words in notifications.ts).
 */
export const tNotifications = {
  title: 'Varsler',
  /** The header link's name: its visible words and count ("Varsler 3") said in full. */
  linkLabel: (unread: number) => (unread === 0 ? 'Varsler' : `Varsler, ${unreadText(unread)}`),
  menuUnread: (unread: number) => `, ${unreadText(unread)} ${unread === 1 ? 'varsel' : 'varsler'}`,
} as const;

