import { listAnd } from '../strings.js';

/**
 * The comment threads panel on the measure page (its own chunk, loaded beside the threads): the
 * threads, their forms, this person's comments waiting for the server, and `@` mentions. What the
 * editor says about comments is in client/src/strings/measure.ts.
 */
export const tComments = {
  comments: 'Kommentarer',
  commentOnMeasure: 'Kommenter hele tiltaket',
  newThreadOnMeasure: 'Ny kommentar til hele tiltaket',
  commentHint: 'Skriv @ for å nevne et departement eller en person, for eksempel @JD for å be JD om svar.',
  commentEmpty: 'Skriv en kommentar først.',
  send: 'Send',
  reply: 'Svar',
  replyLabel: 'Svar i tråden',
  edit: 'Rediger',
  editLabel: 'Rediger kommentaren',
  save: 'Lagre',
  delete: 'Slett',
  deleteConfirm: 'Vil du slette kommentaren?',
  deleteConfirmLast: 'Vil du slette kommentaren? Den er den eneste i tråden, så tråden forsvinner også.',
  edited: '(redigert)',
  resolve: 'Marker som løst',
  reopen: 'Gjenåpne',
  resolvedBy: (name: string) => `Løst av ${name}`,
  quoteLabel: 'Kommentert tekst',
  passageRemoved: 'Teksten er fjernet',
  noThreads: 'Ingen åpne kommentarer.',
  resolvedThreads: (n: number) => `Løste kommentarer (${n})`,
  threadLabel: (name: string, quote: string | null) => (quote ? `Kommentar fra ${name} til «${quote}»` : `Kommentar fra ${name} til hele tiltaket`),
  commentFailed: 'Kunne ikke lagre. Prøv igjen.',
  commentForbidden: 'Du har ikke lov til dette.',
  announceComment: (name: string, body: string) => `Ny kommentar fra ${name}: ${body}`,
  announceResolved: (name: string) => `${name} markerte en kommentar som løst.`,

  // A comment waiting for the server
  unreachable: 'Fikk ikke kontakt med serveren. Prøv igjen når du er tilkoblet.',
  commentWaiting: 'Ikke sendt ennå – sendes når du er tilkoblet',
  commentSending: 'Sender …',
  commentRefused: (why: string) => `Ble ikke sendt: ${why}`,
  commentBackToForm: 'Rediger og send igjen',
  commentDiscard: 'Forkast',
  resolveWaiting: 'Markert som løst.',
  reopenWaiting: 'Åpnet igjen.',
  deleteWaiting: (n: number) => (n === 1 ? 'En kommentar i tråden er slettet.' : `${n} kommentarer i tråden er slettet.`),
  deleteRefused: (why: string) => `Kommentaren ble ikke slettet: ${why}`,
  resolveRefused: (resolved: boolean, why: string) => `${resolved ? 'Markeringen som løst' : 'Gjenåpningen'} ble ikke lagret: ${why}`,
  pendingThreadLabel: (quote: string | null) => (quote ? `Kommentaren din til «${quote}», ikke sendt ennå` : 'Kommentaren din til hele tiltaket, ikke sendt ennå'),
  pendingReplyLabel: 'Svaret ditt, ikke sendt ennå',
  // A thread with as many comments as the server allows
  threadFull: (max: number) => `tråden har nådd grensen på ${max} kommentarer. Start en ny kommentar for å skrive mer.`,
  noMoreReplies: (why: string) => `Ingen flere svar: ${why}`,
  formBusy: 'Kommentaren ligger allerede i skjemaet. Send eller avbryt den først.',
  resolvedNotice: 'Kommentaren er markert som løst og flyttet til «Løste kommentarer».',
  reopenedNotice: 'Kommentaren er åpnet igjen.',
  deletedNotice: 'Kommentaren er slettet.',
  closeNotice: 'Lukk meldingen',
} as const;

/** The `@` autocomplete in a comment and what the server did not know. */
export const tMentions = {
  listLabel: 'Forslag til hvem du kan nevne',
  suggestions: (n: number) =>
    n === 0
      ? 'Ingen forslag.'
      : `${n} forslag. Bruk pil opp og ned, og Enter for å velge.`,
  unknown: (names: readonly string[]) =>
    `Ingen heter ${listAnd(names.map((name) => `@${name}`))}. Skriv @ og velg et departement eller en person fra listen, eller fjern @.`,
} as const;
