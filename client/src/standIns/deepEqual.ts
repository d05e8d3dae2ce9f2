/**
 * What Tiptap's React bindings import from fast-equals (vite.config.ts points their import here):
 * `deepEqual`, with which `useEditorState` compares what its selector returned last and now, to
 * render again only on a change. The selectors here (Toolbar, CommentButton) return booleans,
 * numbers, strings, and arrays and plain objects of them; fast-equals (all its comparators, for
 * Maps, Sets, typed arrays, dates and circular structures) would be a library for that one use.
 * Arrays and plain objects are compared by their contents; anything else by `Object.is`.
 */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((item, i) => deepEqual(item, b[i]));
  if (!isPlain(a) || !isPlain(b)) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && deepEqual(a[key], b[key]));
}

function isPlain(value: object): value is Record<string, unknown> {
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
