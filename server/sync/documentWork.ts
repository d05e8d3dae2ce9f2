/**
 * Requests costing the server work the size of the whole document that may be made at once, and
 * how often one more is allowed. Two kinds are held to it: sync requests (step 1), answered with
 * up to the whole document (the stock client makes one per connection), by connection; and
 * updates the guard can judge only on a copy of the document or by counting it again (the
 * editor's own edits never need that), by account, so that reconnecting gives none back. A client
 * repeating either would have the server copy and encode megabytes again and again for a few
 * bytes sent.
 */
export const DOCUMENT_WORK_AT_ONCE = 4;
export const DOCUMENT_WORK_EVERY_MS = 5_000;

/** What one connection or account has left: DOCUMENT_WORK_AT_ONCE, one more back every `everyMs` (DOCUMENT_WORK_EVERY_MS). */
export class DocumentWorkAllowance {
  private left = DOCUMENT_WORK_AT_ONCE;
  private since: number;

  constructor(
    private readonly everyMs = DOCUMENT_WORK_EVERY_MS,
    private readonly now: () => number = Date.now,
  ) {
    this.since = now();
  }

  /** Takes one; false when none is left (the caller closes the connection with 4029). */
  take(): boolean {
    this.earn();
    if (this.left === 0) return false;
    if (this.left === DOCUMENT_WORK_AT_ONCE) this.since = this.now();
    this.left--;
    return true;
  }

  /** Whether all of it is back (forgetting it then changes nothing). */
  get full(): boolean {
    this.earn();
    return this.left === DOCUMENT_WORK_AT_ONCE;
  }

  private earn(): void {
    const earned = Math.floor((this.now() - this.since) / this.everyMs);
    if (earned > 0) {
      this.left = Math.min(DOCUMENT_WORK_AT_ONCE, this.left + earned);
      this.since += earned * this.everyMs;
    }
  }
}

/** Accounts whose allowance is remembered before the full ones are forgotten (then the oldest). */
const MAX_REMEMBERED_ACCOUNTS = 10_000;

/** An allowance per account, shared by all of its connections to this instance. */
export class AccountAllowances {
  private readonly byAccount = new Map<string, DocumentWorkAllowance>();

  constructor(
    private readonly everyMs = DOCUMENT_WORK_EVERY_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes one from `account`'s allowance; false when none is left. */
  take(account: string): boolean {
    let allowance = this.byAccount.get(account);
    if (!allowance) {
      if (this.byAccount.size >= MAX_REMEMBERED_ACCOUNTS) this.forgetSome();
      allowance = new DocumentWorkAllowance(this.everyMs, this.now);
      this.byAccount.set(account, allowance);
    }
    return allowance.take();
  }

  private forgetSome(): void {
    for (const [account, allowance] of this.byAccount) if (allowance.full) this.byAccount.delete(account);
    const oldest = this.byAccount.keys().next();
    if (this.byAccount.size >= MAX_REMEMBERED_ACCOUNTS && !oldest.done) this.byAccount.delete(oldest.value);
  }
}

/** Thrown by the room for an update that needs a copy of the document when the connection has no allowance left. */
export class TooMuchDocumentWorkError extends Error {}

/** The close reason 4029 carries. */
export const TOO_MUCH_DOCUMENT_WORK_REASON = 'too many costly requests: reconnect';
