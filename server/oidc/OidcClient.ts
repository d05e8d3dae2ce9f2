import * as oidc from 'openid-client';
import type { Claims } from './claims.js';
import type { OidcOptions } from './config.js';
import type { SignInFlow } from './PendingSignIns.js';

/** How long a request to the identity provider may take (discovery, token, UserInfo), in seconds. */
const PROVIDER_TIMEOUT_S = 10;

/** What a finished sign-in at the provider proved: its claims and the ID token (kept for the provider's sign-out). */
export interface ProviderAnswer {
  claims: Claims;
  idToken: string;
}

/**
 * The identity provider, through openid-client: the authorization code flow with PKCE (S256),
 * `state` and `nonce`, and the ID token checked in full: signature against the provider's
 * published keys (also from the token endpoint, where openid-client would otherwise trust TLS
 * alone), issuer, audience, expiry and nonce. Discovery happens on first use and is retried
 * after a failure, so a provider that is down when the server starts delays nothing else.
 */
export class OidcClient {
  private discovered: Promise<oidc.Configuration> | null = null;

  constructor(
    readonly options: OidcOptions,
    private readonly log: (message: string) => void,
  ) {}

  /** The provider's configuration (discovered once; a failure is forgotten, so the next call tries again). */
  configuration(): Promise<oidc.Configuration> {
    this.discovered ??= this.discover().catch((error: unknown) => {
      this.discovered = null;
      throw error;
    });
    return this.discovered;
  }

  /** Where to send the browser to sign in. */
  async authorizationUrl(flow: SignInFlow, redirectUrl: string): Promise<URL> {
    const config = await this.configuration();
    return oidc.buildAuthorizationUrl(config, {
      redirect_uri: redirectUrl,
      scope: this.options.scopes.join(' '),
      state: flow.state,
      nonce: flow.nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(flow.codeVerifier),
      code_challenge_method: 'S256',
    });
  }

  /**
   * Redeems the code of the provider's answer (`callbackUrl`: our redirect URL with the query
   * the browser brought) against the flow it belongs to; throws on anything wrong (a state,
   * nonce or signature that does not match, a code used before, an error from the provider).
   */
  async finish(callbackUrl: URL, flow: SignInFlow): Promise<ProviderAnswer> {
    const config = await this.configuration();
    const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: flow.codeVerifier,
      expectedState: flow.state,
      expectedNonce: flow.nonce,
      idTokenExpected: true,
    });
    const idClaims = tokens.claims();
    if (!idClaims || !tokens.id_token) throw new Error('the provider answered without an ID token');
    let claims: Claims = { ...idClaims };
    // Many providers put only `sub` in the ID token and the rest behind UserInfo.
    if (this.missingClaims(claims) && config.serverMetadata().userinfo_endpoint) {
      try {
        const info = await oidc.fetchUserInfo(config, tokens.access_token, idClaims.sub);
        claims = { ...info, ...idClaims };
      } catch (error) {
        this.log(`reading UserInfo of the identity provider failed (signing in with the ID token's claims): ${messageOf(error)}`);
      }
    }
    return { claims, idToken: tokens.id_token };
  }

  /** The provider's sign-out for this ID token, returning to `postLogoutRedirectUrl`; null when the provider has none. */
  async endSessionUrl(idToken: string, postLogoutRedirectUrl: string): Promise<string | null> {
    const config = await this.configuration();
    if (!config.serverMetadata().end_session_endpoint) return null;
    return oidc.buildEndSessionUrl(config, { id_token_hint: idToken, post_logout_redirect_uri: postLogoutRedirectUrl }).href;
  }

  private missingClaims(claims: Claims): boolean {
    const wanted = ['name', 'email', this.options.usernameClaim, ...(this.options.mapping ? [this.options.mapping.claim.split('.')[0] ?? ''] : [])];
    return wanted.some((claim) => claim !== '' && claims[claim] === undefined);
  }

  private discover(): Promise<oidc.Configuration> {
    const { issuer, clientId, clientSecret } = this.options;
    const execute = [oidc.enableNonRepudiationChecks, ...(new URL(issuer).protocol === 'http:' ? [oidc.allowInsecureRequests] : [])];
    return oidc.discovery(new URL(issuer), clientId, clientSecret, clientSecret === undefined ? oidc.None() : oidc.ClientSecretPost(clientSecret), {
      execute,
      timeout: PROVIDER_TIMEOUT_S,
    });
  }
}

/** An error of openid-client as one line: its message, the provider's `error` code when it gave one, and its causes. */
export function messageOf(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  // Bounded: a cause chain is short, and one that loops must not hang a sign-in.
  for (let depth = 0; depth < 4 && current !== undefined; depth++) {
    if (!(current instanceof Error)) {
      parts.push(typeof current === 'string' ? current : JSON.stringify(current));
      break;
    }
    const code = (current as { error?: unknown }).error ?? (current as { code?: unknown }).code;
    parts.push(typeof code === 'string' ? `${current.message} (${code})` : current.message);
    current = current.cause;
  }
  return parts.join(': ');
}
