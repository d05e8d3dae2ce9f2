import { Extension } from '@tiptap/core';
import type { StarterKitOptions } from '@tiptap/starter-kit';
import { safeHref } from '../../../shared/narrativeBlocks.js';

/** A scheme at the start of an address (`https:`, `mailto:`, `javascript:`). */
const SCHEME = /^[a-z][a-z0-9+.-]*:/i;
const EMAIL = /^[^\s@/:?#]+@[^\s@/:?#]+\.[^\s@/:?#]+$/;
/** A host name with a dot and a top-level domain, then perhaps a path: `www.regjeringen.no/dep`. */
const HOST = /^[^\s@/:?#]+\.[a-z]{2,}(?:[/:?#]\S*)?$/i;

/**
 * The link target for an address as a person writes it, or as the autolinker finds it in the
 * text: an absolute http, https or mailto URL is kept, `https://` is put before a bare host name
 * and `mailto:` before an e-mail address; anything else (another scheme, a relative path) is
 * null. The exports keep the same three schemes (shared/narrativeBlocks.ts `safeHref`).
 * Anything but a string is null too: a link mark stored with no string `href` (`{}`, a number)
 * reaches this as the editor renders it, and must leave the text shown and typing possible.
 */
export function linkTarget(address: unknown): string | null {
  if (typeof address !== 'string') return null;
  const text = address.trim();
  if (text === '') return null;
  if (SCHEME.test(text)) return safeHref(text);
  if (EMAIL.test(text)) return safeHref(`mailto:${text}`);
  if (HOST.test(text)) return safeHref(`https://${text}`);
  return null;
}

/**
 * The Link extension's options (Tiptap's, in StarterKit): links typed or pasted become links,
 * a click in the text places the caret rather than leaving the page, and only http, https and
 * mailto are let in, by typing, pasting or the toolbar.
 */
export const LINK_OPTIONS: Exclude<StarterKitOptions['link'], false> = {
  autolink: true,
  openOnClick: false,
  linkOnPaste: true,
  defaultProtocol: 'https',
  isAllowedUri: (url) => linkTarget(url) !== null,
};

/** Ctrl+K (⌘K) in the text opens the toolbar's link field, where the text may be written. */
export const LinkShortcut = Extension.create<{ onOpen: () => void }>({
  name: 'linkShortcut',
  addOptions() {
    return { onOpen: () => undefined };
  },
  addKeyboardShortcuts() {
    return {
      'Mod-k': () => {
        if (!this.editor.isEditable) return false;
        this.options.onOpen();
        return true;
      },
    };
  },
});
