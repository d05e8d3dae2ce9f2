import { Tag } from '@digdir/designsystemet-react';
import { gradeOf, type Status } from '../../../../shared/status.js';

const GRADE_COLOR = { done: 'success', ongoing: 'info', preparing: 'warning', notStarted: 'neutral' } as const;

/** A status as words, with its grade's colour as a second cue only. */
export function StatusTag({ status }: { status: Status }) {
  return (
    <Tag data-testid="status" data-color={GRADE_COLOR[gradeOf(status).id]} className="status-tag">
      {status}
    </Tag>
  );
}
