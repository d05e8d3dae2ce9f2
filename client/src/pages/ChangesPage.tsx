import { Button, Field, Heading, Label, Paragraph, Select, Switch } from '@digdir/designsystemet-react';
import { FileJson } from 'lucide-react';
import { useCallback, useEffect, useId, useMemo, useState } from 'react';
import type { RoundEvent } from '../../../shared/api.js';
import type { Comparison, CompareSide } from '../../../shared/compare.js';
import type { MeasureComparison } from '../../../shared/diff.js';
import type { Round } from '../../../shared/round.js';
import type { SnapshotSummary } from '../../../shared/snapshot.js';
import { ApiRequestError, comparisonUrl, fetchComparison, fetchRounds, fetchSnapshots } from '../api.js';
import { formatDeadline } from '../format.js';
import { canShorten, WordDiff } from '../report/WordDiff.js';
import { mergeSnapshots, reasonText } from '../rounds/snapshotWords.js';
import { useLiveRound } from '../useRound.js';
import { Link, navigate, paths, useSearch } from '../router.js';
import { t, tRounds } from '../strings.js';

/** The `til` value for the live round. */
const LIVE = 'live';

/** Snapshots of one round, for the version pickers. */
interface RoundSnapshots {
  round: Pick<Round, 'id' | 'title'>;
  /** Newest first. */
  snapshots: SnapshotSummary[];
}

/** The round and the rounds it carried over from, newest first (a guard stops a cycle). */
function roundChain(rounds: readonly Round[], roundId: string): Round[] {
  const byId = new Map(rounds.map((r) => [r.id, r]));
  const chain: Round[] = [];
  for (let id: string | null = roundId; id !== null && !chain.some((r) => r.id === id); ) {
    const round = byId.get(id);
    if (!round) break;
    chain.push(round);
    id = round.previousRoundId;
  }
  return chain;
}

/**
 * This round's snapshots and those of the rounds before it: what "what changed" can compare from.
 * New snapshots of this round arrive on the round's event stream.
 */
function useComparableSnapshots(roundId: string): { groups: RoundSnapshots[] | null; failed: boolean; onEvent: (event: RoundEvent) => void } {
  const [groups, setGroups] = useState<RoundSnapshots[] | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let cancelled = false;
    (async () => {
      const chain = roundChain(await fetchRounds(), roundId);
      const lists = await Promise.all(chain.map((round) => fetchSnapshots(round.id)));
      if (cancelled) return;
      setGroups(chain.map((round, i) => ({ round: { id: round.id, title: round.title }, snapshots: [...(lists[i] ?? [])].reverse() })));
    })().catch(() => !cancelled && setFailed(true));
    return () => {
      cancelled = true;
    };
  }, [roundId]);

  const onEvent = useCallback(
    (event: RoundEvent) => {
      if (event.type !== 'snapshotTaken') return;
      setGroups((current) =>
        current?.map((group) =>
          group.round.id === event.snapshot.roundId
            ? { ...group, snapshots: mergeSnapshots(group.snapshots, [event.snapshot]).reverse() }
            : group,
        ) ?? current,
      );
    },
    [],
  );
  return { groups, failed, onEvent };
}

const snapshotLabel = (s: SnapshotSummary): string => tRounds.snapshotOption(formatDeadline(s.takenAt), reasonText(s), s.note);

/** One side of a comparison in words. */
function sideLabel(side: CompareSide, groups: readonly RoundSnapshots[]): string {
  if (side.kind === 'live') return tRounds.liveOption;
  const snapshot = groups.flatMap((g) => g.snapshots).find((s) => s.id === side.id);
  return snapshot ? snapshotLabel(snapshot) : formatDeadline(side.takenAt);
}

/**
 * What changed between two versions of the report: a snapshot (of this round or an earlier one)
 * and another snapshot or the live round. Per measure: the status before and after, and the
 * narrative word by word. The choice lives in the address (`?fra=...&til=...`), so it can be shared.
 */
export default function ChangesPage({ roundId }: { roundId: string }) {
  const search = useSearch();
  const params = new URLSearchParams(search);
  const from = params.get('fra') ?? '';
  const to = params.get('til') ?? LIVE;
  const { groups, failed, onEvent } = useComparableSnapshots(roundId);
  const { round } = useLiveRound(roundId, onEvent);
  const [comparison, setComparison] = useState<Comparison | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [onlyChanged, setOnlyChanged] = useState(true);
  const pickerId = useId();

  const choose = useCallback(
    (nextFrom: string, nextTo: string) => navigate(paths.changes(roundId, nextFrom, nextTo), { replace: true }),
    [roundId],
  );

  // Without a choice, compare the newest snapshot with now.
  const newest = groups?.find((g) => g.snapshots.length > 0)?.snapshots[0] ?? null;
  useEffect(() => {
    if (from === '' && newest) choose(newest.id, to);
  }, [from, newest, to, choose]);

  useEffect(() => {
    if (from === '') return;
    let cancelled = false;
    setComparison(null);
    setProblem(null);
    fetchComparison(roundId, from, to).then(
      (c) => !cancelled && setComparison(c),
      (error: unknown) => {
        if (cancelled) return;
        setProblem(error instanceof ApiRequestError && error.status === 400 ? t.notFound : t.loadFailed);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [roundId, from, to]);

  const shown = useMemo(
    () => (comparison ? comparison.measures.filter((m) => !onlyChanged || m.changed) : []),
    [comparison, onlyChanged],
  );
  const changedCount = comparison?.measures.filter((m) => m.changed).length ?? 0;
  const none = groups !== null && newest === null;

  return (
    <main id="main" className="page">
      <Heading level={1} data-size="lg">
        {round ? tRounds.changesOf(round.title) : tRounds.changesTitle}
      </Heading>
      <Paragraph>{tRounds.changesIntro}</Paragraph>
      {failed && <Paragraph role="alert">{t.loadFailed}</Paragraph>}
      {!groups && !failed && <Paragraph>{t.loading}</Paragraph>}
      {none && (
        <Paragraph data-testid="nothing-to-compare">
          {tRounds.noSnapshotsToCompare} <Link href={paths.snapshots(roundId)}>{tRounds.navSnapshots}</Link>
        </Paragraph>
      )}
      {groups && !none && (
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
      )}
      {problem && <Paragraph role="alert">{problem}</Paragraph>}
      {from !== '' && !comparison && !problem && <Paragraph aria-live="polite">{tRounds.comparing}</Paragraph>}
      {comparison && groups && (
        <section aria-labelledby={`${pickerId}-result`} className="changes" data-testid="comparison">
          <Heading level={2} data-size="sm" id={`${pickerId}-result`}>
            {tRounds.fromTo(sideLabel(comparison.from, groups), sideLabel(comparison.to, groups))}
          </Heading>
          <Paragraph aria-live="polite" data-testid="changed-count">
            {from === to ? tRounds.sameVersion : tRounds.changedCount(changedCount, comparison.measures.length)}
          </Paragraph>
          <Paragraph className="page__meta">{tRounds.legend}</Paragraph>
          <div className="changes__tools">
            <Switch
              label={tRounds.onlyChanged}
              checked={onlyChanged}
              onChange={(e) => setOnlyChanged(e.target.checked)}
              data-testid="only-changed"
            />
            <a href={comparisonUrl(roundId, from, to)} className="changes__json" data-testid="comparison-json">
              <FileJson aria-hidden="true" size={16} /> {tRounds.comparisonJson}
            </a>
          </div>
          {shown.length === 0 && <Paragraph>{tRounds.noneShown}</Paragraph>}
          {shown.map((measure) => (
            <MeasureChange key={measure.number} measure={measure} />
          ))}
        </section>
      )}
    </main>
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

/** The status before and after, in words; the arrow is for the eye, "endret til" for the ear. */
function StatusChange({ status }: { status: MeasureComparison['status'] }) {
  const { before, after } = status;
  if (before === null) return <Paragraph className="change__status">{tRounds.measureAdded}</Paragraph>;
  if (after === null) return <Paragraph className="change__status">{tRounds.measureRemoved}</Paragraph>;
  return (
    <Paragraph className="change__status" data-testid="status-change" data-before={before} data-after={after} data-changed={String(before !== after)}>
      {tRounds.statusChange}{' '}
      {before === after ? (
        <>
          {after} <span className="change__same">({tRounds.statusUnchanged})</span>
        </>
      ) : (
        <>
          <span className="change__before">{before}</span>
          <span aria-hidden="true"> → </span>
          <span className="visually-hidden"> {tRounds.statusChangedTo} </span>
          <strong className="change__after">{after}</strong>
        </>
      )}
    </Paragraph>
  );
}

/** One measure: its status change and its narrative's word diff. */
function MeasureChange({ measure }: { measure: MeasureComparison }) {
  const [full, setFull] = useState(false);
  const headingId = useId();
  const textChanged = measure.narrative.some((part) => part.kind !== 'same');
  const statusChanged = measure.status.before !== measure.status.after;
  return (
    <section aria-labelledby={headingId} className="change" data-testid="measure-change" data-measure={measure.number} data-changed={String(measure.changed)}>
      <Heading level={3} data-size="xs" id={headingId}>
        {measure.number} {measure.title}
        {!measure.changed && <span className="change__same"> ({tRounds.unchanged})</span>}
      </Heading>
      <StatusChange status={measure.status} />
      {textChanged ? (
        <>
          <WordDiff parts={measure.narrative} full={full} />
          {canShorten(measure.narrative) && (
            <Button variant="tertiary" data-size="sm" aria-pressed={full} onClick={() => setFull((f) => !f)} data-testid="whole-text">
              {tRounds.showWholeText}
            </Button>
          )}
        </>
      ) : (
        measure.changed && !statusChanged && <Paragraph className="change__same">{tRounds.formattingOnly}</Paragraph>
      )}
      {!textChanged && (statusChanged || !measure.changed) && <Paragraph className="change__same">{tRounds.textUnchanged}</Paragraph>}
    </section>
  );
}
