import * as random from 'lib0/random';
import type { ClientClaim } from '../store/types.js';

/**
 * Which account introduced each Yjs client id of one loaded document (as stored, plus what the
 * room accepted since): an id belongs to the account whose update first brought structs of it,
 * so that nobody can write text under someone else's id, and the text's authors can be told.
 */
export class ClientClaims {
  private readonly owners = new Map<number, string | null>();

  constructor(stored: readonly ClientClaim[] = []) {
    for (const claim of stored) this.owners.set(claim.clientId, claim.author);
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
    for (const client of clients) if (!this.owners.has(client)) this.owners.set(client, author);
  }

  /** A fresh client id for an edit the server makes on someone's behalf: owned by nobody, unused in the document. */
  unused(inDocument: (client: number) => boolean): number {
    for (;;) {
      const client = random.uint32();
      if (!this.owners.has(client) && !inDocument(client)) return client;
    }
  }
}
