import { Button, Dialog, Heading, Paragraph } from '@digdir/designsystemet-react';
import { RotateCcw } from 'lucide-react';
import { useEffect, useId, useRef, useState } from 'react';
import { t } from '../strings.js';
import { tHistory } from '../strings/history.js';

/** *Gjenopprett*, after a confirmation that says what it does (a new edit; nothing is lost). */
export function RestoreButton({ when, busy, onConfirm }: { when: string; busy: boolean; onConfirm: () => void }) {
  const [confirming, setConfirming] = useState(false);
  const titleId = useId();
  const cancelRef = useRef<HTMLButtonElement>(null);
  // Focus starts on the harmless choice (after Designsystemet's Dialog has opened).
  useEffect(() => {
    if (confirming) cancelRef.current?.focus();
  }, [confirming]);
  return (
    <>
      <Button variant="secondary" data-size="sm" onClick={() => !busy && setConfirming(true)} aria-disabled={busy || undefined} data-testid="history-restore">
        <RotateCcw aria-hidden="true" size={16} />
        {busy ? tHistory.restoring : tHistory.restore}
      </Button>
      <Dialog open={confirming} onClose={() => setConfirming(false)} aria-labelledby={titleId} data-testid="restore-confirm">
        <Dialog.Block>
          <Heading level={2} data-size="xs" id={titleId}>
            {tHistory.restoreConfirmTitle}
          </Heading>
          <Paragraph>{tHistory.restoreConfirmText(when)}</Paragraph>
        </Dialog.Block>
        <Dialog.Block className="dialog-actions">
          <Button ref={cancelRef} variant="secondary" onClick={() => setConfirming(false)}>
            {t.cancel}
          </Button>
          <Button
            onClick={() => {
              setConfirming(false);
              onConfirm();
            }}
            data-testid="restore-confirmed"
          >
            {tHistory.restoreConfirm}
          </Button>
        </Dialog.Block>
      </Dialog>
    </>
  );
}
