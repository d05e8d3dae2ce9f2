import { Button } from '@digdir/designsystemet-react';
import { Menu, X } from 'lucide-react';
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { tLayout } from '../strings.js';

/**
 * The header's navigation and "who am I". On a wide screen they stand in the header's row; on a
 * narrow one (styles.css) they fold behind *Meny*, a disclosure button that opens them below the
 * header. A new page, or Escape, folds them again. `badge` goes on the button (the unread
 * notifications, which are folded away with the rest).
 */
export function HeaderMenu({ path, badge, children }: { path: string; badge?: ReactNode; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const [shownFor, setShownFor] = useState(path);
  if (shownFor !== path) {
    setShownFor(path);
    setOpen(false);
  }
  const panelId = useId();
  const toggle = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  // Escape folds an open menu wherever focus is; from inside it, focus goes back to Meny.
  useEffect(() => {
    if (!open) return;
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      const inside = panel.current?.contains(document.activeElement) ?? false;
      setOpen(false);
      if (inside) toggle.current?.focus();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [open]);
  return (
    <>
      <Button
        ref={toggle}
        variant="secondary"
        data-size="sm"
        className="app-header__toggle"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((now) => !now)}
        data-testid="menu-toggle"
      >
        {open ? <X aria-hidden="true" size={18} /> : <Menu aria-hidden="true" size={18} />}
        {tLayout.menu}
        {badge}
      </Button>
      <div ref={panel} id={panelId} className="app-header__menu" data-open={String(open)}>
        {children}
      </div>
    </>
  );
}
