import { actorOf, type SessionUser } from '../../../../shared/auth.js';
import { can } from '../../../../shared/permissions.js';
import { Link, paths } from '../../router.js';
import { tAudit } from '../../strings.js';

/** The header's link to the audit log, for the coordinator only (the server refuses everyone else). */
export function AuditNavLink({ user, current }: { user: SessionUser; current: boolean }) {
  if (!can(actorOf(user), { kind: 'coordinate' })) return null;
  return (
    <nav aria-label={tAudit.nav} className="app-nav" data-testid="audit-nav">
      <ul className="app-nav__list">
        <li>
          <Link href={paths.audit()} className="app-nav__link" aria-current={current ? 'page' : undefined}>
            {tAudit.navLog}
          </Link>
        </li>
      </ul>
    </nav>
  );
}
