import { lazy } from 'react';
import type { SessionUser } from '../../../shared/auth.js';
import type { Route } from '../router.js';
import { LazyPage } from '../components/LazyPart.js';

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

/** The rounds, settings, snapshots, snapshot and "what changed" pages, each loaded when first opened. */
export function RoundRoutes({ route, user }: { route: RoundRoute; user: SessionUser }) {
  return (
    <LazyPage key={route.name}>
      <Page route={route} user={user} />
    </LazyPage>
  );
}
