/**
 * The file's snake_case keys (as in Hydra's and Kratos' configs) become the camelCase names the code
 * reads; the same rule at run time and in the types, so the decoded values match their static type.
 */
export type CamelCase<Key extends string> = Key extends `${infer Head}_${infer Tail}` ? `${Head}${Capitalize<CamelCase<Tail>>}` : Key;

export const camelCase = <Key extends string>(key: Key): CamelCase<Key> =>
  key.replace(/_(.)/g, (_, letter: string) => letter.toUpperCase()) as CamelCase<Key>;

export const snakeCase = (key: string): string => key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

/** A copy of `record` with every own key renamed; values are kept as they are. */
export const renameKeys = (record: object, rename: (key: string) => string): Record<string, unknown> =>
  Object.fromEntries(Object.entries(record).map(([key, value]) => [rename(key), value]));
