import type { RoundEventHub } from './live/RoundEventHub.js';
import type { Store } from './store/types.js';
import type { DocumentRegistry } from './sync/DocumentRegistry.js';
import type { Narratives } from './sync/narratives.js';

/** What the routes share: storage, loaded documents, narratives and live events. */
export interface ServerContext {
  store: Store;
  registry: DocumentRegistry;
  narratives: Narratives;
  hub: RoundEventHub;
  log(message: string): void;
}
