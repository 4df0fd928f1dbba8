/**
 * Plain-text tables like hydra prints them: one record as "KEY  value" lines, several as columns
 * under a header row. List values are joined with ", ".
 */
export type Cell = string | number | boolean | null | undefined | readonly unknown[] | Record<string, unknown>;

export interface Column<T> {
  header: string;
  value: (item: T) => Cell;
}

export interface TableData {
  header: string[];
  rows: string[][];
  /** `record`: one item, printed vertically. */
  layout: 'record' | 'list';
}

export const cellText = (cell: Cell): string => {
  if (cell === null || cell === undefined) return '';
  if (Array.isArray(cell)) return cell.map((item) => cellText(item as Cell)).join(', ');
  if (typeof cell === 'object') return JSON.stringify(cell);
  return String(cell).replace(/\s*\n\s*/g, ' ');
};

export const tableOf = <T>(columns: readonly Column<T>[], items: readonly T[], single: boolean): TableData => ({
  header: columns.map((column) => column.header),
  rows: items.map((item) => columns.map((column) => cellText(column.value(item)))),
  layout: single && items.length === 1 ? 'record' : 'list',
});

const pad = (text: string, width: number): string => text + ' '.repeat(Math.max(0, width - text.length));

const alignRows = (rows: readonly string[][]): string => {
  const widths = rows[0]?.map((_, index) => Math.max(...rows.map((row) => row[index].length))) ?? [];
  return rows
    .map((row) =>
      row
        .map((cell, index) => (index === row.length - 1 ? cell : pad(cell, widths[index])))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
};

export const renderTable = (table: TableData): string => {
  if (table.layout === 'record') {
    return alignRows(table.header.map((header, index) => [header, table.rows[0][index]])) + '\n';
  }
  return alignRows([table.header, ...table.rows]) + '\n';
};
