// Designsystemet's custom elements and document-wide behaviours that the app's components use.
// Its React components import the whole of designsystemet-web, which also brings the popover,
// tooltip, suggestion (combobox), tabs, pagination and breadcrumbs elements with Floating UI and
// a popover polyfill: about a sixth of the overview's JavaScript, for components the app has no
// use for. vite.config.ts points their import here instead. Using another of those components
// (Popover, Tooltip, Suggestion, Tabs, Pagination, Breadcrumbs, ToggleGroup) means adding its
// module below (see designsystemet-web's package.json `exports`).

/** `<ds-field>` (Field, Textfield, Search, Select, Switch, Radio): labels, descriptions, validation, counter. */
import '@digdir/designsystemet-web/ds-field';
/** A fieldset labelled by its legend and description (Fieldset). */
import '@digdir/designsystemet-web/fieldset';
/** `<ds-error-summary>`: named by its heading, focused when shown (ErrorSummary). */
import '@digdir/designsystemet-web/ds-error-summary';
/** The `<details>` polyfill Details relies on. */
import '@digdir/designsystemet-web/details';
/** Dialog: `closedby="any"` and `aria-haspopup` on what opens it. */
import '@digdir/designsystemet-web/dialog';
/** Read-only inputs and selects that stay focusable but unchanged. */
import '@digdir/designsystemet-web/readonly';
/** A click on a field's row reaching its radio or checkbox (`data-clickdelegatefor`, set by ds-field). */
import '@digdir/designsystemet-web/clickdelegatefor';

/** What the invokers polyfill checks for: browsers with it (Chromium 135, Firefox 144, Safari 26.2) never fetch the polyfill. */
function hasInvokers(): boolean {
  const commandEvent = (globalThis as { CommandEvent?: { prototype: object } }).CommandEvent;
  return 'command' in HTMLButtonElement.prototype && commandEvent !== undefined && 'source' in commandEvent.prototype;
}

// `command`/`commandfor` (Dialog's close button) where the browser lacks them.
if (!hasInvokers()) void import('@digdir/designsystemet-web/invokers');
