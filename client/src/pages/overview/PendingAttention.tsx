import { Alert, Heading, Paragraph } from '@digdir/designsystemet-react';
import type { Change, Pending } from '../../outbox/changes.js';
import { Link, paths } from '../../router.js';
import { tAttention } from '../../strings/attention.js';

function what(change: Change): string {
  switch (change.kind) {
    case 'status':
      return tAttention.status;
    case 'ready':
      return tAttention.ready(change.ministry);
    case 'thread':
      return tAttention.thread;
    case 'reply':
      return tAttention.reply;
    case 'resolve':
      return change.value ? tAttention.resolve : tAttention.reopen;
    case 'delete':
      return tAttention.delete;
  }
}

/**
 * The person's changes in this round that need them (`attention`): someone else changed the same
 * field meanwhile (they choose on the measure's page), or the server refused it. Each links to
 * its measure, so that a choice waiting on a page they are not on is not missed.
 */
export default function PendingAttention({ roundId, attention }: { roundId: string; attention: readonly Pending[] }) {
  return (
    <Alert data-color="warning" data-testid="pending-attention" className="pending-attention">
      <Heading level={2} data-size="xs">
        {tAttention.title}
      </Heading>
      <Paragraph data-size="sm">{tAttention.intro}</Paragraph>
      <ul>
        {attention.map((entry) => (
          <li key={entry.id} data-measure={entry.change.number} data-state={entry.state}>
            <Link href={paths.measure(roundId, entry.change.number)}>{tAttention.item(entry.change.number, what(entry.change), entry.state === 'conflict')}</Link>
          </li>
        ))}
      </ul>
    </Alert>
  );
}
