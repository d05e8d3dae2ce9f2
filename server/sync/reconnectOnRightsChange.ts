import type { RoundEvent } from '../../shared/api.js';
import { CLOSE_CODES } from '../../shared/closeCodes.js';
import type { DocumentRegistry } from './DocumentRegistry.js';

/**
 * After a round's state changed (frozen, reopened): every connection of the round whose right to
 * write is no longer what it was when it opened is closed with 4403, so that its client reconnects
 * and is told its rights anew. Updates it sends meanwhile are already refused or taken by the
 * policy each update asks; this is for the client to know.
 */
export function reconnectOnRightsChange(registry: DocumentRegistry, log: (message: string) => void): (event: RoundEvent) => void {
  return (event) => {
    if (event.type !== 'round') return;
    registry
      .loadedRooms(`${event.roundId}.`)
      .then((rooms) => {
        for (const room of rooms) {
          room.closeConnections((c) => c.mayWrite() !== c.writableAtOpen, CLOSE_CODES.PERMISSIONS_CHANGED, `round is ${event.round.state}`);
        }
      })
      .catch((error: unknown) => log(`closing connections of ${event.roundId} after a change failed: ${String(error)}`));
  };
}
