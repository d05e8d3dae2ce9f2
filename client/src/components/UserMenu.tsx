import { Button } from '@digdir/designsystemet-react';
import { LogOut, UserRound } from 'lucide-react';
import { lazy, useEffect, useState } from 'react';
import type { SessionUser } from '../../../shared/auth.js';
import { MINISTRIES } from '../../../shared/ministries.js';
import { unconfirmedDocs } from '../localData.js';
import { hasUnconfirmedEdits } from '../openDocuments.js';
import { signOut } from '../session.js';
import { t } from '../strings.js';
import { LazyPart } from './LazyPart.js';

/**
 * The question before signing out with unconfirmed edits: fetched once the header is shown, not
 * with the page, so that it is there when asked for (offline, as those edits mostly are, before
 * the service worker has the app).
 */
const loadSignOutConfirm = () => import('./SignOutConfirm.js').then(({ SignOutConfirm }) => ({ default: SignOutConfirm }));
const SignOutConfirm = lazy(loadSignOutConfirm);

/** The person's ministry, or their role when the ministry does not say what they may do. */
function Affiliation({ user }: { user: SessionUser }) {
  if (user.role === 'editor' && user.ministry) return <abbr title={MINISTRIES[user.ministry]}>{user.ministry}</abbr>;
  if (user.ministry) {
    return (
      <>
        {t.role[user.role]}, <abbr title={MINISTRIES[user.ministry]}>{user.ministry}</abbr>
      </>
    );
  }
  return <>{t.role[user.role]}</>;
}

/**
 * The header's "who am I": name and ministry (or role), and Logg ut. Signing out with edits the
 * server has not confirmed would delete them from this browser, so that asks first.
 */
export function UserMenu({ user }: { user: SessionUser }) {
  const [confirming, setConfirming] = useState(false);
  /** Whether the question was ever asked: the dialog stays mounted after, to close as a dialog. */
  const [asked, setAsked] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    loadSignOutConfirm().catch(() => undefined);
  }, []);

  const leave = async (): Promise<void> => {
    setConfirming(false);
    setBusy(true);
    setError(null);
    try {
      await signOut();
    } catch {
      setError(t.signOutFailed);
      setBusy(false);
    }
  };

  const start = (): void => {
    if (busy) return;
    // Open measures say it themselves; closed ones were noted when they last knew.
    if (hasUnconfirmedEdits() || unconfirmedDocs(user.username).length > 0) {
      setAsked(true);
      setConfirming(true);
    } else void leave();
  };

  return (
    <div className="app-header__who">
      <UserRound aria-hidden="true" size={18} />
      <span data-testid="signed-in-user" data-username={user.username}>
        <span className="ds-sr-only">{t.signedInAs} </span>
        {user.name}
        {/* A demo account may be named after its role; "Koordinator (Koordinator)" says nothing more. */}
        {user.name !== t.role[user.role] && (
          <>
            {' '}(<Affiliation user={user} />)
          </>
        )}
      </span>
      <Button variant="tertiary" data-size="sm" onClick={start} aria-disabled={busy || undefined} data-testid="sign-out">
        <LogOut aria-hidden="true" size={18} />
        {busy ? t.signingOut : t.signOut}
      </Button>
      <span role="alert" className="app-header__error">
        {error}
      </span>
      {asked && (
        <LazyPart>
          <SignOutConfirm open={confirming} onCancel={() => setConfirming(false)} onLeave={() => void leave()} />
        </LazyPart>
      )}
    </div>
  );
}
