import { InvalidRequest } from '@olympus/oauth2';

/** Small typed readers for admin JSON bodies: each names the field it rejects. */
const fail = (field: string, expected: string): never => {
  throw new InvalidRequest(`The field "${field}" must be ${expected}.`);
};

export const asObject = (value: unknown, field = 'body'): Record<string, unknown> => {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) fail(field, 'a JSON object');
  return value as Record<string, unknown>;
};

export const optString = (body: Record<string, unknown>, field: string): string => {
  const v = body[field];
  if (v === undefined || v === null) return '';
  return typeof v === 'string' ? v : fail(field, 'a string');
};

export const optBool = (body: Record<string, unknown>, field: string): boolean => {
  const v = body[field];
  if (v === undefined || v === null) return false;
  return typeof v === 'boolean' ? v : fail(field, 'true or false');
};

export const optSeconds = (body: Record<string, unknown>, field: string): number => {
  const v = body[field];
  if (v === undefined || v === null) return 0;
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : fail(field, 'a non-negative integer number of seconds');
};

export const optStrings = (body: Record<string, unknown>, field: string): string[] => {
  const v = body[field];
  if (v === undefined || v === null) return [];
  return Array.isArray(v) && v.every((s) => typeof s === 'string') ? (v as string[]) : fail(field, 'an array of strings');
};
