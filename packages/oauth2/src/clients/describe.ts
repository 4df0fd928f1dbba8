/** Shows a caller's value inside an error description: JSON, cut short so a huge input is not echoed back. */
export const show = (value: unknown): string => {
  const json = JSON.stringify(value) ?? String(value);
  return json.length > 120 ? `${json.slice(0, 117)}...` : json;
};

/** "a string", "an array", "null", "missing" — the JSON type of a value, for "expected X, got Y" messages. */
export const jsonTypeOf = (value: unknown): string => {
  if (value === null) return 'null';
  if (value === undefined) return 'missing';
  if (Array.isArray(value)) return 'an array';
  const type = typeof value;
  return type === 'object' ? 'an object' : `a ${type}`;
};
