import type { Dialect } from '../db/types.ts';

/**
 * The few words of the schema that SQLite and PostgreSQL spell differently. A migration names them
 * `{{term}}` and is written once; everything else in it is SQL both dialects run as it stands.
 */
export const DIALECT_TERMS = {
  /**
   * A column holding a JSON document. SQLite has no JSON type: JSON_TEXT has TEXT affinity and tells
   * the Db layer to parse the column (db/sqlite-rows.ts). PostgreSQL's JSON (not JSONB) keeps the text
   * as written, key order included, so rows read back exactly as on SQLite.
   */
  json: { sqlite: 'JSON_TEXT', postgres: 'JSON' },
  /**
   * An ever-growing integer key that is never reused: AUTOINCREMENT on SQLite
   * (https://www.sqlite.org/autoinc.html), an identity column on PostgreSQL.
   */
  serial_primary_key: {
    sqlite: 'INTEGER PRIMARY KEY AUTOINCREMENT',
    postgres: 'BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY',
  },
} as const satisfies Record<string, Record<Dialect, string>>;

const PLACEHOLDER = /\{\{\s*([a-z_]+)\s*\}\}/g;

const isTerm = (name: string): name is keyof typeof DIALECT_TERMS => Object.hasOwn(DIALECT_TERMS, name);

/** The SQL of `file` for one dialect: every `{{term}}` spelled as that dialect spells it. */
export const spellFor = (dialect: Dialect, sql: string, file: string): string =>
  sql.replace(PLACEHOLDER, (_, name: string) => {
    if (!isTerm(name)) {
      throw new Error(`Migration ${file} uses {{${name}}}, which is not a dialect term (known: ${Object.keys(DIALECT_TERMS).join(', ')})`);
    }
    return DIALECT_TERMS[name][dialect];
  });
