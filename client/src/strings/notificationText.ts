import { listAnd } from '../strings.js';

/**
 * What a notification says: on the *Varsler* page, and said aloud when one arrives while the
 * person is in the app (client/src/notifications/notificationText.ts; loaded then, or with the page).
 */
export const tNotificationText = {
  arrived: (what: string) => `Nytt varsel: ${what}`,
  measure: (n: number, title: string) => `Tiltak ${n}: ${title}`,
  mentionYou: (by: string) => `${by} nevnte deg`,
  mentionMinistry: (by: string, code: string) => `${by} nevnte ${code}`,
  reply: (by: string) => `${by} svarte i en tråd du har skrevet i`,
  status: (by: string, from: string, to: string) => `${by} endret status fra «${from}» til «${to}»`,
  deadline: (hours: number, code: string, measures: string) =>
    `Fristen er om ${hours} timer, og ${code} har ikke meldt klar på ${measures}`,
  deadlineMeasures: (numbers: readonly number[]) => `${numbers.length === 1 ? 'tiltak' : 'tiltakene'} ${listAnd(numbers.map(String))}`,
  openRound: 'Åpne oversikten over runden',
} as const;
