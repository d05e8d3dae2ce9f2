import type { AuditRecorder } from './audit/record.js';
import type { RequestPolicy } from './auth/http.js';
import type { Sessions } from './auth/sessions.js';
import type { Commands } from './commands/command.js';
import type { NarrativeWrites } from './domain/NarrativeWrites.js';
import type { SessionWatch } from './auth/watch.js';
import type { NotificationHub } from './live/NotificationHub.js';
import type { RoundEventHub } from './live/RoundEventHub.js';
import type { Store } from './store/types.js';
import type { DocumentRegistry } from './sync/DocumentRegistry.js';
import type { Narratives } from './sync/narratives.js';
import type { MeasureHistory } from './history/MeasureHistory.js';

/** What the routes share: storage, loaded documents, narratives, live events and sessions. */
export interface ServerContext {
  store: Store;
  registry: DocumentRegistry;
  narratives: Narratives;
  /** Each measure's history: versions, field changes, a version's narrative, who introduced each client id. */
  history: MeasureHistory;
  hub: RoundEventHub;
  /** Each person's notification events, for their live streams. */
  notificationHub: NotificationHub;
  /** Whether notifications are e-mailed (SMTP_URL), and the hour (Oslo) of the daily digest. */
  mail: { enabled: boolean; digestHour: number };
  /** Records what is audited outside a command: sign-ins, sign-outs, exports downloaded. */
  audit: AuditRecorder;
  /** Every state change runs through here: one transaction each, events after the commit. */
  commands: Commands;
  /** Who may write a narrative now, asked by the sync layer for every update. */
  writes: NarrativeWrites;
  sessions: Sessions;
  /** Ends sockets and streams whose session ends or whose rights change. */
  watch: SessionWatch;
  policy: RequestPolicy;
  log: (message: string) => void;
}
