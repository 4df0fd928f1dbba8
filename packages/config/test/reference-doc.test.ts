import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { configSchema, ENV_OVERRIDES, renderConfigReference } from '@olympus/config';

type Node = Record<string, unknown>;

const objects = (node: Node, path = '(root)'): [string, Node][] => {
  if (node.type !== 'object') return [];
  const children = Object.entries((node.properties ?? {}) as Record<string, Node>);
  return [[path, node], ...children.flatMap(([key, child]) => objects(child, `${path}.${key}`))];
};

test('every object in the schema rejects unknown keys; maps (hera.claims) constrain every value', () => {
  const all = objects(configSchema);
  assert.ok(all.length > 8);
  for (const [path, node] of all) {
    if (node.properties !== undefined) assert.equal(node.additionalProperties, false, path);
    else assert.equal(typeof node.additionalProperties, 'object', `${path} is a map whose values have a schema`);
  }
});

test('docs/configuration.md is the rendering of the current schema (regenerate: node packages/config/src/write-reference-doc.ts)', async () => {
  const onDisk = await readFile(new URL('../../../docs/configuration.md', import.meta.url), 'utf8');
  assert.equal(onDisk, renderConfigReference());
  for (const override of ENV_OVERRIDES) assert.ok(onDisk.includes(`\`${override.name}\``), override.name);
  assert.ok(onDisk.includes('| `ttl.auth_code` | duration | `10m` |'));
});
