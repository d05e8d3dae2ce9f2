import { Button, Heading, Spinner } from '@digdir/designsystemet-react';
import { History } from 'lucide-react';
import { lazy, useId, useState } from 'react';
import type { CollabSession } from '../editor/collabSession.js';
import { t } from '../strings.js';
import { LazyPart } from '../components/LazyPart.js';
import { tHistorySection } from '../strings/historySection.js';

// The panel (and what it renders) loads when first opened, not with every measure page.
const HistoryPanel = lazy(() => import('./HistoryPanel.js'));

export interface HistorySectionProps {
  roundId: string;
  number: number;
  session: CollabSession | null;
  /** Whether this person may write the measure now (shared/permissions.ts): only then *Gjenopprett*. */
  canWrite: boolean;
  /** Changes when the measure's status or readiness changes, so the open list is read again. */
  fieldsKey: string;
}

/** *Historikk* on the measure page: a heading and a disclosure button; the panel reads the history when opened. */
export function HistorySection(props: HistorySectionProps) {
  const [open, setOpen] = useState(false);
  const headingId = useId();
  const panelId = useId();
  return (
    <section aria-labelledby={headingId} className="history" data-testid="history">
      <div className="history__head">
        <Heading level={2} data-size="sm" id={headingId}>
          {tHistorySection.heading}
        </Heading>
        <Button variant="secondary" data-size="sm" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen((now) => !now)} data-testid="history-toggle">
          <History aria-hidden="true" size={16} />
          {open ? tHistorySection.hide : tHistorySection.show}
        </Button>
      </div>
      <div id={panelId} hidden={!open}>
        {open && (
          <LazyPart fallback={<Spinner aria-label={t.loading} />}>
            <HistoryPanel {...props} />
          </LazyPart>
        )}
      </div>
    </section>
  );
}
