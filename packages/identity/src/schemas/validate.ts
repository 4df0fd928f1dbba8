/**
 * Validates traits against an identity schema and says what is wrong per form field, with Kratos'
 * message ids (4000002 required, 4000004 format, 4000003/4000017 length, 4000026 type, 4000001 for
 * everything else) and the node name a renderer attaches the message to (`traits.email`).
 */
import type { ErrorObject } from 'ajv';
import { messages } from '../ui/messages.ts';
import { controlCharacterProblems } from './identifier-traits.ts';
import type { UiText } from '../ui/node.ts';
import type { IdentitySchema } from './registry.ts';

export interface TraitError {
  /** The form field: `traits.email`, `traits.name.first`. */
  name: string;
  message: UiText;
}

const nameOf = (instancePath: string, child?: string): string =>
  [
    ...instancePath.split('/').slice(1).map((p) => p.replaceAll('~1', '/').replaceAll('~0', '~')),
    ...(child === undefined ? [] : [child]),
  ].join('.');

const typeName = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'array' : Number.isInteger(value) ? 'integer' : typeof value;

const describe = (err: ErrorObject): TraitError => {
  const p = err.params as Record<string, unknown>;
  const length = typeof err.data === 'string' ? [...err.data].length : 0;
  switch (err.keyword) {
    case 'required': {
      const property = String(p.missingProperty);
      return { name: nameOf(err.instancePath, property), message: messages.required(property) };
    }
    case 'format':
      return { name: nameOf(err.instancePath), message: messages.invalidFormat(String(p.format), err.data) };
    case 'minLength':
      return { name: nameOf(err.instancePath), message: messages.minLength(Number(p.limit), length) };
    case 'maxLength':
      return { name: nameOf(err.instancePath), message: messages.maxLength(Number(p.limit), length) };
    case 'type':
      return { name: nameOf(err.instancePath), message: messages.wrongType(String(p.type), typeName(err.data)) };
    case 'additionalProperties': {
      const property = String(p.additionalProperty);
      return { name: nameOf(err.instancePath, property), message: messages.generic(`Property ${property} is not allowed.`) };
    }
    case 'enum':
      return {
        name: nameOf(err.instancePath),
        message: messages.generic(`Must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}.`),
      };
    default:
      return { name: nameOf(err.instancePath), message: messages.generic(`${nameOf(err.instancePath) || 'The identity'} ${err.message ?? 'is invalid'}.`) };
  }
};

const schemaProblems = (schema: IdentitySchema): TraitError[] => {
  const seen = new Set<string>();
  const found: TraitError[] = [];
  for (const err of schema.validate.errors ?? []) {
    // `if`/`anyOf` wrappers only repeat what their branches already said.
    if (err.keyword === 'if' || err.keyword === 'anyOf' || err.keyword === 'oneOf') continue;
    const described = describe(err);
    const key = `${described.name}:${described.message.id}:${described.message.text}`;
    if (!seen.has(key)) {
      seen.add(key);
      found.push(described);
    }
  }
  return found;
};

/** Every problem of `traits` under `schema`, one per field and message; empty when valid. */
export const validateTraits = (schema: IdentitySchema, traits: unknown): TraitError[] => {
  if (typeof traits !== 'object' || traits === null || Array.isArray(traits)) {
    return [{ name: 'traits', message: messages.wrongType('object', typeName(traits)) }];
  }
  const problems = schema.validate({ traits }) ? [] : schemaProblems(schema);
  // Identifiers and addresses without a format of their own (a username) still hold no control character.
  const named = new Set(problems.map((p) => p.name));
  return [...problems, ...controlCharacterProblems(schema, traits).filter((p) => !named.has(p.name))];
};
