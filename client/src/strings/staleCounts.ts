/**
 * What the header says of an unread count shown from this browser's copy (an offline reload);
 * the time it was fetched is on the *Varsler* page (StaleNote), which the header would have to
 * load the words and clock formats for.
 */
export const tStaleCounts = {
  linkLabel: (label: string) => `${label} (kan være utdatert)`,
  menuUnread: (said: string) => `${said} (kan være utdatert)`,
} as const;
