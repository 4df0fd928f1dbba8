/**
 * Translates `?` placeholders to PostgreSQL's `$1..$n`, skipping string literals, quoted identifiers
 * and comments. Results are cached by SQL text: the same statements run on every request.
 * (PostgreSQL's JSONB `?` operators are therefore not usable; write `jsonb_exists()` instead.)
 */
const translations = new Map<string, string>();
const MAX_CACHED = 5000;

export const toNumberedPlaceholders = (sql: string): string => {
  const cached = translations.get(sql);
  if (cached !== undefined) return cached;
  const translated = translate(sql);
  if (translations.size < MAX_CACHED) translations.set(sql, translated);
  return translated;
};

const translate = (sql: string): string => {
  let out = '';
  let n = 0;
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i];
    if (ch === "'" || ch === '"') {
      const end = closingQuote(sql, i, ch);
      out += sql.slice(i, end);
      i = end;
    } else if (ch === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      const stop = end === -1 ? sql.length : end;
      out += sql.slice(i, stop);
      i = stop;
    } else if (ch === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      const stop = end === -1 ? sql.length : end + 2;
      out += sql.slice(i, stop);
      i = stop;
    } else if (ch === '?') {
      out += '$' + String(++n);
      i++;
    } else {
      out += ch;
      i++;
    }
  }
  return out;
};

/** Index just past the literal that opens at `start`; a doubled quote is an escaped quote. */
const closingQuote = (sql: string, start: number, quote: string): number => {
  let i = start + 1;
  while (i < sql.length) {
    if (sql[i] === quote) {
      if (sql[i + 1] === quote) i += 2;
      else return i + 1;
    } else i++;
  }
  return sql.length;
};
