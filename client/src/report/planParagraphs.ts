/**
 * A plan text's paragraphs as the exports set them (server/export/layout.ts): split at blank
 * lines, the lines of each joined by a space.
 */
export function planParagraphs(text: string): string[] {
  return text
    .split(/\n[ \t]*\n/)
    .map((paragraph) =>
      paragraph
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line !== '')
        .join(' '),
    )
    .filter((paragraph) => paragraph !== '');
}
