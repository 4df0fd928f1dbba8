/**
 * Finding identities by one trait or metadata value, for Athena's search (Kratos' admin API has only
 * `credentials_identifier`): a dotted path under `traits`, `metadata_public` or `metadata_admin` and
 * a string the value equals or starts with. Only string values match, case-sensitively, the same on
 * both databases (packages/storage/src/identity/field-filter.ts).
 */
import { BadRequest } from '../errors.ts';

export const FIELD_FILTER_ROOTS = ['traits', 'metadata_public', 'metadata_admin'] as const;

export type FieldMatch = 'exact' | 'prefix';

export interface IdentityFieldFilter {
  /** The root (one of FIELD_FILTER_ROOTS) and then the keys below it: `['traits', 'name', 'first']`. */
  path: string[];
  value: string;
  match: FieldMatch;
}

/** A key the storage can put into a JSON path on both databases without quoting surprises. */
const KEY = /^[A-Za-z0-9_-]{1,64}$/;
const MAX_KEYS = 8;
const MALFORMED = 'The request was malformed or contained invalid parameters';

const bad = (reason: string): BadRequest => new BadRequest(MALFORMED, { reason });

/** Reads `traits.name.first` and its value into a filter; a path or value the search cannot use is a 400 naming why. */
export const readFieldFilter = (field: string, value: string, match: FieldMatch = 'exact'): IdentityFieldFilter => {
  const path = field.trim().split('.');
  const [root, ...keys] = path;
  if (!(FIELD_FILTER_ROOTS as readonly string[]).includes(root ?? '')) {
    throw bad(`The field must start with ${FIELD_FILTER_ROOTS.join(', ')}, as in traits.email; got ${JSON.stringify(field)}.`);
  }
  if (keys.length === 0 || keys.length > MAX_KEYS || !keys.every((key) => KEY.test(key))) {
    throw bad(`Below ${root}, name 1 to ${MAX_KEYS} keys of letters, digits, "_" or "-" separated by dots; got ${JSON.stringify(field)}.`);
  }
  if (value === '') throw bad('The value to search for is empty.');
  return { path: [root!, ...keys], value, match };
};
