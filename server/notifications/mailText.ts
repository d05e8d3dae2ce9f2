import type { NotificationPayload } from '../../shared/notifications.js';
import type { EmailDelivery } from '../../shared/notificationSettings.js';
import { notificationLink } from '../../shared/notifications.js';
import { DEADLINE_TIME_ZONE } from '../../shared/round.js';
import type { NotificationRecord } from '../store/types.js';

/** The e-mails about notifications, in Norwegian bokmål, as plain text with links into the app. */

const whenFormat = new Intl.DateTimeFormat('nb-NO', {
  timeZone: DEADLINE_TIME_ZONE,
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});
const shortFormat = new Intl.DateTimeFormat('nb-NO', { timeZone: DEADLINE_TIME_ZONE, day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });

/** A list as Norwegian writes it: «1, 3 og 5». */
function listOf(items: readonly (string | number)[]): string {
  const words = items.map(String);
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} og ${words.at(-1)}`;
}

/** One line saying what happened. */
export function headline(payload: NotificationPayload): string {
  switch (payload.kind) {
    case 'mention':
      return payload.via === null
        ? `${payload.by.name} nevnte deg i en kommentar til tiltak ${payload.measure}`
        : `${payload.by.name} nevnte ${payload.via} i en kommentar til tiltak ${payload.measure}`;
    case 'reply':
      return `${payload.by.name} svarte i en kommentartråd du deltar i, på tiltak ${payload.measure}`;
    case 'status':
      return `${payload.by.name} endret statusen på tiltak ${payload.measure} til «${payload.to}»`;
    case 'deadline':
      return `Fristen nærmer seg: ${payload.ministry} har ${payload.measures.length} tiltak som ikke er meldt ${payload.measures.length === 1 ? 'klart' : 'klare'}`;
  }
}

/** The lines under the headline: where, and what was said or changed. */
function details(payload: NotificationPayload): string[] {
  switch (payload.kind) {
    case 'mention':
    case 'reply':
      return [`Tiltak ${payload.measure}: ${payload.measureTitle}`, `Runde: ${payload.roundTitle}`, '', `«${payload.excerpt}»`];
    case 'status':
      return [`Tiltak ${payload.measure}: ${payload.measureTitle}`, `Runde: ${payload.roundTitle}`, '', `Statusen var «${payload.from}», nå er den «${payload.to}».`];
    case 'deadline':
      return [
        `Runde: ${payload.roundTitle}`,
        `Frist: ${whenFormat.format(new Date(payload.deadline))} (om ${payload.hoursBefore} timer eller mindre)`,
        '',
        `${payload.ministry} har ikke meldt klar på ${payload.measures.length === 1 ? 'tiltak' : 'tiltakene'} ${listOf(payload.measures)}.`,
      ];
  }
}

const SETTING_WORDS: Record<EmailDelivery, string> = {
  immediate: 'med en gang',
  daily: 'samlet én gang om dagen',
  off: 'ikke på e-post',
};

function footer(delivery: EmailDelivery): string[] {
  return [
    '-- ',
    `Du får varsler fra Samskriv på e-post ${SETTING_WORDS[delivery]}. Du endrer dette under Varsler når du er logget inn.`,
    'Denne e-posten er sendt automatisk; svar på den kommer ikke fram.',
  ];
}

/** The address of the page a notification opens, on the app's own origin. */
function linkOf(payload: NotificationPayload, origin: string): string {
  return new URL(notificationLink(payload), origin).href;
}

/** The e-mail about one notification, sent as soon as it happens. */
export function immediateMail(record: NotificationRecord, name: string, origin: string): { subject: string; text: string } {
  const { payload } = record;
  const text = [`Hei, ${name}.`, '', `${headline(payload)}.`, '', ...details(payload), '', `Åpne i Samskriv: ${linkOf(payload, origin)}`, '', ...footer('immediate')];
  return { subject: `Samskriv: ${headline(payload)}`, text: `${text.join('\n')}\n` };
}

/** The e-mail of several notifications at once (the daily digest, or a retry), oldest first. */
export function digestMail(records: readonly NotificationRecord[], name: string, origin: string, delivery: EmailDelivery): { subject: string; text: string } {
  const count = records.length === 1 ? '1 nytt varsel' : `${records.length} nye varsler`;
  const items = records.flatMap((record) => [
    `* ${headline(record.payload)} (${shortFormat.format(new Date(record.createdAt))})`,
    ...details(record.payload).map((line) => (line === '' ? '' : `  ${line}`)),
    `  ${linkOf(record.payload, origin)}`,
    '',
  ]);
  const text = [`Hei, ${name}.`, '', `Du har ${count} i Samskriv:`, '', ...items, ...footer(delivery)];
  return { subject: `Samskriv: ${count}`, text: `${text.join('\n')}\n` };
}
