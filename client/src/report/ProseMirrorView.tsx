import { createElement, Fragment, type ReactNode } from 'react';
import type { PmMark, PmNode } from '../../../shared/prosemirror.js';

/**
 * A narrative's ProseMirror JSON as React elements, for reading a frozen report without loading
 * the editor (Tiptap, ProseMirror and Yjs stay in the editor's chunk). Knows the nodes and marks
 * the editor writes; an unknown node shows its content, never disappears. Text is always text
 * (React escapes it), and links keep only http, https and mailto targets.
 */

const SAFE_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

/** The link target if it is an absolute http, https or mailto URL; otherwise null. */
export function safeHref(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  if (!URL.canParse(trimmed)) return null;
  const url = new URL(trimmed);
  return SAFE_PROTOCOLS.has(url.protocol) ? url.href : null;
}

/** Whether the document has any visible text (an empty narrative is said in words instead). */
export function hasText(node: PmNode): boolean {
  if (node.type === 'text') return (node.text ?? '').trim() !== '';
  return (node.content ?? []).some(hasText);
}

type HeadingTag = 'h2' | 'h3' | 'h4' | 'h5' | 'h6';

/**
 * Heading levels of the narrative mapped below the section heading: the narrative's highest
 * level becomes `sectionLevel + 1`, the next `+ 2`, and so on, so no level is skipped.
 */
function headingTags(doc: PmNode, sectionLevel: number): Map<number, HeadingTag> {
  const levels = new Set<number>();
  const walk = (node: PmNode): void => {
    if (node.type === 'heading') levels.add(headingLevel(node));
    for (const child of node.content ?? []) walk(child);
  };
  walk(doc);
  const tags = new Map<number, HeadingTag>();
  [...levels]
    .sort((a, b) => a - b)
    .forEach((level, rank) => tags.set(level, `h${Math.min(6, Math.max(2, sectionLevel + 1 + rank))}` as HeadingTag));
  return tags;
}

function headingLevel(node: PmNode): number {
  const level = node.attrs?.level;
  return typeof level === 'number' && Number.isInteger(level) ? level : 1;
}

function withMark(content: ReactNode, mark: PmMark, key: string): ReactNode {
  switch (mark.type) {
    case 'bold':
      return <strong key={key}>{content}</strong>;
    case 'italic':
      return <em key={key}>{content}</em>;
    case 'strike':
      return <s key={key}>{content}</s>;
    case 'underline':
      return <u key={key}>{content}</u>;
    case 'code':
      return <code key={key}>{content}</code>;
    case 'link': {
      const href = safeHref(mark.attrs?.href);
      return href ? (
        <a key={key} href={href} rel="noopener noreferrer">
          {content}
        </a>
      ) : (
        content
      );
    }
    default:
      return content;
  }
}

/** Marks nest in a fixed order (a link outermost, code innermost), whatever order the JSON lists them in. */
const MARK_ORDER = ['code', 'underline', 'strike', 'italic', 'bold', 'link'];

function renderText(node: PmNode, key: string): ReactNode {
  const marks = [...(node.marks ?? [])].sort((a, b) => MARK_ORDER.indexOf(a.type) - MARK_ORDER.indexOf(b.type));
  return marks.reduce<ReactNode>((content, mark, i) => withMark(content, mark, `${key}.${i}`), node.text ?? '');
}

function renderInline(nodes: readonly PmNode[] | undefined, key: string): ReactNode[] {
  return (nodes ?? []).map((node, i) => {
    const k = `${key}.${i}`;
    if (node.type === 'text') return <Fragment key={k}>{renderText(node, k)}</Fragment>;
    if (node.type === 'hardBreak') return <br key={k} />;
    return <Fragment key={k}>{renderInline(node.content, k)}</Fragment>;
  });
}

function renderBlocks(nodes: readonly PmNode[] | undefined, key: string, tags: Map<number, HeadingTag>): ReactNode[] {
  return (nodes ?? []).map((node, i) => renderBlock(node, `${key}.${i}`, tags));
}

function renderBlock(node: PmNode, key: string, tags: Map<number, HeadingTag>): ReactNode {
  switch (node.type) {
    case 'paragraph':
      return <p key={key}>{renderInline(node.content, key)}</p>;
    case 'heading':
      return createElement(tags.get(headingLevel(node)) ?? 'h3', { key }, renderInline(node.content, key));
    case 'bulletList':
      return <ul key={key}>{renderBlocks(node.content, key, tags)}</ul>;
    case 'orderedList': {
      const start = node.attrs?.start;
      return (
        <ol key={key} start={typeof start === 'number' && start !== 1 ? start : undefined}>
          {renderBlocks(node.content, key, tags)}
        </ol>
      );
    }
    case 'listItem':
      return <li key={key}>{renderBlocks(node.content, key, tags)}</li>;
    case 'blockquote':
      return <blockquote key={key}>{renderBlocks(node.content, key, tags)}</blockquote>;
    case 'codeBlock':
      return (
        <pre key={key}>
          <code>{(node.content ?? []).map((child) => child.text ?? '').join('')}</code>
        </pre>
      );
    case 'horizontalRule':
      return <hr key={key} />;
    case 'text':
    case 'hardBreak':
      return <p key={key}>{renderInline([node], key)}</p>;
    default:
      // An unknown block: its children, as blocks if it has blocks, else as a paragraph of text.
      if ((node.content ?? []).some((child) => child.type === 'text' || child.type === 'hardBreak')) {
        return <p key={key}>{renderInline(node.content, key)}</p>;
      }
      return <Fragment key={key}>{renderBlocks(node.content, key, tags)}</Fragment>;
  }
}

/** A ProseMirror document as React elements; headings start one level below `sectionLevel`. */
export function ProseMirrorView({ doc, sectionLevel = 2 }: { doc: PmNode; sectionLevel?: number }) {
  const tags = headingTags(doc, sectionLevel);
  const blocks = doc.type === 'doc' ? doc.content : [doc];
  return <>{renderBlocks(blocks, 'n', tags)}</>;
}
