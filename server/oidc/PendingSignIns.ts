import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import * as oidc from 'openid-client';
import { SIGN_IN_FLOW_TTL_MS } from './config.js';

/** Sign-ins in progress kept at most; beyond it the oldest is dropped (a flood costs memory, not the server). */
export const MAX_PENDING_SIGN_INS = 10_000;

/** One sign-in on its way through the identity provider: what its answer must match. */
export interface SignInFlow {
  state: string;
  nonce: string;
  codeVerifier: string;
  /** The app's page to return to (a path on our own origin). */
  returnTo: string;
}

interface Pending extends SignInFlow {
  /** The SHA-256 of the browser's binding cookie: only the browser that started it may finish it. */
  binding: Buffer;
  expiresAt: number;
}

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/**
 * Sign-ins in progress, by their `state`, each bound to the browser that started it (a cookie
 * of its own), so that a callback URL carried to another browser (login CSRF: someone else's
 * code in your browser) finishes nothing. Each can be finished once: `take` removes it, so a
 * replayed callback finds nothing. In memory: a restart only makes a sign-in on its way start again.
 */
export class PendingSignIns {
  private readonly flows = new Map<string, Pending>();

  constructor(
    private readonly ttlMs = SIGN_IN_FLOW_TTL_MS,
    private readonly max = MAX_PENDING_SIGN_INS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Starts a sign-in for the browser holding `binding` (a new random one when it has none). */
  start(returnTo: string, binding: string | undefined): { flow: SignInFlow; binding: string } {
    this.sweep();
    const key = binding && binding.length >= 32 && binding.length <= 128 ? binding : randomBytes(32).toString('base64url');
    const flow: SignInFlow = { state: oidc.randomState(), nonce: oidc.randomNonce(), codeVerifier: oidc.randomPKCECodeVerifier(), returnTo };
    while (this.flows.size >= this.max) {
      const oldest = this.flows.keys().next();
      if (oldest.done) break;
      this.flows.delete(oldest.value);
    }
    this.flows.set(flow.state, { ...flow, binding: digest(key), expiresAt: this.now() + this.ttlMs });
    return { flow, binding: key };
  }

  /** The sign-in with this `state`, if this browser started it and it has not expired; it is gone afterwards either way. */
  take(state: string | undefined, binding: string | undefined): SignInFlow | null {
    if (!state) return null;
    const pending = this.flows.get(state);
    if (!pending) return null;
    this.flows.delete(state);
    if (!binding || pending.expiresAt <= this.now() || !timingSafeEqual(pending.binding, digest(binding))) return null;
    return { state: pending.state, nonce: pending.nonce, codeVerifier: pending.codeVerifier, returnTo: pending.returnTo };
  }

  get size(): number {
    return this.flows.size;
  }

  private sweep(): void {
    const now = this.now();
    // Oldest first (insertion order): stop at the first that is still valid.
    for (const [state, pending] of this.flows) {
      if (pending.expiresAt > now) break;
      this.flows.delete(state);
    }
  }
}
