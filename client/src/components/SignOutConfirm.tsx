import { Button, Dialog, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useEffect, useId, useRef } from 'react';
import { t } from '../strings.js';
import { tSignOut } from '../strings/signOut.js';

/**
 * The question before signing out with edits the server has not confirmed (they would be deleted
 * from this browser). Loaded apart from the header (UserMenu), which fetches it once the page is
 * shown; kept mounted once opened, so that the dialog closes as a dialog and gives focus back.
 */
export function SignOutConfirm({ open, onCancel, onLeave }: { open: boolean; onCancel: () => void; onLeave: () => void }) {
  const cancelRef = useRef<HTMLButtonElement>(null);
  // Focus starts on the harmless choice. React's autoFocus would run before Designsystemet's
  // Dialog opens; this effect runs after it.
  useEffect(() => {
    if (open) cancelRef.current?.focus();
  }, [open]);
  const titleId = useId();
  return (
    <Dialog open={open} onClose={onCancel} aria-labelledby={titleId} data-testid="sign-out-confirm">
      <Dialog.Block>
        <Heading level={2} data-size="xs" id={titleId}>
          {tSignOut.unsyncedTitle}
        </Heading>
        <Paragraph>{tSignOut.unsyncedText}</Paragraph>
      </Dialog.Block>
      <Dialog.Block className="dialog-actions">
        <Button variant="secondary" onClick={onCancel} ref={cancelRef}>
          {t.cancel}
        </Button>
        <Button data-color="danger" onClick={onLeave}>
          {tSignOut.anyway}
        </Button>
      </Dialog.Block>
    </Dialog>
  );
}
