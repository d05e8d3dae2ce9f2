import { Button, Dialog, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useEffect, useId, useRef } from 'react';
import { t } from '../strings.js';
import { tUnsaved } from '../strings/measure.js';

/**
 * The question before throwing this browser's unsaved edits away for the server's text
 * (UnsavedEditsAlert): a chunk of its own, fetched when the warning appears, and kept mounted
 * once asked, so that the dialog closes as a dialog and gives focus back.
 */
export function UnsavedDiscardConfirm({ open, onCancel, onDiscard }: { open: boolean; onCancel: () => void; onDiscard: () => void }) {
  const cancelRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  // Focus starts on the harmless choice, once Designsystemet's Dialog has opened.
  useEffect(() => {
    if (open) cancelRef.current?.focus();
  }, [open]);
  return (
    <Dialog open={open} onClose={onCancel} aria-labelledby={titleId} data-testid="unsaved-discard-confirm">
      <Dialog.Block>
        <Heading level={2} data-size="xs" id={titleId}>
          {tUnsaved.discardTitle}
        </Heading>
        <Paragraph>{tUnsaved.discardText}</Paragraph>
      </Dialog.Block>
      <Dialog.Block className="dialog-actions">
        <Button variant="secondary" onClick={onCancel} ref={cancelRef}>
          {t.cancel}
        </Button>
        <Button data-color="danger" onClick={onDiscard} data-testid="unsaved-discard-yes">
          {tUnsaved.discardConfirm}
        </Button>
      </Dialog.Block>
    </Dialog>
  );
}
