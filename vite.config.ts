import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  root: 'client',
  plugins: [react()],
  build: {
    outDir: '../dist',
    emptyOutDir: true,
    manifest: true,
    rollupOptions: {
      input: { main: 'client/index.html', sw: 'client/src/sw.ts' },
      // Designsystemet's React package declares no `sideEffects`, so its whole barrel
      // (comboboxes, virtual lists, popovers) would ship with any one component. Its modules
      // only define components; the custom elements they need come from designsystemet-web,
      // which keeps its side effects.
      treeshake: { moduleSideEffects: (id: string) => !id.includes('/@digdir/designsystemet-react/') },
      output: {
        // The service worker must sit at /sw.js, unhashed, to control the whole origin.
        entryFileNames: (chunk) => (chunk.name === 'sw' ? 'sw.js' : 'assets/[name]-[hash].js'),
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
