import { getDocument, type PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** A PDF read back with pdfjs-dist (no system tools), as a test sees it. */
export async function openPdf(bytes: Uint8Array): Promise<PDFDocumentProxy> {
  return getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, useSystemFonts: false, verbosity: 0 }).promise;
}

interface MarkedContentItem {
  type: 'beginMarkedContent' | 'beginMarkedContentProps' | 'endMarkedContent';
  tag?: string;
}
interface TextItem {
  str: string;
  hasEOL: boolean;
}

/**
 * The text a reader gets from every page, without what is marked as an artifact (running
 * header, page numbers, a table header repeated on a new page): lines end in `\n`.
 */
export async function pdfText(pdf: PDFDocumentProxy): Promise<string> {
  let text = '';
  for (let number = 1; number <= pdf.numPages; number++) {
    const page = await pdf.getPage(number);
    const content = await page.getTextContent({ includeMarkedContent: true });
    const artifact: boolean[] = [];
    for (const item of content.items as (TextItem | MarkedContentItem)[]) {
      if ('type' in item) {
        if (item.type === 'endMarkedContent') artifact.pop();
        else artifact.push(item.tag === 'Artifact');
        continue;
      }
      if (artifact.includes(true)) continue;
      text += item.str + (item.hasEOL ? '\n' : '');
    }
    text += '\n';
  }
  return text;
}

/** A structure tree node as pdfjs-dist gives it for a page. */
export interface StructNode {
  role?: string;
  lang?: string;
  alt?: string;
  children?: (StructNode | { type: string; id?: string })[];
}

/** Roles of a page's structure tree, depth first. */
export function roles(node: StructNode | null): string[] {
  if (!node) return [];
  const out: string[] = [];
  const stack: StructNode[] = [node];
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (current.role) out.push(current.role);
    for (const child of [...(current.children ?? [])].reverse()) if ('role' in child || 'children' in child) stack.push(child);
  }
  return out;
}
