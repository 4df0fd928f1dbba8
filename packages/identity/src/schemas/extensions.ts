/**
 * Kratos' `ory.sh/kratos` extension on trait properties (docs/compatibility.md §4.2): which trait is
 * a login identifier for which credential, the TOTP account name, and which traits are addresses to
 * verify or to recover through. Found once per schema by walking `properties.traits`.
 */
export type AddressVia = 'email' | 'sms';

export interface KratosExtension {
  credentials?: {
    password?: { identifier?: boolean };
    webauthn?: { identifier?: boolean };
    passkey?: { display_name?: boolean };
    totp?: { account_name?: boolean };
    code?: { identifier?: boolean; via?: AddressVia };
  };
  verification?: { via?: AddressVia };
  recovery?: { via?: AddressVia };
}

/** A trait carrying the extension; `[]` in the path stands for every item of an array. */
export interface ExtensionSite {
  path: string[];
  extension: KratosExtension;
}

const EXTENSION_KEY = 'ory.sh/kratos';
const MAX_DEPTH = 32;

type Node = Record<string, unknown>;
const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Follows a local `$ref` (`#/definitions/...`, `#/$defs/...`); other refs are left unresolved. */
const resolveRef = (root: Node, node: Node): Node => {
  let current = node;
  for (let hops = 0; typeof current.$ref === 'string' && current.$ref.startsWith('#/') && hops < MAX_DEPTH; hops += 1) {
    let target: unknown = root;
    for (const part of current.$ref.slice(2).split('/')) {
      target = isNode(target) ? target[part.replaceAll('~1', '/').replaceAll('~0', '~')] : undefined;
    }
    if (!isNode(target)) return current;
    current = target;
  }
  return current;
};

const walk = (root: Node, raw: Node, path: string[], sites: ExtensionSite[], depth: number): void => {
  if (depth > MAX_DEPTH) return;
  const node = resolveRef(root, raw);
  if (isNode(node[EXTENSION_KEY]) && path.length > 0) sites.push({ path, extension: node[EXTENSION_KEY] as KratosExtension });
  if (isNode(node.properties)) {
    for (const [key, child] of Object.entries(node.properties)) {
      if (isNode(child)) walk(root, child, [...path, key], sites, depth + 1);
    }
  }
  if (isNode(node.items)) walk(root, node.items, [...path, '[]'], sites, depth + 1);
};

/** Every extension site under `properties.traits` of an identity schema. */
export const extensionSitesOf = (schema: Node): ExtensionSite[] => {
  const properties = isNode(schema.properties) ? schema.properties : {};
  const traits = properties.traits;
  const sites: ExtensionSite[] = [];
  if (isNode(traits)) walk(schema, traits, [], sites, 0);
  return sites;
};

/** The string values at `path` in the traits (arrays expanded at `[]`). */
export const stringsAt = (traits: unknown, path: string[]): string[] => {
  let values: unknown[] = [traits];
  for (const part of path) {
    values = part === '[]'
      ? values.flatMap((v) => (Array.isArray(v) ? v : []))
      : values.flatMap((v) => (isNode(v) && v[part] !== undefined ? [v[part]] : []));
  }
  return values.filter((v): v is string => typeof v === 'string');
};
