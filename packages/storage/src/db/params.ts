import type { SqlParams, SqlValue } from './types.ts';

/** Binds objects and arrays as JSON text on both dialects (pg would turn arrays into PG arrays). */
const bindValue = (value: SqlValue): unknown => {
  if (value === undefined) return null;
  if (typeof value === 'object' && value !== null && !(value instanceof Uint8Array)) return JSON.stringify(value);
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
