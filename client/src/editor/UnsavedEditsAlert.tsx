import { Alert, Button, Heading, Paragraph } from '@digdir/designsystemet-react';
import { lazy, useEffect, useState } from 'react';
import { NARRATIVE_FIELD } from '../../../shared/documentLayout.js';
import { LazyPart } from '../components/LazyPart.js';
import { tUnsaved, type UnsavedReason } from '../strings/measure.js';
import type { CollabSession } from './collabSession.js';
import { narrativeText } from '../../../shared/narrative.js';

const loadDiscardConfirm = () => import('./UnsavedDiscardConfirm.js').then(({ UnsavedDiscardConfirm }) => ({ default: UnsavedDiscardConfirm }));
const UnsavedDiscardConfirm = lazy(loadDiscardConfirm);

/**
 * The warning about edits this browser holds that the server will not take (the round froze,
 * or the rights changed, before they reached it, or they went past a limit on the text's size): the text shows them, nobody else has them.
 * Offers to copy this browser's text, and to throw the local copy away for the server's, after
 * asking. The warning sits in a live region that is there from the start, so it is announced
 * once when it appears; what the buttons did is said in a status line of its own.
 */
export function UnsavedEditsAlert({
  shown,
  reason,
  session,
  onDiscard,
}: {
  shown: boolean;
  reason: UnsavedReason;
  session: CollabSession | null;
  /** Replaces the local copy with the server's; rejects when that failed. */
  onDiscard: () => Promise<void>;
}) {
  const [confirming, setConfirming] = useState(false);
  /** Whether the question was ever asked: its dialog stays mounted after. */
  const [asked, setAsked] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');
  // The question is fetched when the warning appears, to be there when asked for.
  useEffect(() => {
    if (shown) loadDiscardConfirm().catch(() => undefined);
  }, [shown]);
  // What the buttons did is news only for the warning it was about: one that appears again starts afresh.
  const [wasShown, setWasShown] = useState(shown);
  if (shown !== wasShown) {
    setWasShown(shown);
    if (shown) setMessage('');
  }

  const copy = async (): Promise<void> => {
    if (!session) return;
    try {
      await navigator.clipboard.writeText(narrativeText(session.doc.getXmlFragment(NARRATIVE_FIELD)));
      setMessage(tUnsaved.copied);
    } catch {
      setMessage(tUnsaved.copyFailed);
    }
  };

  const discard = async (): Promise<void> => {
    setConfirming(false);
    setBusy(true);
    setMessage('');
    try {
      await onDiscard();
      setMessage(tUnsaved.discarded);
    } catch {
      setMessage(tUnsaved.discardFailed);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <div aria-live="polite">
        {shown && (
          <Alert data-color="warning" data-testid="unsaved-edits" data-reason={reason} className="measure__unsaved">
            <Heading level={2} data-size="2xs">
              {tUnsaved.title}
            </Heading>
            <Paragraph>{tUnsaved.text(reason)}</Paragraph>
            <div className="dialog-actions measure__unsaved-actions">
              <Button variant="secondary" data-size="sm" onClick={() => void copy()} data-testid="unsaved-copy">
                {tUnsaved.copy}
              </Button>
              <Button
                variant="secondary"
                data-color="danger"
                data-size="sm"
                aria-disabled={busy || undefined}
                onClick={() => {
                  if (busy) return;
                  setAsked(true);
                  setConfirming(true);
                }}
                data-testid="unsaved-discard"
              >
                {busy ? tUnsaved.discarding : tUnsaved.discard}
              </Button>
            </div>
          </Alert>
        )}
      </div>
      <p role="status" className="measure__unsaved-status" data-testid="unsaved-status">
        {message}
      </p>
      {asked && (
        <LazyPart>
          <UnsavedDiscardConfirm open={confirming} onCancel={() => setConfirming(false)} onDiscard={() => void discard()} />
        </LazyPart>
      )}
    </>
  );
}
