import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';

/** The module that registers the Designsystemet elements and behaviours every page uses. */
const DESIGNSYSTEMET_WEB_USED = fileURLToPath(new URL('client/src/designsystemetWeb.ts', import.meta.url));

/**
 * The designsystemet-web modules that come with one Designsystemet React component (by its
 * folder in the package) rather than with every page: Details, Dialog, Fieldset and ErrorSummary
 * are only on pages and parts that load separately. (Dialog, Fieldset and ErrorSummary import none
 * themselves; Dialog's is `closedby="any"` and `aria-haspopup` on what opens one.)
 */
const DESIGNSYSTEMET_WEB_OF: Record<string, string> = {
  details: '@digdir/designsystemet-web/details',
  dialog: '@digdir/designsystemet-web/dialog',
  fieldset: '@digdir/designsystemet-web/fieldset',
  'error-summary': '@digdir/designsystemet-web/ds-error-summary',
};

/** A module of the app's that stands in for a package where one other package imports it. */
interface StandIn {
  /** The import as the package writes it. */
  source: string;
  /** Part of the path of the importing package (its own imports are left alone). */
  importer: string;
  /** The app's module imported instead, in client/src/standIns/. */
  instead: string;
}

const standIn = (name: string): string => fileURLToPath(new URL(`client/src/standIns/${name}`, import.meta.url));

/**
 * Packages the editor's libraries import that the measure page need not download before it shows
 * (each stand-in says why, and what it does until the package is loaded), or that one function of
 * React or a few lines do the work of:
 * - linkifyjs (Tiptap's Link extension: autolink and the paste of an address) and prosemirror-tables
 *   (Tiptap's table extension: editing tables as tables) are chunks of their own, which the editor
 *   loads as soon as it is shown;
 * - ProseMirror's history (StarterKit's UndoRedo) is left out: the narrative's undo is Yjs';
 * - fast-equals (Tiptap's React bindings compare their selectors' results with its `deepEqual`)
 *   and the `use-sync-external-store` shims (React has `useSyncExternalStore` itself) are left out.
 * A stand-in's own import of the package is the package itself.
 */
const STAND_INS: StandIn[] = [
  { source: 'linkifyjs', importer: '/@tiptap/extension-link/', instead: standIn('linkify.ts') },
  { source: '@tiptap/pm/tables', importer: '/@tiptap/extension-table/', instead: standIn('tableEditingLater.ts') },
  { source: '@tiptap/pm/history', importer: '/@tiptap/extensions/', instead: standIn('noHistory.ts') },
  { source: 'fast-equals', importer: '/@tiptap/react/', instead: standIn('deepEqual.ts') },
  { source: 'use-sync-external-store/shim/index.js', importer: '/@tiptap/react/', instead: standIn('useSyncExternalStore.ts') },
  {
    source: 'use-sync-external-store/shim/with-selector.js',
    importer: '/@tiptap/react/',
    instead: fileURLToPath(new URL('node_modules/use-sync-external-store/with-selector.js', import.meta.url)),
  },
];

/** Points the imports listed in STAND_INS at their stand-ins. */
function standIns(): Plugin {
  return {
    name: 'samskriv:stand-ins',
    enforce: 'pre',
    resolveId(source, importer) {
      if (importer === undefined) return null;
      return STAND_INS.find((entry) => entry.source === source && importer.includes(entry.importer))?.instead ?? null;
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

/** The measure page's module, and the app's entry (client/index.html's script). */
const MEASURE_PAGE = fileURLToPath(new URL('client/src/pages/measure/MeasurePage.tsx', import.meta.url));
const MAIN = fileURLToPath(new URL('client/src/main.tsx', import.meta.url));

/** What the chunking sees of the module graph (Rolldown's `getModuleInfo`). */
interface ModuleGraph {
  getModuleInfo(id: string): {
    importers: readonly string[];
    dynamicImporters: readonly string[];
    importedIds: readonly string[];
    dynamicallyImportedIds: readonly string[];
  } | null;
}

/** Modules the measure page alone loads up front, worked out once per build (editorLibraries). */
let measurePageModules: Set<string> | null = null;

/** Follows `next` from `start`, not into `stop`. */
function reach(start: string, next: (id: string) => readonly string[], stop: (id: string) => boolean = () => false): Set<string> {
  const seen = new Set<string>();
  const pending = [start];
  while (pending.length > 0) {
    const current = pending.pop()!;
    if (seen.has(current) || stop(current)) continue;
    seen.add(current);
    pending.push(...next(current));
  }
  return seen;
}

/**
 * Whether a module is a library only the measure page loads before it shows (Tiptap, ProseMirror,
 * Yjs and the rest): imported by the page (directly or not), outside the entry's chunk, and by
 * nothing but the page and the parts it loads later. Rolldown would put those its later parts
 * share with it (Yjs, ProseMirror's core) in chunks of their own, each compressed apart; as one
 * chunk they are one download, smaller. Shared with any other page, a module stays out.
 */
function editorLibrary(id: string, graph: ModuleGraph): boolean {
  if (!id.includes('/node_modules/')) return false;
  if (measurePageModules === null) {
    const info = (module: string) => graph.getModuleInfo(module);
    const initial = reach(MAIN, (module) => info(module)?.importedIds ?? []);
    const world = reach(MEASURE_PAGE, (module) => [...(info(module)?.importedIds ?? []), ...(info(module)?.dynamicallyImportedIds ?? [])], (module) => initial.has(module));
    // Of those, the ones no module outside that world imports, directly or through another.
    const only = new Set(world);
    let changed = true;
    while (changed) {
      changed = false;
      for (const module of only) {
        const importers = [...(info(module)?.importers ?? []), ...(info(module)?.dynamicImporters ?? [])];
        if (module !== MEASURE_PAGE && importers.some((importer) => !only.has(importer))) {
          only.delete(module);
          changed = true;
        }
      }
    }
    measurePageModules = reach(MEASURE_PAGE, (module) => info(module)?.importedIds ?? [], (module) => !only.has(module));
  }
  return measurePageModules.has(id);
}

/** Starts each build with the module graph unread (editorLibrary). */
function editorChunk(): Plugin {
  return {
    name: 'samskriv:editor-chunk',
    buildStart() {
      measurePageModules = null;
    },
  };
}

export default defineConfig({
  root: 'client',
  plugins: [
    react(),
    designsystemetWebUsed(),
    standIns(),
    editorChunk(),
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
    // Vite's polyfill of <link rel="modulepreload"> is for browsers without it (Safari before 17),
    // which then fetch a page's chunks when its first chunk imports them rather than beside it;
    // every browser runs the app the same.
    modulePreload: { polyfill: false },
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
        // Everything the entry imports, the overview's own code and the libraries every page uses
        // (React, Designsystemet, Zod), is one chunk: split by which later chunks share each part,
        // it would be several files, each compressed on its own and so larger together. Zod and the
        // switch that turns off its evaluated parsers are in it, the switch first (main.tsx imports
        // it first): it runs before the first schema, whose probe for eval the
        // Content-Security-Policy would report (client/src/zodWithoutEval.ts). The libraries only
        // the measure page loads are one chunk too (editorLibrary).
        codeSplitting: {
          groups: [
            { name: 'app', tags: ['$initial'] },
            { name: (id: string, graph: ModuleGraph) => (editorLibrary(id, graph) ? 'editor' : null), debugName: 'editor' },
          ],
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
