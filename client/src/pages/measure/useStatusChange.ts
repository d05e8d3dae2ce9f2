import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { MeasureSummary } from '../../../../shared/measureSummary.js';
import { StatusSchema, type Status } from '../../../../shared/status.js';
import type { Pending } from '../../outbox/changes.js';
import { pendingStatus } from '../../outbox/pending.js';
import type { Outbox } from '../../outbox/Outbox.js';
import { tMeasure } from '../../strings/measure.js';
import { tSaving } from '../../strings/saving.js';

/** Keys that step a closed select from one option to the next (and fire `change` at each step). */
const STEP_KEYS = new Set(['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Home', 'End', 'PageUp', 'PageDown']);
/** A `change` this soon after such a key is that key's step (Chromium fires it after the key is up). */
const STEP_WINDOW_MS = 1_000;

export interface StatusChange {
  /** What the select shows: a choice being stepped through, else the change waiting, else the server's value. */
  value: Status | undefined;
  /** The change kept in this browser for the server (waiting, on its way, or in conflict), if any. */
  pending: Pending | undefined;
  /** A choice stepped to by keyboard and not saved yet. */
  stepping: boolean;
  message: { ok: boolean; text: string } | null;
  onChange: (value: string) => void;
  onKeyDown: (event: KeyboardEvent<HTMLElement>) => void;
  /** The pointer on the list: what it picks next is a pick, not a step. */
  onPointerDown: () => void;
  onBlur: () => void;
  /** In a conflict: keep this person's value, or take the one the server has now. */
  choose: (choice: 'mine' | 'theirs') => void;
  /** A refused change, seen. */
  dismiss: () => void;
  /** The refused change of this measure's status, if any. */
  refused: Pending | undefined;
}

/**
 * A measure's status as this person changes it. Each change goes to the outbox, which keeps it
 * in this browser and sends it (`PATCH` with `base`, what the status said when it was changed),
 * so nothing is lost while the server cannot be reached. Picking an option saves at once;
 * stepping through the closed list with the arrow keys only shows the choice, which is saved on
 * Enter or when focus leaves (Escape goes back), so that each step is not saved and sent to
 * everyone.
 */
export function useStatusChange(
  roundId: string,
  number: number,
  server: Status | undefined,
  outbox: Outbox,
  list: readonly Pending[],
  onSaved: (measure: MeasureSummary) => void,
): StatusChange {
  const [step, setStep] = useState<Status | null>(null);
  const [message, setMessage] = useState<StatusChange['message']>(null);
  const lastStepKey = useRef(-Infinity);
  const mine = useRef(new Set<string>());
  const pending = pendingStatus(list, roundId, number);
  const refused = list.findLast((e) => e.state === 'refused' && e.change.kind === 'status' && e.change.roundId === roundId && e.change.number === number);
  const kept = pending?.change.value ?? server;

  // What became of this page's own changes: said politely, and the answer shown at once.
  const saved = useRef(onSaved);
  useEffect(() => {
    saved.current = onSaved;
  });
  useEffect(
    () =>
      outbox.onSettled(({ entry, outcome, answer }) => {
        if (entry.change.kind !== 'status' || entry.change.roundId !== roundId || entry.change.number !== number) return;
        if (outcome.kind === 'saved' && answer && 'status' in answer) saved.current(answer);
        if (!mine.current.has(entry.id)) return;
        if (outcome.kind === 'saved') setMessage({ ok: true, text: tMeasure.statusSaved });
        else if (outcome.kind === 'unanswered') setMessage({ ok: false, text: tSaving.waiting });
        else setMessage(null);
      }),
    [outbox, roundId, number],
  );

  const commit = (value: Status): void => {
    setStep(null);
    if (server === undefined || value === kept) return;
    setMessage(null);
    const id = outbox.add({ kind: 'status', roundId, number, value, base: kept ?? value });
    if (id) mine.current.add(id);
  };

  return {
    value: step ?? kept,
    pending,
    stepping: step !== null,
    message,
    refused,
    onChange: (raw) => {
      const parsed = StatusSchema.safeParse(raw);
      if (!parsed.success) return;
      if (performance.now() - lastStepKey.current < STEP_WINDOW_MS) setStep(parsed.data);
      else commit(parsed.data);
    },
    onKeyDown: (event) => {
      if (!(event.target instanceof HTMLSelectElement)) return;
      if (event.altKey || event.key === 'F4' || event.key === ' ') {
        // Opens the list: what is picked in it is a pick.
        lastStepKey.current = -Infinity;
      } else if (STEP_KEYS.has(event.key) || (event.key.length === 1 && !event.ctrlKey && !event.metaKey)) {
        lastStepKey.current = performance.now();
      } else if (event.key === 'Enter' && step !== null) {
        event.preventDefault();
        commit(step);
      } else if (event.key === 'Escape' && step !== null) {
        event.preventDefault();
        setStep(null);
      }
    },
    onPointerDown: () => {
      lastStepKey.current = -Infinity;
    },
    onBlur: () => {
      lastStepKey.current = -Infinity;
      if (step !== null) commit(step);
    },
    choose: (choice) => {
      if (pending?.state === 'conflict') outbox.choose(pending.id, choice);
    },
    dismiss: () => {
      if (refused) outbox.discard(refused.id);
    },
  };
}
