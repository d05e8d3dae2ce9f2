import type { RequestPolicy } from './auth/http.js';
import type { Sessions } from './auth/sessions.js';
import type { SessionWatch } from './auth/watch.js';
import type { RoundEventHub } from './live/RoundEventHub.js';
import type { Store } from './store/types.js';
import type { DocumentRegistry } from './sync/DocumentRegistry.js';
import type { Narratives } from './sync/narratives.js';

/** What the routes share: storage, loaded documents, narratives, live events and sessions. */
export interface ServerContext {
  store: Store;
  registry: DocumentRegistry;
  narratives: Narratives;
  hub: RoundEventHub;
  sessions: Sessions;
  /** Ends sockets and streams whose session ends or whose rights change. */
  watch: SessionWatch;
  policy: RequestPolicy;
  /** How often sync sockets are pinged; one that misses two pings is closed. */
  heartbeatIntervalMs: number;
  log(message: string): void;
}
