import { createHash, randomBytes } from 'node:crypto';
import * as oidc from 'openid-client';
import { quietly, type Commands } from '../commands/command.js';
import { SIGN_IN_FLOW_TTL_MS } from './config.js';

/** Sign-ins in progress kept at most; beyond it the oldest is dropped (a flood costs a bounded table, not the server). */
export const MAX_PENDING_SIGN_INS = 10_000;
/** Longer than any `state` this server makes (openid-client's are 43 characters): not looked up. */
const MAX_STATE_LENGTH = 256;

/** One sign-in on its way through the identity provider: what its answer must match. */
export interface SignInFlow {
  state: string;
  nonce: string;
  codeVerifier: string;
  /** The app's page to return to (a path on our own origin). */
  returnTo: string;
}

/** The browser's binding as stored: its SHA-256, so that the table never holds the cookie itself. */
const digest = (binding: string): string => createHash('sha256').update(binding).digest('hex');

/** A binding cookie of the length this server gives out (32 random bytes, base64url); anything else is replaced. */
const isBinding = (value: string | undefined): value is string => value !== undefined && value.length >= 32 && value.length <= 128;

/**
 * Sign-ins in progress, by their `state`, each bound to the browser that started it (a cookie
 * of its own), so that a callback URL carried to another browser (login CSRF: someone else's
 * code in your browser) finishes nothing and leaves the sign-in for the browser that started it.
 * Each is finished once: taking it removes it, so a replayed callback finds nothing. Kept in the
 * store, not in this process: behind several instances without sticky sessions, the provider
 * may send the browser back to another instance than the one that sent it off (README,
 * *Several instances*). Both calls run as commands, in a transaction of their own, with the
 * commands' clock.
 */
export class PendingSignIns {
  private counted = 0;

  constructor(
    private readonly commands: Commands,
    private readonly ttlMs = SIGN_IN_FLOW_TTL_MS,
    private readonly max = MAX_PENDING_SIGN_INS,
  ) {}

  /** Starts a sign-in for the browser holding `binding` (a new random one when it has none). */
  async start(returnTo: string, binding: string | undefined): Promise<{ flow: SignInFlow; binding: string }> {
    const key = isBinding(binding) ? binding : randomBytes(32).toString('base64url');
    const flow: SignInFlow = { state: oidc.randomState(), nonce: oidc.randomNonce(), codeVerifier: oidc.randomPKCECodeVerifier(), returnTo };
    this.counted = await this.commands.run(async (tx, { now }) => {
      const at = now();
      const expiresAt = new Date(at.getTime() + this.ttlMs).toISOString();
      return quietly(await tx.startSignIn({ ...flow, bindingHash: digest(key), expiresAt }, at.toISOString(), this.max));
    });
    return { flow, binding: key };
  }

  /**
   * The sign-in with this `state`, if this browser started it and it has not expired; it is
   * gone afterwards (on every instance). Another browser's attempt leaves it in place.
   */
  async take(state: string | undefined, binding: string | undefined): Promise<SignInFlow | null> {
    if (!state || state.length > MAX_STATE_LENGTH || !isBinding(binding)) return null;
    const taken = await this.commands.run(async (tx, { now }) => quietly(await tx.takeSignIn(state, digest(binding), now().toISOString())));
    if (taken === null) return null;
    this.counted = Math.max(0, this.counted - 1);
    return { state: taken.state, nonce: taken.nonce, codeVerifier: taken.codeVerifier, returnTo: taken.returnTo };
  }

  /**
   * Sign-ins in progress on every instance, as counted when one last started here, less those
   * finished here since (the metrics gauge reads it synchronously; the store has the true count).
   */
  get size(): number {
    return this.counted;
  }
}
