import * as decoding from 'lib0/decoding';
import type { SessionWatch } from '../auth/watch.js';
import { loadRound } from '../domain/loaders.js';
import type { Store } from '../store/types.js';
import type { NotificationHub } from '../live/NotificationHub.js';
import type { RoundEventHub } from '../live/RoundEventHub.js';
import type { DocumentRegistry } from '../sync/DocumentRegistry.js';
import type { DocumentCatchUp } from './DocumentCatchUp.js';
import type { Fanout, FanoutMessage } from './Fanout.js';

export interface InstanceParts {
  store: Store;
  registry: DocumentRegistry;
  catchUp: DocumentCatchUp;
  hub: RoundEventHub;
  notificationHub: NotificationHub;
  watch: SessionWatch;
  log: (message: string) => void;
}

/**
 * What this instance does with what other instances tell it: their stored updates reach its
 * loaded documents and sockets, their presence its sockets, their round and notification events
 * its streams (and what follows round state here, not what must happen once: notifications), a
 * session ended there makes it check its own sockets; a possible loss, a catch-up from the store.
 */
export function followOtherInstances(fanout: Fanout, parts: InstanceParts): void {
  const { store, registry, catchUp, hub, notificationHub, watch, log } = parts;
  /**
   * Round events that may have been lost are told again from the store: whether a round is frozen
   * decides who may write here. (Measure and thread events are not: a stream that reconnects gets
   * the whole overview anew.)
   */
  const refreshRounds = async (): Promise<void> => {
    for (const { id } of await store.listRounds()) {
      hub.publish({ type: 'round', roundId: id, round: await loadRound(store, id) }, { fromElsewhere: true });
    }
  };
  const handle = (message: FanoutMessage, from: string): void => {
    switch (message.kind) {
      case 'update':
        void catchUp.apply(message);
        return;
      case 'presence': {
        const room = registry.loadedNow(message.docName);
        if (!room) return;
        const decoder = decoding.createDecoder(message.message);
        // The y-websocket message type (awareness), then the y-protocols awareness update: a count, then id, clock and JSON each.
        decoding.readVarUint(decoder);
        const update = decoding.readVarUint8Array(decoder);
        const entries = decoding.createDecoder(update);
        const clientIds: number[] = [];
        for (let left = decoding.readVarUint(entries); left > 0; left--) {
          clientIds.push(decoding.readVarUint(entries));
          decoding.readVarUint(entries);
          decoding.readVarString(entries);
        }
        room.applyPresenceFromElsewhere(update, message.sessionId, clientIds, from);
        return;
      }
      case 'round':
        hub.publish(message.event, { fromElsewhere: true });
        return;
      case 'notification':
        notificationHub.publish(message.username, message.event);
        return;
      case 'sessionEnded':
        void watch.checkNow({ announce: false });
        return;
    }
  };
  fanout.listen({
    message: handle,
    missed: () => {
      const failed = (error: unknown): void => log(`catching up with the store failed: ${String(error)}`);
      catchUp.catchUpAll().catch(failed);
      refreshRounds().catch(failed);
    },
    gone: (instance) => {
      void registry.loadedRooms('').then(
        (rooms) => {
          for (const room of rooms) room.forgetPresenceFrom(instance);
        },
        (error: unknown) => log(`forgetting the presence of a silent instance failed: ${String(error)}`),
      );
    },
  });
}
