import { CloudOff, CloudUpload, LoaderCircle, Wifi } from 'lucide-react';
import { useConnection } from '../connection.js';
import { useSignedInPending } from '../outbox/outboxes.js';
import { useSession } from '../session.js';
import { useChangesKeptOffline } from './offlineHint.js';
import { t } from '../strings.js';

/**
 * Connected (the server answers) / reconnecting / offline, and whether changes wait for the
 * server (narrative edits, or status, readiness and comments kept in the outbox); announced
 * politely. Offline, on a page that keeps what is written (offlineHint.ts), it says so.
 */
export function ConnectionIndicator() {
  const { state, unsynced: narrative } = useConnection();
  const session = useSession();
  const pending = useSignedInPending(session.status === 'signedIn' ? session.user.username : null);
  const unsynced = narrative || pending.length > 0;
  // "You can write on": only where what is written is kept (the measure page), not on every page.
  const kept = useChangesKeptOffline();
  const hint = state === 'offline' && kept ? t.offlineHint : null;
  const Icon = state === 'connected' ? Wifi : state === 'connecting' ? LoaderCircle : CloudOff;
  return (
    <div aria-live="polite" aria-atomic="true" className="connection">
      <span data-testid="connection-state" title={hint ?? undefined} data-state={state} data-unsynced={String(unsynced)} className={`connection__state connection__state--${state}`}>
        <Icon aria-hidden="true" size={16} />
        <span>{t.connection[state]}</span>
        {hint && <span className="connection__hint">{hint}</span>}
        {unsynced && (
          <span className="connection__unsynced">
            <CloudUpload aria-hidden="true" size={16} />
            <span>{t.unsynced}</span>
          </span>
        )}
      </span>
    </div>
  );
}
