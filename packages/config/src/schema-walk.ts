/**
 * Walks the config schema as JSON Schema: its keys (one per row of docs/configuration.md, one per
 * environment variable, one per default) and the nodes along a path of the file.
 */
import type { SchemaNode } from './schema-nodes.ts';

export interface SchemaKey {
  /** The key's path in the file, e.g. `['ttl', 'access_token']`. */
  path: string[];
  node: SchemaNode;
}

const propertiesOf = (node: SchemaNode): Record<string, SchemaNode> | undefined =>
  node.type === 'object' ? (node.properties as Record<string, SchemaNode> | undefined) : undefined;

/** Every key that holds a value rather than further keys, in schema order. */
export const keysOf = (node: SchemaNode, prefix: string[] = []): SchemaKey[] => {
  const properties = propertiesOf(node);
  if (!properties) return [{ path: prefix, node }];
  return Object.entries(properties).flatMap(([key, child]) => keysOf(child, [...prefix, key]));
};

/** The schema nodes from the root down to `path`, as far as the schema knows it (list items, map values). */
export const nodesAlong = (root: SchemaNode, path: readonly (string | number)[]): SchemaNode[] => {
  const nodes = [root];
  for (const part of path) {
    const node = nodes[nodes.length - 1];
    const properties = propertiesOf(node) ?? {};
    const child =
      typeof part === 'number'
        ? (node.items as SchemaNode | undefined)
        : Object.hasOwn(properties, part)
          ? properties[part]
          : typeof node.additionalProperties === 'object'
            ? (node.additionalProperties as SchemaNode)
            : undefined;
    if (!child) break;
    nodes.push(child);
  }
  return nodes;
};
