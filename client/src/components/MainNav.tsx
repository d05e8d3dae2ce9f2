import { actorOf, type SessionUser } from '../../../shared/auth.js';
import { can } from '../../../shared/permissions.js';
import { Link, paths, type Route } from '../router.js';
import { tNav } from '../strings.js';

/** The round a route belongs to, when it is about one. */
function roundOf(route: Route): string | null {
  switch (route.name) {
    case 'overview':
    case 'measure':
    case 'roundSettings':
    case 'snapshots':
    case 'changes':
      return route.roundId;
    default:
      return null;
  }
}

function NavLink({ href, current, children }: { href: string; current: boolean; children: string }) {
  return (
    <li>
      <Link href={href} className="app-nav__link" aria-current={current ? 'page' : undefined}>
        {children}
      </Link>
    </li>
  );
}

/**
 * The header's navigation: every round, the audit log (the coordinator's), and within a round its
 * overview, snapshots, what changed and (for the coordinator) its settings. The current page is marked for screen readers.
 */
export function MainNav({ route, user }: { route: Route; user: SessionUser }) {
  const roundId = roundOf(route);
  return (
    <nav aria-label={tNav.nav} className="app-nav" data-testid="main-nav">
      <ul className="app-nav__list">
        <NavLink href={paths.rounds()} current={route.name === 'rounds'}>
          {tNav.navRounds}
        </NavLink>
        {can(actorOf(user), { kind: 'coordinate' }) && (
          <NavLink href={paths.audit()} current={route.name === 'audit'}>
            {tNav.navLog}
          </NavLink>
        )}
        {roundId !== null && (
          <>
            <NavLink href={paths.overview(roundId)} current={route.name === 'overview'}>
              {tNav.navOverview}
            </NavLink>
            <NavLink href={paths.snapshots(roundId)} current={route.name === 'snapshots'}>
              {tNav.navSnapshots}
            </NavLink>
            <NavLink href={paths.changes(roundId)} current={route.name === 'changes'}>
              {tNav.navChanges}
            </NavLink>
            {can(actorOf(user), { kind: 'coordinate' }) && (
              <NavLink href={paths.roundSettings(roundId)} current={route.name === 'roundSettings'}>
                {tNav.navSettings}
              </NavLink>
            )}
          </>
        )}
      </ul>
    </nav>
  );
}
