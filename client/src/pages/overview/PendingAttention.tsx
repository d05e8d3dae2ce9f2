import { Alert, Heading, Paragraph } from '@digdir/designsystemet-react';
import type { Change, Pending } from '../../outbox/changes.js';
import { Link, paths } from '../../router.js';
import { tSaving } from '../../strings/saving.js';

function what(change: Change): string {
  switch (change.kind) {
    case 'status':
      return tSaving.attentionStatus;
    case 'ready':
      return tSaving.attentionReady(change.ministry);
    case 'thread':
      return tSaving.attentionThread;
    case 'reply':
      return tSaving.attentionReply;
    case 'resolve':
      return change.value ? tSaving.attentionResolve : tSaving.attentionReopen;
    case 'delete':
      return tSaving.attentionDelete;
  }
}

/**
 * The person's changes in this round that need them: someone else changed the same field
 * meanwhile (they choose on the measure's page), or the server refused it. Each links to its
 * measure, so that a choice waiting on a page they are not on is not missed.
 */
export function PendingAttention({ roundId, pending }: { roundId: string; pending: readonly Pending[] }) {
  const attention = pending.filter((entry) => (entry.state === 'conflict' || entry.state === 'refused') && entry.change.roundId === roundId);
  if (attention.length === 0) return null;
  return (
    <Alert data-color="warning" data-testid="pending-attention" className="pending-attention">
      <Heading level={2} data-size="xs">
        {tSaving.attentionTitle}
      </Heading>
      <Paragraph data-size="sm">{tSaving.attentionIntro}</Paragraph>
      <ul>
        {attention.map((entry) => (
          <li key={entry.id} data-measure={entry.change.number} data-state={entry.state}>
            <Link href={paths.measure(roundId, entry.change.number)}>{tSaving.attentionItem(entry.change.number, what(entry.change), entry.state === 'conflict')}</Link>
          </li>
        ))}
      </ul>
    </Alert>
  );
}
