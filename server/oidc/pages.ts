import { createHash } from 'node:crypto';

/**
 * The two pages the identity provider's sign-in can end on besides the app: a refusal (the
 * provider knows the person, Samskriv does not) and a failure (the sign-in could not be
 * finished). Plain, standalone and in bokmål; no script, and a Content-Security-Policy that
 * allows only their own style.
 */

const STYLE = `body{font-family:Inter,system-ui,sans-serif;line-height:1.5;margin:0;color:#1e2b3c;background:#f4f5f6}
main{max-width:38rem;margin:4rem auto;padding:2rem;background:#fff;border-radius:8px;box-shadow:0 1px 3px rgba(0,0,0,.15)}
h1{font-size:1.5rem;margin-top:0}
a{color:#0062ba}
a:focus-visible{outline:3px solid #0062ba;outline-offset:2px}
.actions{display:flex;gap:1.5rem;flex-wrap:wrap;margin-top:1.5rem}
code{background:#eef0f2;padding:0 .25em;border-radius:3px;word-break:break-all}`;

const STYLE_HASH = createHash('sha256').update(STYLE).digest('base64');

/** The pages' Content-Security-Policy: nothing but their one inline stylesheet. */
export const PAGE_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  `style-src 'sha256-${STYLE_HASH}'`,
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

function page(title: string, paragraphs: string[], links: { href: string; text: string; testId: string }[]): string {
  return `<!doctype html>
<html lang="nb">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} – Samskriv</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
${paragraphs.map((p) => `<p>${p}</p>`).join('\n')}
<p class="actions">${links.map((l) => `<a href="${escapeHtml(l.href)}" data-testid="${l.testId}">${escapeHtml(l.text)}</a>`).join('\n')}</p>
</main>
</body>
</html>
`;
}

/** Why someone the provider knows is refused. */
export type RefusalReason = 'unknown' | 'disabled' | 'ambiguous';

/** The refusal page: who the provider said they are, why Samskriv says no, whom to ask, and how to try another account. */
export function refusalPage(input: {
  reason: RefusalReason;
  providerName: string;
  /** The name and e-mail (or the provider's id) the provider gave. */
  name: string;
  identity: string;
  /** The provider's sign-out, so that another account can be tried; null when it has none. */
  providerSignOut: string | null;
}): string {
  const who = input.name ? `${escapeHtml(input.name)} (<code>${escapeHtml(input.identity)}</code>)` : `<code>${escapeHtml(input.identity)}</code>`;
  const why =
    input.reason === 'disabled'
      ? 'Brukeren din i Samskriv er deaktivert.'
      : input.reason === 'ambiguous'
        ? 'Gruppene dine hos innloggingstjenesten gir tilgang for flere departementer, og Samskriv kan ikke velge mellom dem.'
        : 'Samskriv kjenner deg ikke: du er verken registrert som bruker eller med i en gruppe som gir tilgang.';
  return page(
    'Du har ikke tilgang til Samskriv',
    [
      `Du er logget inn hos ${escapeHtml(input.providerName)} som ${who}.`,
      why,
      'Ta kontakt med sekretariatet for statusrapporten og be om tilgang. Oppgi identiteten over, så de kan gi deg riktig rolle og departement.',
    ],
    [
      ...(input.providerSignOut ? [{ href: input.providerSignOut, text: `Logg ut hos ${input.providerName} og bruk en annen konto`, testId: 'provider-sign-out' }] : []),
      { href: '/', text: 'Tilbake til innloggingen', testId: 'back-to-sign-in' },
    ],
  );
}

/** The failure page: the sign-in could not be finished (cancelled, expired, or an answer that did not hold up). */
export function failurePage(cancelled: boolean): string {
  return page(
    cancelled ? 'Innloggingen ble avbrutt' : 'Innloggingen kunne ikke fullføres',
    [
      cancelled
        ? 'Innloggingstjenesten sendte deg tilbake uten å logge deg inn.'
        : 'Svaret fra innloggingstjenesten kunne ikke godtas, eller innloggingen tok for lang tid. Ingen ble logget inn.',
      'Prøv å logge inn på nytt. Hvis det ikke går, ta kontakt med sekretariatet for statusrapporten.',
    ],
    [{ href: '/', text: 'Logg inn på nytt', testId: 'back-to-sign-in' }],
  );
}
