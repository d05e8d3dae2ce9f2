import { Button, Paragraph, SkipLink, Spinner } from '@digdir/designsystemet-react';
import { UserRound } from 'lucide-react';
import { lazy, Suspense, useEffect, useState } from 'react';
import { fetchRounds } from './api.js';
import { ConnectionIndicator } from './components/ConnectionIndicator.js';
import { IdentityDialog } from './components/IdentityDialog.js';
import { clearIdentity, useIdentity } from './identity.js';
import OverviewPage from './pages/OverviewPage.js';
import { Link, matchRoute, navigate, paths, usePath } from './router.js';
import { t } from './strings.js';
import { MINISTRIES } from '../../shared/ministries.js';

// The editor (Tiptap, ProseMirror, Yjs sync) loads only when a measure is opened.
const MeasurePage = lazy(() => import('./pages/MeasurePage.js'));

/** `/`: goes to the newest round. */
function Home() {
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    fetchRounds().then(
      (rounds) => (rounds[0] ? navigate(paths.overview(rounds[0].id), { replace: true }) : setError(t.noRounds)),
      () => setError(t.loadFailed),
    );
  }, []);
  return <main id="main" className="page">{error ? <Paragraph role="alert">{error}</Paragraph> : <Paragraph>{t.loading}</Paragraph>}</main>;
}

/** The app: header with who you are and the connection state, then the page of the route. */
export function App() {
  const path = usePath();
  const identity = useIdentity();
  const route = matchRoute(path);

  useEffect(() => {
    document.title = t.appName;
  }, [path]);

  return (
    <>
      <SkipLink href="#main">{t.skipToContent}</SkipLink>
      <header className="app-header">
        <Link href="/" className="app-header__name">
          {t.appName}
        </Link>
        <ConnectionIndicator />
        {identity && (
          <div className="app-header__who">
            <UserRound aria-hidden="true" size={18} />
            <span>{t.signedInAs(identity.name, identity.ministry)}</span>
            <Button variant="tertiary" data-size="sm" onClick={clearIdentity} title={MINISTRIES[identity.ministry]}>
              {t.identityChange}
            </Button>
          </div>
        )}
      </header>
      {!identity ? (
        <IdentityDialog />
      ) : route.name === 'home' ? (
        <Home />
      ) : route.name === 'overview' ? (
        <OverviewPage key={route.roundId} roundId={route.roundId} />
      ) : route.name === 'measure' ? (
        <Suspense
          fallback={
            <main id="main" className="page">
              <Spinner aria-label={t.loading} />
            </main>
          }
        >
          <MeasurePage key={`${route.roundId}.${route.number}`} roundId={route.roundId} number={route.number} user={identity} />
        </Suspense>
      ) : (
        <main id="main" className="page">
          <Paragraph>{t.notFound}</Paragraph>
          <Link href="/">{t.backToOverview}</Link>
        </main>
      )}
    </>
  );
}
