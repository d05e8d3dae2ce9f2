import { unreadText } from '../strings.js';

/** The *Varsler* page: the list of notifications, and the choice of e-mail. */
export const tNotificationsPage = {
  intro: 'Her får du beskjed når noen nevner deg eller departementet ditt, svarer der du har skrevet, endrer status på tiltakene deres, og når fristen nærmer seg.',
  unreadCount: (n: number) => (n === 0 ? 'Ingen uleste varsler.' : `Du har ${unreadText(n)} ${n === 1 ? 'varsel' : 'varsler'}.`),
  none: 'Du har ingen varsler ennå.',
  loading: 'Henter varslene …',
  listLabel: 'Varslene dine, nyeste først',
  unread: 'Ulest',
  read: 'Lest',
  markRead: 'Merk som lest',
  markReadOf: (what: string) => `Merk som lest: ${what}`,
  markAllRead: 'Merk alle som lest',
  markedAllRead: 'Alle varslene er merket som lest.',
  markedRead: 'Varselet er merket som lest.',
  markFailed: 'Fikk ikke merket varselet som lest. Prøv igjen når du er tilkoblet.',
  inRound: (round: string) => `I runden «${round}»`,
  deadlineAt: (when: string) => `Frist: ${when}`,

  // E-mail
  emailTitle: 'Varsler på e-post',
  emailLegend: 'Hvordan vil du ha varslene på e-post?',
  emailChoice: {
    immediate: 'Med en gang, ett om gangen',
    daily: 'Ett sammendrag om dagen',
    off: 'Ikke på e-post, bare her',
  },
  dailyAt: (hour: number) => `Sendes hver dag kl. ${String(hour).padStart(2, '0')}.00 med varslene som har kommet siden sist.`,
  address: (address: string) => `Varslene sendes til ${address}.`,
  noAddress: 'Kontoen din har ingen e-postadresse ennå, så ingenting sendes. Be den som administrerer Samskriv om å legge den inn.',
  mailDisabled: 'Denne serveren sender ikke e-post nå. Valget ditt gjelder når den gjør det.',
  emailSaved: 'Valget er lagret.',
  emailFailed: 'Fikk ikke lagret valget. Prøv igjen når du er tilkoblet.',
  emailLoadFailed: 'Fikk ikke hentet e-postvalget ditt. Prøv igjen når du er tilkoblet.',
} as const;
