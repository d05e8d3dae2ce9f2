import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { isWellFormedText, TextSchema } from '../../shared/text.js';

describe('TextSchema: free text without lone UTF-16 surrogates', () => {
  it('refuses a high or low surrogate on its own, anywhere in the string', () => {
    for (const text of ['\ud800', '\udbff', '\udc00', '\udfff', 'a\ud800b', 'ab\udc00', '\ude00\ud83d', '😀\ud800']) {
      expect(isWellFormedText(text), JSON.stringify(text)).toBe(false);
      expect(TextSchema.safeParse(text).success).toBe(false);
    }
  });

  it('accepts whole pairs and ordinary text, and composes with trim, min and max', () => {
    for (const text of ['', 'Løpende', '😀', 'a\ud83d\ude00b', '\ufffd']) expect(isWellFormedText(text), JSON.stringify(text)).toBe(true);
    const schema = TextSchema.check(z.trim(), z.minLength(1), z.maxLength(3));
    expect(schema.parse('  ja  ')).toBe('ja');
    expect(schema.safeParse('   ').success).toBe(false);
    expect(schema.safeParse(' \ud800 ').success).toBe(false);
  });
});
