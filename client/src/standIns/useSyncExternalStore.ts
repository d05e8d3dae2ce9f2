/**
 * What Tiptap's React bindings import from `use-sync-external-store/shim` (vite.config.ts points
 * their import here): React 18 and later have `useSyncExternalStore` themselves, which is what the
 * shim hands out in them, after code for older Reacts this app never runs.
 */
export { useSyncExternalStore } from 'react';
