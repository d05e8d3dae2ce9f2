/**
 * What to say when the server refused a request for a reason the page has no words of its own
 * for: by the answer's status, never the server's own (English) message.
 */
export const tServerRefusal = {
  signedOut: 'Du er ikke lenger logget inn. Logg inn igjen og prøv på nytt.',
  forbidden: 'Du har ikke tilgang til å gjøre dette.',
  gone: 'Det finnes ikke lenger. Last inn siden på nytt.',
  conflict: 'Det lar seg ikke gjøre slik det står nå. Last inn siden på nytt og prøv igjen.',
  tooLarge: 'Det som ble sendt, er for stort.',
  notAccepted: 'Serveren godtok ikke forespørselen. Last inn siden på nytt og prøv igjen.',
  busy: 'Serveren har mye å gjøre akkurat nå. Prøv igjen om litt.',
  serverError: 'Det oppstod en feil på serveren. Prøv igjen senere.',
} as const;

/** A refusal (an HTTP status of 400 or more) in words. */
export function refusalText(status: number): string {
  if (status === 401) return tServerRefusal.signedOut;
  if (status === 403) return tServerRefusal.forbidden;
  if (status === 404 || status === 410) return tServerRefusal.gone;
  if (status === 409) return tServerRefusal.conflict;
  if (status === 413) return tServerRefusal.tooLarge;
  if (status === 429 || status === 503) return tServerRefusal.busy;
  if (status >= 500) return tServerRefusal.serverError;
  return tServerRefusal.notAccepted;
}
