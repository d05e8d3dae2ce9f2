import { Button, Paragraph, SkipLink } from '@digdir/designsystemet-react';
import { lazy, useEffect, useRef } from 'react';
import type { SessionUser } from '../../shared/auth.js';
import { fetchRounds } from './api.js';
import { ConnectionIndicator } from './components/ConnectionIndicator.js';
import { HeaderMenu } from './components/HeaderMenu.js';
import { LazyPage } from './components/LazyPart.js';
import { MainNav } from './components/MainNav.js';
import { MenuBadge } from './notifications/MenuBadge.js';
import { NotificationArrivals } from './notifications/NotificationArrivals.js';
import { NotificationsLink } from './notifications/NotificationsLink.js';
import { NotFound } from './components/NotFound.js';
import { PageLoading } from './components/PageLoading.js';
import { UserMenu } from './components/UserMenu.js';
import OverviewPage from './pages/overview/OverviewPage.js';
import { RoundRoutes } from './pages/RoundRoutes.js';
import { homeRound } from './rounds/openRounds.js';
import { Link, matchRoute, navigate, paths, usePath } from './router.js';
import { recheckSession, useSession } from './session.js';
import { t } from './strings.js';
import { useResource } from './useResource.js';

// The editor (Tiptap, ProseMirror, Yjs sync) loads only when a measure is opened.
const MeasurePage = lazy(() => import('./pages/measure/MeasurePage.js'));
// The coordinator's log, with its own chunk.
const AuditPage = lazy(() => import('./pages/audit/AuditPage.js'));
const NotificationsPage = lazy(() => import('./notifications/NotificationsPage.js'));
// Only someone signed out sees it: the overview of someone signed in does not download it.
const SignInPage = lazy(() => import('./signIn/SignInPage.js').then(({ SignInPage }) => ({ default: SignInPage })));

/** `/`: goes to the newest open round (the newest of all when none is open). */
function Home() {
  const { data: rounds, error } = useResource('rounds', fetchRounds);
  const newest = rounds ? (homeRound(rounds)?.id ?? null) : null;
  useEffect(() => {
    if (newest !== null) navigate(paths.overview(newest), { replace: true });
  }, [newest]);
  const problem = error !== null ? t.loadFailed : rounds?.length === 0 ? t.noRounds : null;
  return <main id="main" className="page">{problem ? <Paragraph role="alert">{problem}</Paragraph> : <Paragraph>{t.loading}</Paragraph>}</main>;
}

/** The page of the route, for a signed-in person. */
function Pages({ user, path }: { user: SessionUser; path: string }) {
  const route = matchRoute(path);
  switch (route.name) {
    case 'home':
      return <Home />;
    case 'overview':
      return <OverviewPage key={route.roundId} roundId={route.roundId} user={user} />;
    case 'measure':
      return (
        <LazyPage key={`${route.roundId}.${route.number}`}>
          <MeasurePage roundId={route.roundId} number={route.number} user={user} />
        </LazyPage>
      );
    case 'rounds':
    case 'roundSettings':
    case 'snapshots':
    case 'snapshot':
    case 'changes':
      return <RoundRoutes route={route} user={user} />;
    case 'notifications':
      return (
        <LazyPage key="notifications">
          <NotificationsPage user={user} />
        </LazyPage>
      );
    case 'audit':
      return (
        <LazyPage key="audit">
          <AuditPage user={user} />
        </LazyPage>
      );
    case 'notFound':
      return <NotFound missing={{ kind: 'page' }} />;
  }
}

/** Moves focus to the heading of the page now shown (after signing in), for keyboard and screen reader users. */
function focusPage(container: HTMLElement | null): void {
  const target = container?.querySelector<HTMLElement>('h1') ?? container?.querySelector<HTMLElement>('main');
  if (!target) return;
  if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
  target.focus();
}

/**
 * The app: header with who you are and the connection state, then the page of the route.
 * Signed out, only the sign-in page shows, at the URL the person was going to; if the
 * session ended while they were here, their page is kept, hidden and inert, to come back to.
 */
export function App() {
  const path = usePath();
  const session = useSession();
  const pagesRef = useRef<HTMLDivElement>(null);
  const returning = useRef(false);
  const signedIn = session.status === 'signedIn';
  const user = session.status === 'signedIn' ? session.user : session.status === 'signedOut' ? session.ended : null;

  useEffect(() => {
    document.title = session.status === 'signedOut' ? t.signInDocumentTitle : t.appName;
  }, [path, session.status]);

  useEffect(() => {
    if (session.status === 'signedOut') returning.current = true;
    else if (session.status === 'signedIn' && returning.current) {
      returning.current = false;
      focusPage(pagesRef.current);
    }
  }, [session.status]);

  return (
    <>
      <SkipLink href="#main">{t.skipToContent}</SkipLink>
      <header className="app-header">
        <Link href="/" className="app-header__name">
          {t.appName}
        </Link>
        {signedIn && <ConnectionIndicator />}
        {session.status === 'signedIn' && <NotificationArrivals key={session.user.username} username={session.user.username} />}
        {session.status === 'signedIn' && (
          <HeaderMenu path={path} badge={<MenuBadge key={session.user.username} username={session.user.username} />}>
            <MainNav route={matchRoute(path)} user={session.user} />
            <NotificationsLink key={session.user.username} username={session.user.username} current={matchRoute(path).name === 'notifications'} />
            <UserMenu user={session.user} />
          </HeaderMenu>
        )}
      </header>
      {session.status === 'loading' && <PageLoading />}
      {session.status === 'unreachable' && (
        <main id="main" className="page">
          <Paragraph role="alert">{t.sessionUnreachable}</Paragraph>
          <Button variant="secondary" onClick={() => void recheckSession()}>
            {t.retry}
          </Button>
        </main>
      )}
      {session.status === 'signedOut' && (
        <LazyPage>
          <SignInPage sessionEnded={session.ended !== null} />
        </LazyPage>
      )}
      {user && (
        <div key={user.username} ref={pagesRef} hidden={!signedIn} inert={!signedIn} className="app-pages">
          <Pages user={user} path={path} />
        </div>
      )}
    </>
  );
}
