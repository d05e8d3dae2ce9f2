import { Button, Heading, Paragraph } from '@digdir/designsystemet-react';
import { Download } from 'lucide-react';
import { actorOf, type SessionUser } from '../../../../shared/auth.js';
import { can } from '../../../../shared/permissions.js';
import { StaleNote } from '../../components/StaleNote.js';
import { t } from '../../strings.js';
import { tAudit } from '../../strings/audit.js';
import { AuditFilters } from './AuditFilters.js';
import { AuditTable } from './AuditTable.js';
import { useAudit } from './useAudit.js';

/**
 * *Logg* (coordinator): every change in Samskriv, newest first, filtered by round, measure, who,
 * what and days; *Vis flere* for older rows, and the same rows as CSV.
 */
export default function AuditPage({ user }: { user: SessionUser }) {
  const coordinator = can(actorOf(user), { kind: 'coordinate' });
  const audit = useAudit(coordinator);
  return (
    <main id="main" className="page audit">
      <Heading level={1} data-size="lg">
        {tAudit.title}
      </Heading>
      <Paragraph>{tAudit.intro}</Paragraph>
      {!coordinator || audit.forbidden ? (
        <Paragraph role="alert">{tAudit.forbidden}</Paragraph>
      ) : (
        <>
          <AuditFilters form={audit.form} rounds={audit.rounds} onApply={audit.apply} />
          <div className="audit__tools">
            <p role="status" data-testid="audit-count">
              {audit.entries ? tAudit.caption(audit.entries.length, audit.next !== null) : ''}
            </p>
            {audit.csvUrl && (
              <a href={audit.csvUrl} download data-testid="audit-csv">
                <Download aria-hidden="true" size={16} /> {tAudit.csv}
              </a>
            )}
          </div>
          <StaleNote copy={audit.copy} testId="audit-stale" />
          {audit.failed && <Paragraph role="alert">{t.loadFailed}</Paragraph>}
          {audit.loading && <Paragraph>{t.loading}</Paragraph>}
          {audit.entries && audit.entries.length === 0 && <Paragraph data-testid="audit-none">{tAudit.none}</Paragraph>}
          {audit.entries && audit.entries.length > 0 && (
            <AuditTable entries={audit.entries} caption={tAudit.caption(audit.entries.length, audit.next !== null)} focusRow={audit.firstNew} />
          )}
          {audit.moreFailed && <Paragraph role="alert">{t.loadFailed}</Paragraph>}
          {audit.next !== null && (
            <Button variant="secondary" onClick={() => void audit.loadMore()} aria-disabled={audit.loadingMore || undefined} data-testid="audit-more">
              {audit.loadingMore ? tAudit.loadingMore : tAudit.more}
            </Button>
          )}
        </>
      )}
    </main>
  );
}
