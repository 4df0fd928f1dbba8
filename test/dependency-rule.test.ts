/**
 * The dependency rule of docs/architecture.md, checked on every import of every package's src:
 * the cores (@olympus/oauth2, @olympus/identity) speak no HTTP and no SQL, and a package imports
 * only packages below it, so a core never learns about the edge that serves it.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Each workspace package, its folder and its layer: a package may import only lower layers. */
const LAYERS: Record<string, { dir: string; layer: number }> = {
  '@olympus/config': { dir: 'packages/config', layer: 0 },
  '@olympus/crypto': { dir: 'packages/crypto', layer: 0 },
  '@olympus/oauth2': { dir: 'packages/oauth2', layer: 1 },
  '@olympus/audit': { dir: 'packages/audit', layer: 1 },
  '@olympus/trace': { dir: 'packages/trace', layer: 0 },
  '@olympus/identity': { dir: 'packages/identity', layer: 2 },
  '@olympus/storage': { dir: 'packages/storage', layer: 3 },
  '@olympus/http': { dir: 'packages/http', layer: 3 },
  '@olympus/hera': { dir: 'apps/hera', layer: 4 },
  '@olympus/athena': { dir: 'apps/athena', layer: 4 },
  '@olympus/site': { dir: 'apps/site', layer: 4 },
  '@olympus/observability': { dir: 'packages/observability', layer: 4 },
  '@olympus/server': { dir: 'apps/server', layer: 5 },
  '@olympus/cli': { dir: 'apps/cli', layer: 6 },
};

const CORES = ['@olympus/oauth2', '@olympus/identity'];

/** HTTP frameworks and servers, SQL drivers: what a core must never import. */
const EDGE_MODULES = /^(?:node:)?(?:http|https|http2|net|sqlite)(?:\/|$)|^(?:fastify|@fastify\/.*|express|koa|hono|undici|pg|pg-.*|postgres|better-sqlite3|sqlite3|mysql2?|knex|kysely)(?:\/|$)/;

const IMPORT = /(?:^|[\s;])(?:import|export)\s(?:[^'"`;]*?\sfrom\s)?['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

const sourceFiles = (dir: string): string[] =>
  readdirSync(join(root, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => relative(root, join(e.parentPath, e.name)));

const importsOf = (file: string): string[] =>
  [...readFileSync(join(root, file), 'utf8').matchAll(IMPORT)].map((m) => (m[1] ?? m[2]) as string);

const packageOf = (specifier: string): string | undefined =>
  Object.keys(LAYERS).find((name) => specifier === name || specifier.startsWith(`${name}/`));

const violations = (): string[] =>
  Object.entries(LAYERS).flatMap(([name, { dir, layer }]) =>
    sourceFiles(`${dir}/src`).flatMap((file) =>
      importsOf(file).flatMap((specifier) => {
        const target = packageOf(specifier);
        if (target !== undefined && target !== name && LAYERS[target]!.layer >= layer) return [`${file}: ${name} imports ${target}, which is not below it`];
        if (CORES.includes(name) && EDGE_MODULES.test(specifier)) return [`${file}: the core ${name} imports ${specifier} (HTTP or SQL)`];
        if (specifier.startsWith('.') && !join(file, '..', specifier).startsWith(`${dir}/`)) return [`${file}: reaches outside ${dir} with ${specifier}`];
        return [];
      }),
    ),
  );

test('cores import no HTTP or SQL, and every package imports only packages below it', () => {
  const found = violations();
  assert.deepEqual(found, [], `The dependency rule (docs/architecture.md) is broken:\n${found.join('\n')}`);
});

test('every workspace package is placed in a layer', () => {
  const workspaces = ['packages', 'apps'].flatMap((group) =>
    readdirSync(join(root, group)).map((d) => JSON.parse(readFileSync(join(root, group, d, 'package.json'), 'utf8')).name as string));
  assert.deepEqual(workspaces.filter((name) => !(name in LAYERS)), []);
});

test('the rule catches what it is meant to catch', () => {
  for (const edge of ['fastify', 'node:http', 'http', 'pg', 'node:sqlite', '@fastify/cookie']) assert.ok(EDGE_MODULES.test(edge), edge);
  for (const fine of ['node:crypto', 'jose', 'nodemailer', 'pgp-lite', 'httpie-not']) assert.ok(!EDGE_MODULES.test(fine), fine);
  const sample = `import { a } from '@olympus/http';\nimport type { B } from "pg";\nconst c = await import('node:http');\nexport * from './x.ts';`;
  assert.deepEqual([...sample.matchAll(IMPORT)].map((m) => m[1] ?? m[2]), ['@olympus/http', 'pg', 'node:http', './x.ts']);
});
