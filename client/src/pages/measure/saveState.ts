import type { LinkState } from '../../connection.js';
import type { OutboxCounts } from '../../outbox/pending.js';
import { tSaving } from '../../strings/saving.js';

/** Where this person's work on the page stands, as the sticky toolbar says it. */
export type SaveStateKind = 'saving' | 'saved' | 'unsaved' | 'attention' | 'offline' | 'connecting';

export interface SaveState {
  kind: SaveStateKind;
  text: string;
  /** Changes not yet stored by the server (the narrative's unconfirmed edits count as one). */
  waiting: number;
}

/**
 * The save state, true to what the server has: "Lagrer …" while connected (the server answers)
 * and something waits; "Alt er lagret" when nothing does; "Ikke lagret – frakoblet (N endringer
 * venter)" when something waits and the server does not answer; changes that need the person
 * (someone else changed the field meanwhile, a refusal, narrative edits the server will not
 * take) before everything else.
 */
export function saveState({
  link,
  narrativeUnsynced,
  narrativeStranded,
  outbox,
}: {
  /** The connection as the header says it: connected only while the server answers. */
  link: LinkState;
  narrativeUnsynced: boolean;
  /** The narrative holds edits the server will not take (see UnsavedEditsAlert). */
  narrativeStranded: boolean;
  outbox: OutboxCounts;
}): SaveState {
  const waiting = outbox.waiting + outbox.sending + (narrativeUnsynced && !narrativeStranded ? 1 : 0);
  const attention = outbox.conflicts + outbox.refused + (narrativeStranded ? 1 : 0);
  if (attention > 0) return { kind: 'attention', text: tSaving.attention(attention), waiting };
  if (link === 'connected') return waiting > 0 ? { kind: 'saving', text: tSaving.saving, waiting } : { kind: 'saved', text: tSaving.saved, waiting };
  if (waiting > 0) return { kind: 'unsaved', text: tSaving.unsaved(waiting), waiting };
  return link === 'offline' ? { kind: 'offline', text: tSaving.offlineNothingWaiting, waiting } : { kind: 'connecting', text: tSaving.connecting, waiting };
}
