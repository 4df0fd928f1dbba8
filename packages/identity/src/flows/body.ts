/**
 * Submitted bodies arrive as JSON (nested: `{traits: {email}}`) or as forms (flat: `traits.email=`);
 * both become the same nested record, as Kratos decodes them.
 */
export type FlowBody = Record<string, unknown>;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Names that could reach Object.prototype are dropped (prototype pollution). */
const SAFE_KEY = /^(?!__proto__$|constructor$|prototype$)[^.]+$/;

const assign = (target: Record<string, unknown>, path: string[], value: unknown): void => {
  let node = target;
  for (const key of path.slice(0, -1)) {
    if (!isRecord(node[key])) node[key] = Object.create(null);
    node = node[key] as Record<string, unknown>;
  }
  node[path[path.length - 1]] = value;
};

export const normalizeBody = (raw: unknown): FlowBody => {
  const out: FlowBody = Object.create(null);
  if (!isRecord(raw)) return out;
  for (const [key, value] of Object.entries(raw)) {
    const path = key.split('.');
    if (path.some((part) => !SAFE_KEY.test(part))) continue;
    const existing = out[path[0]];
    if (path.length === 1 && isRecord(existing) && isRecord(value)) Object.assign(existing, value);
    else assign(out, path, value);
  }
  return out;
};

/** The value at a dotted node name (`traits.email`) in a nested body. */
export const valueAt = (body: FlowBody, name: string): unknown => {
  let node: unknown = body;
  for (const key of name.split('.')) {
    if (!isRecord(node)) return undefined;
    node = node[key];
  }
  return node;
};

export const stringField = (body: FlowBody, name: string): string => {
  const value = body[name];
  return typeof value === 'string' ? value : '';
};
