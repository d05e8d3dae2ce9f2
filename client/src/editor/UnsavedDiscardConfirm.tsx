import { ConfirmDialog } from '../components/ConfirmDialog.js';
import { tUnsaved } from '../strings/measure.js';

/**
 * The question before throwing this browser's unsaved edits away for the server's text
 * (UnsavedEditsAlert): a chunk of its own, fetched when the warning appears, and kept mounted
 * once asked.
 */
export function UnsavedDiscardConfirm({ open, onCancel, onDiscard }: { open: boolean; onCancel: () => void; onDiscard: () => void }) {
  return (
    <ConfirmDialog
      open={open}
      title={tUnsaved.discardTitle}
      text={tUnsaved.discardText}
      confirmLabel={tUnsaved.discardConfirm}
      danger
      onCancel={onCancel}
      onConfirm={onDiscard}
      testId="unsaved-discard-confirm"
      confirmTestId="unsaved-discard-yes"
    />
  );
}
