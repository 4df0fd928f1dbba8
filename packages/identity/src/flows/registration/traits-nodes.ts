/**
 * The registration form's trait fields, drawn from the identity schema (docs/compatibility.md §2.3): one input
 * per leaf property of `traits`, named `traits.<path>`, typed by the schema (`format: email` → email),
 * labelled with the property's title (message 1070002) and required where the schema says so.
 */
import type { IdentitySchema } from '../../schemas/registry.ts';
import { messages } from '../../ui/messages.ts';
import type { UiNode, UiNodeInputAttributes } from '../../ui/node.ts';
import { inputNode } from '../../ui/nodes.ts';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

const inputType = (property: Json): UiNodeInputAttributes['type'] => {
  if (property.type === 'number' || property.type === 'integer') return 'number';
  if (property.type === 'boolean') return 'checkbox';
  if (property.format === 'email') return 'email';
  if (property.format === 'tel') return 'tel';
  if (property.format === 'uri') return 'url';
  return 'text';
};

const autocompleteOf = (property: Json): string | undefined => {
  if (property.format === 'email') return 'email';
  if (property.format === 'tel') return 'tel';
  const ext = property['ory.sh/kratos'];
  return isObject(ext) && isObject(ext.credentials) && isObject(ext.credentials.password) ? 'username' : undefined;
};

const leafNode = (name: string, key: string, property: Json, required: boolean): UiNode =>
  inputNode('default', name, inputType(property), {
    required: required || undefined,
    autocomplete: autocompleteOf(property),
    maxlength: typeof property.maxLength === 'number' ? property.maxLength : undefined,
    pattern: typeof property.pattern === 'string' ? property.pattern : undefined,
    label: messages.generatedLabel(typeof property.title === 'string' ? property.title : key),
  });

const walk = (object: Json, prefix: string, requiredHere: boolean, out: UiNode[], depth: number): void => {
  if (depth > 16 || !isObject(object.properties)) return;
  const required = new Set(Array.isArray(object.required) ? object.required : []);
  for (const [key, property] of Object.entries(object.properties)) {
    if (!isObject(property)) continue;
    const name = `${prefix}.${key}`;
    const isRequired = requiredHere && required.has(key);
    if (property.type === 'object') walk(property, name, isRequired, out, depth + 1);
    else if (property.type !== 'array') out.push(leafNode(name, key, property, isRequired));
  }
};

export const traitsNodes = (schema: IdentitySchema): UiNode[] => {
  const traits = isObject(schema.schema.properties) ? schema.schema.properties.traits : undefined;
  const out: UiNode[] = [];
  if (isObject(traits)) walk(traits, 'traits', true, out, 0);
  return out;
};
