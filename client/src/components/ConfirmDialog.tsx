import { Button, Dialog, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useEffect, useId, useRef } from 'react';
import { t } from '../strings.js';

export interface ConfirmDialogProps {
  open: boolean;
  title: string;
  text: string;
  /** The button that goes ahead. */
  confirmLabel: string;
  /** Red: going ahead deletes something. */
  danger?: boolean;
  onCancel: () => void;
  onConfirm: () => void;
  testId: string;
  confirmTestId?: string;
}

/**
 * A question before something that cannot be taken back, in Designsystemet's Dialog: a title
 * that names it, what happens, *Avbryt* (where focus starts: the harmless choice) and the button
 * that goes ahead. Kept mounted by its user, so that it closes as a dialog and gives focus back.
 */
export function ConfirmDialog({ open, title, text, confirmLabel, danger = false, onCancel, onConfirm, testId, confirmTestId }: ConfirmDialogProps) {
  const cancelRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  // React's autoFocus would run before Designsystemet's Dialog opens; this effect runs after it.
  useEffect(() => {
    if (open) cancelRef.current?.focus();
  }, [open]);
  return (
    <Dialog open={open} onClose={onCancel} aria-labelledby={titleId} data-testid={testId}>
      <Dialog.Block>
        <Heading level={2} data-size="xs" id={titleId}>
          {title}
        </Heading>
        <Paragraph>{text}</Paragraph>
      </Dialog.Block>
      <Dialog.Block className="dialog-actions">
        <Button variant="secondary" onClick={onCancel} ref={cancelRef}>
          {t.cancel}
        </Button>
        <Button data-color={danger ? 'danger' : undefined} onClick={onConfirm} data-testid={confirmTestId}>
          {confirmLabel}
        </Button>
      </Dialog.Block>
    </Dialog>
  );
}
