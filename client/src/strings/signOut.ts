/** The question before signing out with edits the server has not confirmed (its own chunk, loaded after the header). */
export const tSignOut = {
  unsyncedTitle: 'Endringene dine er ikke lagret på serveren',
  unsyncedText:
    'Du har endringer som serveren ikke har bekreftet ennå. Logger du ut nå, slettes de fra denne nettleseren og går tapt. Vent til du er tilkoblet og endringene er lagret, eller logg ut likevel.',
  anyway: 'Logg ut likevel',
} as const;
