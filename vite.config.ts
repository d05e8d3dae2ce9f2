import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';

/** The module that registers the Designsystemet elements and behaviours every page uses. */
const DESIGNSYSTEMET_WEB_USED = fileURLToPath(new URL('client/src/designsystemetWeb.ts', import.meta.url));

/**
 * The designsystemet-web modules that come with one Designsystemet React component (by its
 * folder in the package) rather than with every page: Details, Fieldset and ErrorSummary are
 * only on pages that load separately. (Fieldset and ErrorSummary import none themselves.)
 */
const DESIGNSYSTEMET_WEB_OF: Record<string, string> = {
  details: '@digdir/designsystemet-web/details',
  fieldset: '@digdir/designsystemet-web/fieldset',
  'error-summary': '@digdir/designsystemet-web/ds-error-summary',
};

/** The stand-in for linkifyjs that loads it when the editor is editable (client/src/editor/linkify.ts). */
const LINKIFY_LATER = fileURLToPath(new URL('client/src/editor/linkify.ts', import.meta.url));

/** The stand-in for prosemirror-tables that loads it when the editor is made (client/src/editor/tableEditingLater.ts). */
const TABLE_EDITING_LATER = fileURLToPath(new URL('client/src/editor/tableEditingLater.ts', import.meta.url));

/**
 * Tiptap's Link extension imports linkifyjs for autolink and the paste of an address, and its
 * table extension prosemirror-tables for editing tables as tables; this points those imports at
 * stand-ins (LINKIFY_LATER, TABLE_EDITING_LATER), so that each is a chunk of its own the editor
 * loads once it is shown, rather than part of what the measure page needs first. Only those two
 * extensions' imports are pointed there: a stand-in's own import is the package itself.
 */
function editorPartsLater(): Plugin {
  return {
    name: 'samskriv:editor-parts-later',
    enforce: 'pre',
    resolveId(source, importer) {
      if (importer === undefined) return null;
      if (source === 'linkifyjs' && importer.includes('/@tiptap/extension-link/')) return LINKIFY_LATER;
      if (source === '@tiptap/pm/tables' && importer.includes('/@tiptap/extension-table/')) return TABLE_EDITING_LATER;
      return null;
    },
  };
}

/** Modules both sides use: constants, schemas and functions, none run for what importing it does. */
const SHARED_DIR = fileURLToPath(new URL('shared/', import.meta.url));

/**
 * Designsystemet's React components import all of designsystemet-web for its side effects (every
 * custom element it has, with Floating UI and a popover polyfill); this points those imports at
 * the app's own list of the ones its components use (client/src/designsystemetWeb.ts), or at the
 * one module a component listed in DESIGNSYSTEMET_WEB_OF needs.
 */
function designsystemetWebUsed(): Plugin {
  return {
    name: 'samskriv:designsystemet-web-used',
    transform(code, id) {
      const component = /\/@digdir\/designsystemet-react\/dist\/esm\/components\/([^/]+)\/\1\.js$/.exec(id)?.[1];
      const own = component === undefined ? undefined : DESIGNSYSTEMET_WEB_OF[component];
      if (own !== undefined) {
        const rest = code.replaceAll(/^import "@digdir\/designsystemet-web";$/gm, '');
        return { code: `import ${JSON.stringify(own)};\n${rest}`, map: null };
      }
      if (!id.includes('/@digdir/designsystemet-react/')) return null;
      const replaced = code.replaceAll(/^import "@digdir\/designsystemet-web";$/gm, `import ${JSON.stringify(DESIGNSYSTEMET_WEB_USED)};`);
      return replaced === code ? null : { code: replaced, map: null };
    },
  };
}

export default defineConfig({
  root: 'client',
  plugins: [
    react(),
    designsystemetWebUsed(),
    editorPartsLater(),
    // The service worker (client/src/sw.ts), built on its own as /sw.js (unhashed, to control the
    // whole origin) with the list of built files to precache (the fonts too, so that a reload
    // offline looks as designed); the page registers it (offline.ts).
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src',
      filename: 'sw.ts',
      injectRegister: false,
      manifest: false,
      injectManifest: { rollupFormat: 'iife', globPatterns: ['**/*.{js,css,html,woff2}'] },
    }),
  ],
  build: {
    outDir: '../dist',
    emptyOutDir: true,
    manifest: true,
    rollupOptions: {
      input: { main: 'client/index.html' },
      // Designsystemet's React package declares no `sideEffects`, so its whole barrel
      // (comboboxes, virtual lists, popovers) would ship with any one component. Its modules
      // only define components; the custom elements they need come from designsystemet-web,
      // which keeps its side effects. jsdiff says it has none only in a nested package.json, which
      // the bundler does not read: without this, the client (which imports shared/diff.ts for its
      // schemas, never its diff) would carry every diff and patch function. Nor does a module of
      // shared/ do anything on import: one imported for a schema must not bring along what its
      // other exports need (shared/diff.ts's narrative reader, on the overview).
      treeshake: {
        moduleSideEffects: (id: string) =>
          !id.includes('/@digdir/designsystemet-react/') && !id.includes('/node_modules/diff/') && !id.startsWith(SHARED_DIR),
        // Tiptap's packages make every extension they have when imported (`Node.create(…)`, not
        // marked pure): without this, the measure page would carry the task list, table kit,
        // character count, placeholder and others the editor never uses.
        manualPureFunctions: ['Extension.create', 'Node.create', 'Mark.create'],
      },
      output: {
        // Zod and the switch that turns off its evaluated parsers share one chunk, which every
        // chunk that builds a schema imports: the switch runs before the first schema, whose
        // probe for eval the Content-Security-Policy would report (client/src/zodWithoutEval.ts).
        codeSplitting: {
          groups: [{ name: 'zod', test: /[\\/](node_modules[\\/]zod[\\/]|client[\\/]src[\\/]zodWithoutEval\.ts$)/ }],
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:8080',
      '/sync': { target: 'ws://127.0.0.1:8080', ws: true },
    },
  },
});
