import type { Commands } from '../commands/command.js';
import { identifyPerson, type IdentityOutcome } from '../commands/identities.js';
import { claimedIdentity, displayNameOf, usernameBase, verifiedEmail, type Claims } from './claims.js';
import { assignmentOf, OIDC_CALLBACK_PATH, type OidcOptions } from './config.js';
import { messageOf, OidcClient } from './OidcClient.js';
import { PendingSignIns, type SignInFlow } from './PendingSignIns.js';

/** How a sign-in through the provider ended. */
export type OidcResult =
  | { kind: 'signedIn'; outcome: Extract<IdentityOutcome, { ok: true }>; idToken: string; returnTo: string }
  /** The provider knows the person; Samskriv does not (or not any more). */
  | { kind: 'refused'; reason: Extract<IdentityOutcome, { ok: false }>['reason']; claims: Claims; idToken: string; who: { username: string; name: string } }
  /** Nothing holds: no such sign-in in progress, an error from the provider, a token that does not check out. */
  | { kind: 'failed'; cancelled: boolean; reason: string };

/**
 * Sign-in through the organisation's identity provider, from the button to the account:
 * starts a flow (state, nonce, PKCE), finishes it against the provider's answer, and finds who
 * the person is in Samskriv (identifyPerson). What the routes do with the answer (cookie,
 * audit row, refusal page) is theirs.
 */
export class OidcSignIn {
  readonly client: OidcClient;
  private readonly pending: PendingSignIns;

  constructor(
    readonly options: OidcOptions,
    private readonly commands: Commands,
    /** The app's own origin (PUBLIC_URL's, else the listen address's, known once the server listens). */
    private readonly appOrigin: () => string,
    private readonly log: (message: string) => void,
  ) {
    this.client = new OidcClient(options, log);
    this.pending = new PendingSignIns(commands);
  }

  /** Where the provider sends the browser back to. */
  redirectUrl(): string {
    return this.options.redirectUrl ?? `${this.appOrigin()}${OIDC_CALLBACK_PATH}`;
  }

  /** Where the provider sends the browser after its sign-out. */
  postLogoutRedirectUrl(): string {
    return this.options.postLogoutRedirectUrl ?? `${this.appOrigin()}/`;
  }

  /** Sign-ins on their way through the provider now (as last counted here: see PendingSignIns.size). */
  get inProgress(): number {
    return this.pending.size;
  }

  /** Starts a sign-in: the provider's URL to send the browser to, and the browser's binding for the cookie. */
  async start(returnTo: string, binding: string | undefined): Promise<{ url: URL; binding: string }> {
    const started = await this.pending.start(returnTo, binding);
    return { url: await this.client.authorizationUrl(started.flow, this.redirectUrl()), binding: started.binding };
  }

  /** Finishes the sign-in the provider's answer (`search`: the callback's query) belongs to. */
  async finish(search: string, binding: string | undefined): Promise<OidcResult> {
    const params = new URLSearchParams(search);
    const flow = await this.pending.take(params.get('state') ?? undefined, binding);
    if (!flow) return { kind: 'failed', cancelled: false, reason: 'no sign-in in progress for this state in this browser (expired, finished, or another browser\'s)' };
    if (params.has('error')) {
      // The provider's own refusal or the person's cancel: nothing to redeem.
      return { kind: 'failed', cancelled: params.get('error') === 'access_denied', reason: `the provider answered ${params.get('error') ?? ''}` };
    }
    let answer;
    try {
      const callbackUrl = new URL(this.redirectUrl());
      callbackUrl.search = search;
      answer = await this.client.finish(callbackUrl, flow);
    } catch (error) {
      return { kind: 'failed', cancelled: false, reason: messageOf(error) };
    }
    return this.identify(answer.claims, answer.idToken, flow);
  }

  /** The provider's sign-out for a session that began there; null when it has none (or it cannot be reached). */
  async signOutUrl(idToken: string): Promise<string | null> {
    try {
      return await this.client.endSessionUrl(idToken, this.postLogoutRedirectUrl());
    } catch (error) {
      this.log(`the identity provider's sign-out address is unknown: ${messageOf(error)}`);
      return null;
    }
  }

  private async identify(claims: Claims, idToken: string, flow: SignInFlow): Promise<OidcResult> {
    const subject = typeof claims.sub === 'string' ? claims.sub : '';
    const base = usernameBase(claims, this.options.usernameClaim);
    const outcome = await this.commands.run(
      identifyPerson({
        // As configured (OIDC_ISSUER), as the CLI links accounts; openid-client checked the provider says the same.
        issuer: this.options.issuer,
        subject,
        email: verifiedEmail(claims),
        name: displayNameOf(claims, base),
        usernameBase: base,
        assignment: this.options.mapping ? assignmentOf(claims, this.options.mapping) : null,
      }),
    );
    if (!outcome.ok) return { kind: 'refused', reason: outcome.reason, claims, idToken, who: claimedIdentity(claims) };
    return { kind: 'signedIn', outcome, idToken, returnTo: flow.returnTo };
  }
}
