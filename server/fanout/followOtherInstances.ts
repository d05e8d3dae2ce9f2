import * as decoding from 'lib0/decoding';
import type { SessionWatch } from '../auth/watch.js';
import { loadRound } from '../domain/loaders.js';
import { toSummary } from '../measures/views.js';
import { notificationList } from '../notifications/views.js';
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
 * session ended there makes it check its own sockets; a possible loss, a catch-up from the store
 * for documents and streams alike.
 */
export function followOtherInstances(fanout: Fanout, parts: InstanceParts): void {
  const { store, registry, catchUp, hub, notificationHub, watch, log } = parts;
  /**
   * Events that may have been lost are told again from the store: each round's state (whether it
   * is frozen decides who may write here), and to every stream open here a fresh `snapshot`, as a
   * stream that reconnects gets first: its round's measures (on which a browser also reads the
   * threads anew), or its person's notifications.
   */
  const refreshStreams = async (): Promise<void> => {
    for (const { id } of await store.listRounds()) {
      hub.publish({ type: 'round', roundId: id, round: await loadRound(store, id) }, { fromElsewhere: true });
    }
    for (const roundId of hub.followedRounds()) {
      hub.publish({ type: 'snapshot', roundId, measures: (await store.listMeasures(roundId)).map(toSummary) }, { fromElsewhere: true });
    }
    for (const username of notificationHub.followedPeople()) {
      notificationHub.publish(username, { type: 'snapshot', ...(await notificationList(store, username)) });
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
      refreshStreams().catch(failed);
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
