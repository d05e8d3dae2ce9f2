import { Alert, Heading, Paragraph } from '@digdir/designsystemet-react';
import { Lock } from 'lucide-react';
import { useId } from 'react';
import type { Snapshot } from '../../../../shared/snapshotContent.js';
import { snapshotExportUrl } from '../../api/rounds.js';
import { ExportLinks } from '../../rounds/ExportLinks.js';
import { SnapshotFactList } from '../../rounds/SnapshotFactList.js';
import { tRounds } from '../../strings/rounds.js';

/** When, why and by whom the snapshot was taken, its note and SHA-256, and its exports. */
export function SnapshotFacts({ snapshot }: { snapshot: Snapshot }) {
  const headingId = useId();
  return (
    <Alert data-color="info" className="report__facts" data-testid="snapshot-facts">
      <section aria-labelledby={headingId}>
        <Heading level={2} data-size="xs" id={headingId}>
          <Lock aria-hidden="true" size={18} /> {tRounds.snapshotMeta}
        </Heading>
        <Paragraph>{tRounds.lockedNotice}</Paragraph>
        <SnapshotFactList snapshot={snapshot} takenAt sha="full" />
        <ExportLinks urlOf={(format) => snapshotExportUrl(snapshot.id, format)} label={tRounds.exportSnapshot} />
      </section>
    </Alert>
  );
}

