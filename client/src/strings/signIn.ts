/** The sign-in page (its own chunk: someone signed in never loads it). */
export const tSignIn = {
  signInTitle: 'Logg inn',
  signInIntro: 'Logg inn med brukernavnet og passordet du har fått fra sekretariatet.',
  signInWithProvider: (provider: string) => `Logg inn med ${provider}`,
  signInProviderIntro: 'Logg inn med brukeren du har i virksomheten din.',
  signInPasswordAlternative: 'Har du fått brukernavn og passord fra sekretariatet, kan du logge inn med dem her.',
  username: 'Brukernavn',
  password: 'Passord',
  signInSubmit: 'Logg inn',
  signingIn: 'Logger inn …',
  signInErrorsTitle: 'Du kan ikke logge inn ennå',
  usernameMissing: 'Skriv brukernavnet ditt.',
  passwordMissing: 'Skriv passordet ditt.',
  wrongCredentials: 'Brukernavnet eller passordet er feil. Sjekk at du har skrevet riktig, og prøv igjen.',
  tooManyAttempts: (wait: string, until: string | null) =>
    `For mange mislykkede forsøk på å logge inn. Vent ${wait}${until ? ` (til kl. ${until})` : ''} før du prøver igjen.`,
  tooManyAttemptsNoTime: 'For mange mislykkede forsøk på å logge inn. Vent litt før du prøver igjen.',
  signInBusy: (wait: string) => `Mange logger inn akkurat nå. Vent ${wait} og prøv igjen.`,
  waitFor: (seconds: number) => {
    if (seconds < 60) return seconds === 1 ? '1 sekund' : `${seconds} sekunder`;
    const minutes = Math.ceil(seconds / 60);
    return minutes === 1 ? '1 minutt' : `${minutes} minutter`;
  },
  signInUnreachable: 'Fikk ikke kontakt med serveren. Sjekk nettforbindelsen og prøv igjen.',
  signInFailed: 'Innloggingen mislyktes på grunn av en feil på serveren. Prøv igjen om litt.',
  sessionEnded: 'Du er blitt logget ut, for eksempel fordi økten var utløpt. Logg inn igjen for å fortsette der du var.',

  // Signed out (said on the sign-in page)
  signedOut: 'Du er logget ut.',
  signedOutOtherTab: 'Du er logget ut i en annen fane.',
} as const;
