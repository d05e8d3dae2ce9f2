import * as random from 'lib0/random';
import type { ClientClaim } from '../store/types.js';

/**
 * Which account introduced each Yjs client id of one loaded document (as stored, plus what the
 * room accepted since): an id belongs to the account whose update first brought structs of it,
 * so that nobody can write text under someone else's id, and the text's authors can be told.
 */
export class ClientClaims {
  private readonly owners = new Map<number, string | null>();
  /** Ids each account claimed in this document itself (not carried over from an earlier round's). */
  private readonly claimedHere = new Map<string | null, number>();

  constructor(stored: readonly ClientClaim[] = []) {
    for (const claim of stored) {
      this.owners.set(claim.clientId, claim.author);
      if (!claim.carriedOver) this.claimedHere.set(claim.author, (this.claimedHere.get(claim.author) ?? 0) + 1);
    }
  }

  /** Client ids the document's claims hold, carried over or not. */
  get size(): number {
    return this.owners.size;
  }

  /** Client ids `author` introduced in this document (not counting those carried over). */
  claimedBy(author: string): number {
    return this.claimedHere.get(author) ?? 0;
  }

  /** Those of `clients` nobody owns yet: an update bringing them would claim them. */
  unclaimed(clients: Iterable<number>): number[] {
    return [...clients].filter((client) => !this.owners.has(client));
  }

  /** Client ids among `clients` that belong to someone other than `author` (the imported report's belong to nobody). */
  foreign(clients: Iterable<number>, author: string): number[] {
    const foreign: number[] = [];
    for (const client of clients) {
      if (this.owners.has(client) && this.owners.get(client) !== author) foreign.push(client);
    }
    return foreign;
  }

  /** Records `author` as the owner of those of `clients` nobody owns yet. */
  claim(clients: Iterable<number>, author: string): void {
    for (const client of clients) {
      if (this.owners.has(client)) continue;
      this.owners.set(client, author);
      this.claimedHere.set(author, (this.claimedHere.get(author) ?? 0) + 1);
    }
  }

  /** A fresh client id for an edit the server makes on someone's behalf: owned by nobody, unused in the document. */
  unused(inDocument: (client: number) => boolean): number {
    for (;;) {
      const client = random.uint32();
      if (!this.owners.has(client) && !inDocument(client)) return client;
    }
  }
}
