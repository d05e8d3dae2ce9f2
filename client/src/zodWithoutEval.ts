import * as z from 'zod/mini';

// Zod compiles object parsers with `new Function` unless told not to, and probes for it on the
// first parse; the app's Content-Security-Policy forbids evaluating strings (no 'unsafe-eval'),
// and the browser reports even the refused probe. Imported first, before anything parses.
z.config({ jitless: true });
