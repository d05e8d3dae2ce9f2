import { createElement, Fragment, type ReactNode } from 'react';
import { blocksHaveText, narrativeBlocks, type Block, type Inline, type TableBlock, type TableCell } from '../../../shared/narrativeBlocks.js';
import type { PmNode } from '../../../shared/prosemirror.js';
import { tMeasure } from '../strings/measure.js';

/**
 * A narrative's ProseMirror JSON as React elements, for reading a frozen report without loading
 * the editor (Tiptap, ProseMirror and Yjs stay in the editor's chunk). It renders the one
 * narrative model the exports use (shared/narrativeBlocks.ts), so headings, lists, marks and
 * links read the same here as in every export; text is always text (React escapes it).
 */

export { safeHref } from '../../../shared/narrativeBlocks.js';

/** Whether the document has any visible text (an empty narrative is said in words instead). */
export function hasText(node: PmNode): boolean {
  return blocksHaveText(narrativeBlocks(node) ?? []);
}

/** Whether the narrative can be shown at all (not nested deeper than any narrative may be). */
export function canRender(node: PmNode): boolean {
  return narrativeBlocks(node) !== null;
}

type HeadingTag = 'h2' | 'h3' | 'h4' | 'h5' | 'h6';

function renderText(text: string, key: string): ReactNode {
  const lines = text.split('\n');
  return lines.map((line, i) => (
    <Fragment key={`${key}.${i}`}>
      {i > 0 && <br />}
      {line}
    </Fragment>
  ));
}

function renderInline(inlines: Inline[], key: string): ReactNode[] {
  return inlines.map((inline, i) => {
    const k = `${key}.${i}`;
    if (inline.kind === 'break') return <br key={k} />;
    const { marks } = inline;
    // Marks nest in one order, code innermost and a link outermost, as in the HTML export.
    let content: ReactNode = renderText(inline.text, k);
    if (marks.code) content = <code>{content}</code>;
    if (marks.underline) content = <u>{content}</u>;
    if (marks.strike) content = <s>{content}</s>;
    if (marks.italic) content = <em>{content}</em>;
    if (marks.bold) content = <strong>{content}</strong>;
    if (marks.href && inline.text.trim() !== '') {
      content = (
        <a href={marks.href} rel="noopener noreferrer">
          {content}
        </a>
      );
    }
    return <Fragment key={k}>{content}</Fragment>;
  });
}

function renderBlocks(blocks: Block[], key: string, sectionLevel: number): ReactNode[] {
  return blocks.map((block, i) => renderBlock(block, `${key}.${i}`, sectionLevel));
}

function renderBlock(block: Block, key: string, sectionLevel: number): ReactNode {
  switch (block.kind) {
    case 'paragraph':
      return <p key={key}>{renderInline(block.inlines, key)}</p>;
    case 'heading': {
      const tag = `h${Math.min(6, Math.max(2, sectionLevel + block.depth))}` as HeadingTag;
      return createElement(tag, { key }, renderInline(block.inlines, key));
    }
    case 'list': {
      const items = block.items.map((item, i) => <li key={`${key}.${i}`}>{renderBlocks(item, `${key}.${i}`, sectionLevel)}</li>);
      return block.ordered ? (
        <ol key={key} start={block.start !== 1 ? block.start : undefined}>
          {items}
        </ol>
      ) : (
        <ul key={key}>{items}</ul>
      );
    }
    case 'quote':
      return <blockquote key={key}>{renderBlocks(block.blocks, key, sectionLevel)}</blockquote>;
    case 'code':
      return (
        <pre key={key}>
          <code>{block.text}</code>
        </pre>
      );
    case 'rule':
      return <hr key={key} />;
    case 'table':
      return renderTable(block, key, sectionLevel);
  }
}

/**
 * A table as the HTML export writes it: header rows in `<thead>` with `<th scope="col">`, a
 * header cell in a body row `<th scope="row">`; in a box that scrolls sideways on its own (the
 * editor's own wrapper, `tableWrapper`, so one style serves both).
 */
function renderTable(table: TableBlock, key: string, sectionLevel: number): ReactNode {
  const cell = (c: TableCell, inHead: boolean, k: string): ReactNode => {
    const only = c.blocks.length === 1 ? c.blocks[0] : undefined;
    const content = only?.kind === 'paragraph' ? renderInline(only.inlines, k) : renderBlocks(c.blocks, k, sectionLevel);
    const spans = { colSpan: c.colspan > 1 ? c.colspan : undefined, rowSpan: c.rowspan > 1 ? c.rowspan : undefined };
    return c.header ? (
      <th key={k} scope={inHead ? (c.colspan > 1 ? 'colgroup' : 'col') : c.rowspan > 1 ? 'rowgroup' : 'row'} {...spans}>
        {content}
      </th>
    ) : (
      <td key={k} {...spans}>
        {content}
      </td>
    );
  };
  const rows = (list: TableCell[][], inHead: boolean, offset: number): ReactNode[] =>
    list.map((row, r) => <tr key={`${key}.${offset + r}`}>{row.map((c, i) => cell(c, inHead, `${key}.${offset + r}.${i}`))}</tr>);
  const head = table.rows.slice(0, table.headerRows);
  const body = table.rows.slice(table.headerRows);
  return (
    // The box scrolls sideways when the table is wider than the page: keyboard users reach it by Tab.
    <div key={key} className="tableWrapper" tabIndex={0} role="group" aria-label={tMeasure.tableLabel}>
      <table className="narrative-table">
        {head.length > 0 && <thead>{rows(head, true, 0)}</thead>}
        {body.length > 0 && <tbody>{rows(body, false, head.length)}</tbody>}
      </table>
    </div>
  );
}

/**
 * A ProseMirror document as React elements; headings start one level below `sectionLevel`.
 * Renders nothing for a document that cannot be shown (check `canRender` first).
 */
export function ProseMirrorView({ doc, sectionLevel = 2 }: { doc: PmNode; sectionLevel?: number }) {
  const blocks = narrativeBlocks(doc);
  return <>{blocks ? renderBlocks(blocks, 'n', sectionLevel) : null}</>;
}
