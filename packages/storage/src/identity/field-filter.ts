/**
 * The SQL of an identity search by trait or metadata value (packages/identity/src/identities/field-filter.ts)
 * on the identity's JSON document. SQLite reads it with json_extract and a quoted JSON path
 * (https://www.sqlite.org/json1.html#path_arguments), PostgreSQL with #>> and a text[] path; both
 * take only string values, so `5` never equals "5" on one database and not the other. substr and
 * length count characters on both, so a prefix matches alike. The scan has no index: a console
 * search over the identities table, paged by id, stops after one page of matches.
 */
import type { IdentityFieldFilter } from '@olympus/identity';
import type { Dialect, SqlValue } from '../db/types.ts';

const quoted = (key: string): string => `"${key.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;

/** `$."traits"."email"` for SQLite, `{"traits","email"}` for PostgreSQL. */
const pathOf = (dialect: Dialect, path: readonly string[]): string =>
  dialect === 'sqlite' ? `$.${path.map(quoted).join('.')}` : `{${path.map(quoted).join(',')}}`;

export const fieldFilterSql = (dialect: Dialect, filter: IdentityFieldFilter): { sql: string; params: SqlValue[] } => {
  const path = pathOf(dialect, filter.path);
  const [isString, value] = dialect === 'sqlite'
    ? ["json_type(data, ?) = 'text'", 'json_extract(data, ?)']
    : ["json_typeof(data #> CAST(? AS TEXT[])) = 'string'", '(data #>> CAST(? AS TEXT[]))'];
  if (filter.match === 'exact') return { sql: `(${isString} AND ${value} = ?)`, params: [path, path, filter.value] };
  return {
    sql: `(${isString} AND substr(${value}, 1, length(CAST(? AS TEXT))) = ?)`,
    params: [path, path, filter.value, filter.value],
  };
};
