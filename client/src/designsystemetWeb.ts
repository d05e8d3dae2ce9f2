// Designsystemet's custom elements and document-wide behaviours that every page's components use.
// Its React components import the whole of designsystemet-web, which also brings the popover,
// tooltip, suggestion (combobox), tabs, pagination and breadcrumbs elements with Floating UI and
// a popover polyfill: about a sixth of the overview's JavaScript, for components the app has no
// use for. vite.config.ts points their import here instead, or, for Details, Dialog, Fieldset and
// ErrorSummary (only on pages and parts that load separately), at the one module each needs
// (DESIGNSYSTEMET_WEB_OF). Using another component (Popover, Tooltip, Suggestion, Tabs,
// Pagination, Breadcrumbs, ToggleGroup), or a read-only input or select (the `readonly` module),
// means adding its module here or there (see designsystemet-web's package.json `exports`).

/** `<ds-field>` (Field, Textfield, Search, Select, Switch, Radio): labels, descriptions, validation, counter. */
import '@digdir/designsystemet-web/ds-field';
/** A click on a field's row reaching its radio or checkbox (`data-clickdelegatefor`, set by ds-field). */
import '@digdir/designsystemet-web/clickdelegatefor';

/** What the invokers polyfill checks for: browsers with it (Chromium 135, Firefox 144, Safari 26.2) never fetch the polyfill. */
function hasInvokers(): boolean {
  const commandEvent = (globalThis as { CommandEvent?: { prototype: object } }).CommandEvent;
  return 'command' in HTMLButtonElement.prototype && commandEvent !== undefined && 'source' in commandEvent.prototype;
}

// `command`/`commandfor` (Dialog's close button) where the browser lacks them.
if (!hasInvokers()) void import('@digdir/designsystemet-web/invokers');
