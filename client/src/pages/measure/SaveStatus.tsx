import { CircleAlert, CircleCheck, CloudOff, CloudUpload, LoaderCircle } from 'lucide-react';
import type { BrowserCopy } from '../../api.js';
import { staleLabel } from '../../staleness.js';
import { tSaving } from '../../strings/saving.js';
import type { SaveState, SaveStateKind } from './saveState.js';

const ICONS: Record<SaveStateKind, typeof CircleCheck> = {
  saving: CloudUpload,
  saved: CircleCheck,
  unsaved: CloudOff,
  attention: CircleAlert,
  offline: CloudOff,
  connecting: LoaderCircle,
};

/**
 * The save state beside the text, in the toolbar that stays on screen: "Lagrer …", "Alt er
 * lagret", "Ikke lagret – frakoblet (2 endringer venter)"; and, while the text shown is this
 * browser's copy, that it may be out of date. Not a live region: it changes with every pause in
 * typing; the header's connection state and each change's own message are announced instead.
 */
export function SaveStatus({ state, narrativeCopy }: { state: SaveState; narrativeCopy: BrowserCopy | null }) {
  const Icon = ICONS[state.kind];
  return (
    <div className="save-status" data-testid="save-state" data-kind={state.kind} data-waiting={state.waiting}>
      <span className="save-status__state">
        <span className="ds-sr-only">{tSaving.stateLabel}: </span>
        <Icon aria-hidden="true" size={16} />
        <span data-testid="save-state-text">{state.text}</span>
      </span>
      {narrativeCopy && (
        <span className="save-status__stale" data-testid="narrative-stale">
          {staleLabel(narrativeCopy.fetchedAt)}
        </span>
      )}
    </div>
  );
}
