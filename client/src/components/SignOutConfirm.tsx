import { tSignOut } from '../strings/signOut.js';
import { ConfirmDialog } from './ConfirmDialog.js';

/**
 * The question before signing out with edits the server has not confirmed (they would be deleted
 * from this browser). Loaded apart from the header (UserMenu), which fetches it once the page is
 * shown; kept mounted once opened.
 */
export function SignOutConfirm({ open, onCancel, onLeave }: { open: boolean; onCancel: () => void; onLeave: () => void }) {
  return (
    <ConfirmDialog
      open={open}
      title={tSignOut.unsyncedTitle}
      text={tSignOut.unsyncedText}
      confirmLabel={tSignOut.anyway}
      danger
      onCancel={onCancel}
      onConfirm={onLeave}
      testId="sign-out-confirm"
    />
  );
}
