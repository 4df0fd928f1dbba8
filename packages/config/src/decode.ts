/**
 * The validated file → the values the code reads: every default filled in, durations in milliseconds,
 * keys camelCase. TypeBox does the work (Value.Default, then the schema's Decode transforms); the
 * schema says what. Defaults that follow --dev or the public URL are filled in between.
 */
import type { StaticDecode } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { camelCase } from './camel-case.ts';
import type { ConfigInput } from './input.ts';
import { configSchema } from './schema.ts';
import { keysOf } from './schema-walk.ts';

export type ConfigValues = StaticDecode<typeof configSchema>;

export const withoutTrailingSlash = (url: string): string => url.replace(/\/+$/, '');

interface LoadContext {
  dev: boolean;
  /** The public origin's base URL, without a trailing slash. */
  publicUrl: string;
}

const contextualDefault = (node: Record<string, unknown>, { dev, publicUrl }: LoadContext): unknown => {
  const byMode = node['x-mode-default'] as { dev: unknown; production: unknown } | undefined;
  if (byMode) return dev ? byMode.dev : byMode.production;
  // The WebAuthn relying party of the public origin (schema-webauthn.ts).
  if (node['x-public-part'] === 'host') return new URL(publicUrl).hostname;
  if (node['x-public-part'] === 'origins') return [new URL(publicUrl).origin];
  return typeof node['x-public-path'] === 'string' ? publicUrl + node['x-public-path'] : undefined;
};

/** Sets the defaults that depend on the mode or the public URL where the file has no value. */
const fillContextualDefaults = (values: object, context: LoadContext): void => {
  for (const { path, node } of keysOf(configSchema)) {
    const value = contextualDefault(node, context);
    if (value === undefined) continue;
    const keys = path.map(camelCase);
    // Value.Default created every section, so each mapping on the way exists.
    let parent = values as Record<string, unknown>;
    for (const key of keys.slice(0, -1)) parent = parent[key] as Record<string, unknown>;
    parent[keys[keys.length - 1]] ??= value;
  }
};

/** Decodes input that the schema has accepted (validate.ts). */
export const decodeConfig = (input: ConfigInput, { dev }: { dev: boolean }): ConfigValues => {
  const values = Value.Parse(['Clone', 'Default', 'Decode'], configSchema, input) as ConfigValues;
  // The contextual defaults are plain values (no durations), so they are filled in after decoding.
  fillContextualDefaults(values, { dev, publicUrl: withoutTrailingSlash(values.serve.public.baseUrl) });
  return values;
};
