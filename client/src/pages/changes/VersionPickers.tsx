import { Field, Label, Select } from '@digdir/designsystemet-react';
import { useId } from 'react';
import { t } from '../../strings.js';
import { tRounds } from '../../strings/rounds.js';
import { LIVE, snapshotLabel, type RoundSnapshots } from './comparableSnapshots.js';

/** "Fra" any snapshot, "til" another or now; each choice goes to the address. */
export function VersionPickers({
  groups,
  from,
  to,
  choose,
}: {
  groups: readonly RoundSnapshots[];
  from: string;
  to: string;
  choose: (from: string, to: string) => void;
}) {
  const pickerId = useId();
  return (
    <div className="changes__pickers" role="group" aria-labelledby={pickerId} data-testid="version-pickers">
      <span id={pickerId} className="visually-hidden">
        {tRounds.changesTitle}
      </span>
      <Field>
        <Label>{tRounds.fromLabel}</Label>
        <Select value={from} onChange={(e) => choose(e.target.value, to)} data-testid="compare-from">
          {from === '' && <Select.Option value="">{t.loading}</Select.Option>}
          <SnapshotOptions groups={groups} />
        </Select>
      </Field>
      <Field>
        <Label>{tRounds.toLabel}</Label>
        <Select value={to} onChange={(e) => choose(from, e.target.value)} data-testid="compare-to">
          <Select.Option value={LIVE}>{tRounds.liveOption}</Select.Option>
          <SnapshotOptions groups={groups} />
        </Select>
      </Field>
    </div>
  );
}

/** The snapshots to choose from, grouped by round, newest first. */
function SnapshotOptions({ groups }: { groups: readonly RoundSnapshots[] }) {
  return groups
    .filter((group) => group.snapshots.length > 0)
    .map((group) => (
      <Select.Optgroup key={group.round.id} label={tRounds.groupOfRound(group.round.title)}>
        {group.snapshots.map((s) => (
          <Select.Option key={s.id} value={s.id}>
            {snapshotLabel(s)}
          </Select.Option>
        ))}
      </Select.Optgroup>
    ));
}

