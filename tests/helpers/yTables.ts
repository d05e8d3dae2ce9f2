import * as Y from 'yjs';

/** A cell's node name and spans, as the editor writes them (1 and 1 unless given). */
export interface CellOptions {
  name?: 'tableCell' | 'tableHeader';
  colspan?: number;
  rowspan?: number;
}

/** A table cell holding one paragraph of `text`, as y-prosemirror writes it (spans as numbers). */
export function yCell(text: string, { name = 'tableCell', colspan = 1, rowspan = 1 }: CellOptions = {}): Y.XmlElement {
  const element = new Y.XmlElement(name);
  element.setAttribute('colspan', colspan as unknown as string);
  element.setAttribute('rowspan', rowspan as unknown as string);
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(text)]);
  element.insert(0, [paragraph]);
  return element;
}

/** `count` plain cells, `${prefix}0`, `${prefix}1`, … */
export const yCells = (count: number, prefix = 'c', options: CellOptions = {}): Y.XmlElement[] =>
  Array.from({ length: count }, (_, i) => yCell(`${prefix}${i}`, options));

export function yRow(cells: readonly Y.XmlElement[]): Y.XmlElement {
  const element = new Y.XmlElement('tableRow');
  element.insert(0, [...cells]);
  return element;
}

export function yTable(rows: readonly Y.XmlElement[]): Y.XmlElement {
  const element = new Y.XmlElement('table');
  element.insert(0, [...rows]);
  return element;
}
