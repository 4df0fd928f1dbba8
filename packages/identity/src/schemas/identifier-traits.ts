/**
 * Traits that identify someone or reach them — login identifiers of any credential and the addresses
 * verified or recovered through (the `ory.sh/kratos` extension, extensions.ts) — must hold no control
 * character (identifier-checks.ts), whatever format the schema gives them (a username has none).
 */
import { messages } from '../ui/messages.ts';
import type { UiText } from '../ui/node.ts';
import type { KratosExtension } from './extensions.ts';
import { hasControlCharacter } from './identifier-checks.ts';
import type { IdentitySchema } from './registry.ts';

const identifiesOrReaches = (e: KratosExtension): boolean =>
  e.credentials?.password?.identifier === true || e.credentials?.webauthn?.identifier === true ||
  e.credentials?.code?.identifier === true || e.verification?.via !== undefined || e.recovery?.via !== undefined;

type Node = Record<string, unknown>;

/** The strings at `path` with their form field names (`traits.emails.0`), arrays expanded at `[]`. */
const namedStringsAt = (traits: unknown, path: string[]): Array<{ name: string; value: string }> => {
  let found: Array<{ name: string[]; value: unknown }> = [{ name: ['traits'], value: traits }];
  for (const part of path) {
    found = found.flatMap(({ name, value }) => {
      if (part === '[]') return Array.isArray(value) ? value.map((item, i) => ({ name: [...name, String(i)], value: item })) : [];
      const child = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Node)[part] : undefined;
      return child === undefined ? [] : [{ name: [...name, part], value: child }];
    });
  }
  return found.filter((f): f is { name: string[]; value: string } => typeof f.value === 'string').map((f) => ({ name: f.name.join('.'), value: f.value }));
};

/** One 4000004 message per identifier or address trait holding a control character. */
export const controlCharacterProblems = (schema: IdentitySchema, traits: unknown): Array<{ name: string; message: UiText }> =>
  schema.extensions
    .filter((site) => identifiesOrReaches(site.extension))
    .flatMap((site) => namedStringsAt(traits, site.path))
    .filter(({ value }) => hasControlCharacter(value))
    .map(({ name, value }) => ({ name, message: messages.invalidFormat('identifier', value) }));
