import type { StatementSync } from 'node:sqlite';

/**
 * SQLite has no boolean or JSON type, so rows are decoded by the column's declared type:
 * BOOLEAN → true/false, JSON_TEXT (or JSON) → parsed value. PostgreSQL's driver does the same
 * natively, which is what makes rows identical on both dialects.
 */
export type RowDecoder = (row: Record<string, unknown>) => Record<string, unknown>;

type Kind = 'boolean' | 'json';

const kindOf = (declared: string | null): Kind | undefined => {
  if (declared === null) return undefined;
  const type = declared.toUpperCase();
  if (type === 'BOOLEAN' || type === 'BOOL') return 'boolean';
  if (type === 'JSON_TEXT' || type === 'JSON' || type === 'JSONB') return 'json';
  return undefined;
};

/** undefined when no column needs decoding (the common case costs nothing per row). */
export const rowDecoderFor = (stmt: StatementSync): RowDecoder | undefined => {
  const special: Array<[string, Kind]> = [];
  for (const column of stmt.columns()) {
    const kind = kindOf(column.type);
    if (kind !== undefined) special.push([column.name, kind]);
  }
  if (special.length === 0) return undefined;
  return (row) => {
    for (const [name, kind] of special) {
      const value = row[name];
      if (value === null || value === undefined) continue;
      row[name] = kind === 'boolean' ? value !== 0 : typeof value === 'string' ? JSON.parse(value) : value;
    }
    return row;
  };
};
