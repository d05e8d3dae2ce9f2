/** The toolbar's link form (its own chunk, loaded once the editor is editable). */
export const tLinkField = {
  linkForm: 'Lenke i teksten',
  linkAddress: 'Adresse',
  linkAddressHint: 'En nettadresse (for eksempel www.regjeringen.no) eller en e-postadresse.',
  linkMissing: 'Skriv adressen lenken skal gå til.',
  linkInvalid: 'Skriv en nettadresse (http:// eller https://) eller en e-postadresse.',
  setLink: 'Legg inn lenke',
  removeLink: 'Fjern lenke',
} as const;
