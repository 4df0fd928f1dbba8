import { InvalidRequest } from '@olympus/oauth2';
import type { SqlParams, SqlValue } from './types.ts';

/** An escaped U+0000 in JSON text: `\u0000` after an even number of backslashes (an odd one escapes the backslash). */
const hasEscapedNul = (json: string): boolean => {
  for (let at = json.indexOf('\\u0000'); at !== -1; at = json.indexOf('\\u0000', at + 1)) {
    let slashes = 0;
    while (at - slashes - 1 >= 0 && json[at - slashes - 1] === '\\') slashes++;
    if (slashes % 2 === 0) return true;
  }
  return false;
};

/**
 * PostgreSQL stores no U+0000 in text or jsonb (it fails the statement), so no input holding one is
 * stored on either database: the caller gets a 400 naming it, never a 500 (docs/security.md AS-45).
 * Validation refuses it first where a field has rules; this is the net under every other field.
 */
const refuseNul = (): never => {
  throw new InvalidRequest('The request holds the character U+0000 (NUL), which Olympus does not accept in any value.', {
    hint: 'Remove the NUL character from the value; it is never part of a name, identifier or URI.',
  });
};

/** Binds objects and arrays as JSON text on both dialects (pg would turn arrays into PG arrays). */
const bindValue = (value: SqlValue): unknown => {
  if (value === undefined) return null;
  if (typeof value === 'string') return value.includes('\u0000') ? refuseNul() : value;
  if (typeof value === 'object' && value !== null && !(value instanceof Uint8Array)) {
    const json = JSON.stringify(value);
    return hasEscapedNul(json) ? refuseNul() : json;
  }
  return value;
};

export const bindParams = (params: SqlParams | undefined): unknown[] => {
  if (params === undefined || params.length === 0) return [];
  const bound = new Array<unknown>(params.length);
  for (let i = 0; i < params.length; i++) bound[i] = bindValue(params[i]);
  return bound;
};

/** `?, ?, ?` for an IN list of `count` values (at least one, so the SQL stays valid). */
export const placeholderList = (count: number): string => {
  if (count < 1) throw new RangeError('an IN list needs at least one value');
  return '?, '.repeat(count - 1) + '?';
};
