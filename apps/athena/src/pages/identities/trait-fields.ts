/**
 * The form fields an identity schema's traits make (packages/identity/src/schemas/*): a string is a
 * text field (email format: an email field), a number or integer a number field, a boolean a
 * checkbox, a string enum a select, a list of strings a textarea with one per line, an object a
 * group of its own fields. Anything else (or a key a form name cannot carry) has no field, and an
 * edit keeps its stored value. Field names are the trait paths the validator names (`traits.name.first`).
 */
export type FieldKind = 'text' | 'email' | 'number' | 'integer' | 'boolean' | 'select' | 'list';

export interface TraitField {
  kind: FieldKind;
  name: string;
  label: string;
  required: boolean;
  options?: string[];
}

export interface TraitGroup {
  kind: 'group';
  name: string;
  label: string;
  children: TraitNode[];
}

export type TraitNode = TraitField | TraitGroup;

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

const KEY = /^[A-Za-z0-9_-]+$/;
const MAX_DEPTH = 4;

const typeOf = (schema: Json): unknown => (Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type);

const kindOf = (schema: Json): FieldKind | undefined => {
  const type = typeOf(schema);
  if (Array.isArray(schema.enum) && schema.enum.length > 0 && schema.enum.every((v) => typeof v === 'string')) return 'select';
  if (type === 'string') return schema.format === 'email' ? 'email' : 'text';
  if (type === 'number' || type === 'integer' || type === 'boolean') return type;
  if (type === 'array' && isObject(schema.items) && typeOf(schema.items) === 'string') return 'list';
  return undefined;
};

/** The fields of a schema's `properties.traits` (or of one object below it). */
export const traitNodes = (schema: unknown, prefix = 'traits', depth = 0): TraitNode[] => {
  if (!isObject(schema) || !isObject(schema.properties)) return [];
  const required = Array.isArray(schema.required) ? schema.required : [];
  return Object.entries(schema.properties).flatMap(([key, sub]): TraitNode[] => {
    if (!isObject(sub) || !KEY.test(key)) return [];
    const name = `${prefix}.${key}`;
    const label = typeof sub.title === 'string' && sub.title !== '' ? sub.title : key;
    if (typeOf(sub) === 'object') return depth < MAX_DEPTH ? [{ kind: 'group', name, label, children: traitNodes(sub, name, depth + 1) }] : [];
    const kind = kindOf(sub);
    if (kind === undefined) return [];
    return [{ kind, name, label, required: required.includes(key), ...(kind === 'select' ? { options: sub.enum as string[] } : {}) }];
  });
};

/** The traits object of an identity schema. */
export const traitsSchemaOf = (schema: Json): unknown => (isObject(schema.properties) ? schema.properties.traits : undefined);

export const leaves = (nodes: readonly TraitNode[]): TraitField[] =>
  nodes.flatMap((node) => (node.kind === 'group' ? leaves(node.children) : [node]));

const keysOf = (name: string): string[] => name.split('.').slice(1);

const valueAt = (traits: Json, name: string): unknown =>
  keysOf(name).reduce<unknown>((value, key) => (isObject(value) ? value[key] : undefined), traits);

/** The form's values for stored traits. */
export const formValuesOf = (nodes: readonly TraitNode[], traits: Json): Record<string, string> =>
  Object.fromEntries(leaves(nodes).flatMap((field): Array<[string, string]> => {
    const value = valueAt(traits, field.name);
    if (value === undefined || value === null) return [];
    if (field.kind === 'boolean') return value === true ? [[field.name, 'on']] : [];
    if (field.kind === 'list') return [[field.name, Array.isArray(value) ? value.map(String).join('\n') : String(value)]];
    return [[field.name, typeof value === 'object' ? JSON.stringify(value) : String(value)]];
  }));

/**
 * What a posted field holds as a trait; undefined leaves it out. A number that is none stays text, so
 * the schema names the field. An unchecked box is false where the trait is required or was set, else absent.
 */
const traitValue = (field: TraitField, raw: string | undefined, had: boolean): unknown => {
  const text = (raw ?? '').trim();
  if (field.kind === 'boolean') return raw === 'on' ? true : field.required || had ? false : undefined;
  if (text === '') return undefined;
  if (field.kind === 'list') return text.split(/\r?\n/).map((line) => line.trim()).filter(Boolean);
  if (field.kind === 'number' || field.kind === 'integer') return Number.isFinite(Number(text)) ? Number(text) : text;
  return text;
};

const setAt = (traits: Json, keys: string[], value: unknown): void => {
  const [key, ...rest] = keys;
  if (key === undefined) return;
  if (rest.length === 0) {
    if (value === undefined) delete traits[key];
    else traits[key] = value;
    return;
  }
  const child = isObject(traits[key]) ? { ...traits[key] } : {};
  setAt(child, rest, value);
  if (Object.keys(child).length === 0) delete traits[key];
  else traits[key] = child;
};

/** The traits a posted form makes, over `base` (the stored traits on an edit, so traits without a field stay). */
export const traitsOf = (nodes: readonly TraitNode[], form: Record<string, string>, base: Json = {}): Json => {
  const traits: Json = structuredClone(base);
  for (const field of leaves(nodes)) setAt(traits, keysOf(field.name), traitValue(field, form[field.name], valueAt(base, field.name) !== undefined));
  return traits;
};
