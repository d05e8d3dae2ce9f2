import * as Y from 'yjs';
import { LIMIT_REFUSAL_PREFIX } from '../../../shared/auth.js';
import type { LinkState } from '../connection.js';

/** Quiet time after a local edit before asking the server whether it has it. */
export const CONFIRM_DELAY_MS = 400;
/** How often to ask again while edits are still unconfirmed. */
export const CONFIRM_RETRY_MS = 1_500;
/** Failed reconnects after which the link counts as offline, not reconnecting. */
export const OFFLINE_AFTER_FAILED_RECONNECTS = 2;
/** Quiet time on an open sync connection after which the server is asked (a sync step 1) whether it answers. */
export const HEARTBEAT_QUIET_MS = 2_000;
/** Quiet time after which an open sync connection no longer counts as connected: the server stopped answering. */
export const HEARTBEAT_TIMEOUT_MS = 5_000;

/** What this browser knows about whether the server holds its edits. */
export interface Confirmation {
  /** This browser holds edits the server has not confirmed. */
  unsynced: boolean;
  /** `unsynced` is the server's own answer about what it stores, not a guess from a local edit. */
  checked: boolean;
  /**
   * The server said (y-protocols auth "permission denied") that it does not take this
   * browser's edits, while this browser held some it lacks. Cleared once it has them all.
   */
  refused: boolean;
  /**
   * Why the server refused: `rights` (a read-only connection), or `limit` (the edit would make
   * the text larger or more deeply nested than any narrative may be).
   */
  refusedFor: 'rights' | 'limit' | null;
}

export const NOTHING_UNCONFIRMED: Confirmation = { unsynced: false, checked: false, refused: false, refusedFor: null };

/** A state vector: each client's clock. */
export type Clocks = Map<number, number>;

/** True when the server's clocks reach every clock of this browser. */
export function covered(local: Clocks, server: Clocks): boolean {
  for (const [client, clock] of local) if ((server.get(client) ?? 0) < clock) return false;
  return true;
}

/** A local edit: unconfirmed; while the server refuses this browser's edits, it only adds to what it lacks. */
export function afterEdit(status: Confirmation): Confirmation {
  return { ...status, unsynced: true, checked: status.refused && status.checked };
}

/** The server's "permission denied", with its reason (`limit: ...` for an edit past a limit). */
export function afterRefusal(status: Confirmation, reason: string): Confirmation {
  return { ...status, refused: true, refusedFor: reason.startsWith(LIMIT_REFUSAL_PREFIX) ? 'limit' : 'rights' };
}

/** Without a synced connection: unconfirmed when this copy has more than the server last confirmed. */
export function whileAway(status: Confirmation, local: Clocks, lastConfirmed: Clocks): Confirmation {
  return covered(local, lastConfirmed) ? status : { ...status, unsynced: true };
}

/**
 * The server's answer, what it has stored, settles it. `asked` is this copy's state vector when
 * the question was sent, `local` the one now (edits may have come meanwhile). `remember`: the
 * answer covers what was asked about, so it may be kept as the last confirmed state.
 */
export function afterServerAnswer(
  status: Confirmation,
  { asked, local, stored }: { asked: Clocks; local: Clocks; stored: Clocks },
): { status: Confirmation; remember: boolean } {
  const unsynced = !covered(local, stored);
  // With nothing missing, a refusal kept nothing from the server.
  const refused = unsynced && status.refused;
  return {
    status: { unsynced, checked: true, refused, refusedFor: refused ? status.refusedFor : null },
    remember: covered(asked, stored),
  };
}

/**
 * The link as the header says it, from what y-websocket reports and whether the server has
 * answered on it lately (`answered`: an open socket alone says nothing).
 */
export function linkStateOf(link: { connected: boolean; synced: boolean; online: boolean; failedReconnects: number; answered?: boolean }): LinkState {
  if (link.connected) return link.synced && link.answered !== false ? 'connected' : 'connecting';
  return !link.online || link.failedReconnects >= OFFLINE_AFTER_FAILED_RECONNECTS ? 'offline' : 'connecting';
}

/** What the confirmation asks of the document, the connection, the server and the browser's storage. */
export interface ConfirmationSources {
  /** This copy's state vector now. */
  local(): Clocks;
  /** Connected and synced: only then is the server asked. */
  connected(): boolean;
  /** What the server has stored of the document (`GET /api/documents/:docName/state-vector`). */
  fetchStored(): Promise<Uint8Array>;
  /** The state vector the server last confirmed, kept across reloads. */
  lastConfirmed(): Clocks;
  rememberConfirmed(stored: Uint8Array): void;
  /** Every answer of the server, also one that changes nothing here (it settles notes of earlier visits). */
  settled?(unsynced: boolean): void;
}

/**
 * Whether the server holds every edit of this copy. The sync protocol has no acknowledgement,
 * so after a quiet moment the server is asked for its stored state vector and the two are
 * compared; while edits are unconfirmed it is asked again. Without a connection, the copy is
 * compared with what the server last confirmed.
 */
export class EditConfirmation {
  private current: Confirmation = NOTHING_UNCONFIRMED;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;

  constructor(
    private readonly sources: ConfirmationSources,
    private readonly onChange: (status: Confirmation) => void,
  ) {}

  get status(): Confirmation {
    return this.current;
  }

  /** A local edit: ask the server after a quiet moment. */
  edited(): void {
    this.set(afterEdit(this.current));
    this.checkIn(CONFIRM_DELAY_MS);
  }

  refused(reason: string): void {
    if (this.stopped) return;
    this.set(afterRefusal(this.current, reason));
  }

  /** Asks (or compares) after `delayMs`, instead of any check already planned. */
  checkIn(delayMs: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.check(), delayMs);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private async check(): Promise<void> {
    this.timer = null;
    if (this.stopped) return;
    if (!this.sources.connected()) {
      this.set(whileAway(this.current, this.sources.local(), this.sources.lastConfirmed()));
      if (this.current.unsynced) this.checkIn(CONFIRM_RETRY_MS);
      return;
    }
    const asked = this.sources.local();
    let stored: Uint8Array;
    try {
      stored = await this.sources.fetchStored();
    } catch {
      this.checkIn(CONFIRM_RETRY_MS);
      return;
    }
    if (this.stopped) return;
    const answer = afterServerAnswer(this.current, { asked, local: this.sources.local(), stored: Y.decodeStateVector(stored) });
    if (answer.remember) this.sources.rememberConfirmed(stored);
    this.sources.settled?.(answer.status.unsynced);
    this.set(answer.status);
    if (answer.status.unsynced) this.checkIn(CONFIRM_RETRY_MS);
  }

  private set(next: Confirmation): void {
    const same =
      next.unsynced === this.current.unsynced &&
      next.refused === this.current.refused &&
      next.refusedFor === this.current.refusedFor &&
      next.checked === this.current.checked;
    if (same) return;
    this.current = next;
    this.onChange(next);
  }
}
