import { Button, Paragraph } from '@digdir/designsystemet-react';
import { Component, lazy, Suspense, type ReactNode } from 'react';
import type { SessionUser } from '../../../shared/auth.js';
import type { Route } from '../router.js';
import { PageLoading } from '../components/PageLoading.js';
import { tNav } from '../strings.js';

// Each page loads only when it is opened, so the overview does not grow with them.
const RoundsPage = lazy(() => import('./rounds/RoundsPage.js'));
const RoundSettingsPage = lazy(() => import('./roundSettings/RoundSettingsPage.js'));
const SnapshotsPage = lazy(() => import('./snapshots/SnapshotsPage.js'));
const SnapshotPage = lazy(() => import('./snapshot/SnapshotPage.js'));
const ChangesPage = lazy(() => import('./changes/ChangesPage.js'));

export type RoundRoute = Extract<Route, { name: 'rounds' | 'roundSettings' | 'snapshots' | 'snapshot' | 'changes' }>;

function Page({ route, user }: { route: RoundRoute; user: SessionUser }) {
  switch (route.name) {
    case 'rounds':
      return <RoundsPage user={user} />;
    case 'roundSettings':
      return <RoundSettingsPage key={route.roundId} roundId={route.roundId} user={user} />;
    case 'snapshots':
      return <SnapshotsPage key={route.roundId} roundId={route.roundId} user={user} />;
    case 'snapshot':
      return <SnapshotPage key={route.id} id={route.id} />;
    case 'changes':
      return <ChangesPage key={route.roundId} roundId={route.roundId} />;
  }
}

/**
 * When a page's code cannot be loaded (offline, or a new version was deployed and the old files
 * are gone), says so and offers a reload instead of leaving an empty page.
 */
class PageLoadFailed extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return (
      <main id="main" className="page">
        <Paragraph role="alert">{tNav.pageLoadFailed}</Paragraph>
        <Button variant="secondary" onClick={() => window.location.reload()}>
          {tNav.reload}
        </Button>
      </main>
    );
  }
}

/** The rounds, settings, snapshots, snapshot and "what changed" pages, each loaded when first opened. */
export function RoundRoutes({ route, user }: { route: RoundRoute; user: SessionUser }) {
  return (
    <PageLoadFailed key={route.name}>
      <Suspense fallback={<PageLoading />}>
        <Page route={route} user={user} />
      </Suspense>
    </PageLoadFailed>
  );
}
