import type * as Linkify from 'linkifyjs';

/**
 * What Tiptap's Link extension imports from linkifyjs (vite.config.ts points its import here):
 * the same four functions, backed by linkifyjs once loadLinkify() has loaded it. Linkify (its
 * list of top-level domains most of all) is about a tenth of the editor's download, and it is
 * only asked when someone types or pastes text (autolink and paste of an address), so the
 * measure page shows and can be written in without it; the editor loads it as soon as it is
 * editable (NarrativeEditor). Until then, an address typed or pasted stays text, as a word that is
 * not an address does; a link made with the toolbar or Ctrl+K does not need linkify at all.
 */
let linkify: typeof Linkify | null = null;
let loading: Promise<void> | null = null;
/** Protocols registered before linkify was here, to register when it comes. */
const protocols: Array<[scheme: string, optionalSlashSlash?: boolean]> = [];

/** Loads linkifyjs (once); resolves when the functions below answer with it. */
export function loadLinkify(): Promise<void> {
  loading ??= import('linkifyjs').then(
    (module) => {
      for (const [scheme, optionalSlashSlash] of protocols) module.registerCustomProtocol(scheme, optionalSlashSlash);
      protocols.length = 0;
      linkify = module;
    },
    (error: unknown) => {
      // Offline before the first visit cached it: try again the next time an editor asks.
      loading = null;
      throw error;
    },
  );
  return loading;
}

export const find: typeof Linkify.find = (str, type, opts) => (linkify ? linkify.find(str, type, opts) : []);

export const tokenize = (str: string): Linkify.MultiToken[] => (linkify ? linkify.tokenize(str) : []);

export function registerCustomProtocol(scheme: string, optionalSlashSlash?: boolean): void {
  if (linkify) linkify.registerCustomProtocol(scheme, optionalSlashSlash);
  else protocols.push([scheme, optionalSlashSlash]);
}

export function reset(): void {
  if (linkify) linkify.reset();
  else protocols.length = 0;
}
