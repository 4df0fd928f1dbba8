/**
 * TypeBox builders for the config schema (schema.ts and its sections). One call per key gives the JSON
 * Schema that ajv validates (validate.ts), the default that decode.ts fills in, the key's row in
 * docs/configuration.md (reference-doc.ts) and two types: the file's (`Static`: snake_case, every key
 * optional) and the decoded values' (`StaticDecode`: camelCase, durations in milliseconds, a key
 * optional only when nothing fills it in).
 *
 * Annotations beside JSON Schema's keywords (registered with ajv in validate.ts):
 * - `x-default`: the default as the reference doc shows it, where it is not a plain value;
 * - `x-mode-default`: `{ dev, production }`, a default that follows --dev;
 * - `x-public-path`: a default URL below the public origin;
 * - `x-public-part`: `host` or `origins`, a default taken from the public origin (the WebAuthn relying party);
 * - `x-env`: the environment variable that overrides the key (env.ts);
 * - `x-secret`: an error never echoes the value (describe.ts).
 */
import { Type, type Evaluate, type SchemaOptions, type Static, type StaticDecode, type StringOptions, type TOptional, type TProperties, type TSchema } from '@sinclair/typebox';
import { camelCase, renameKeys, snakeCase, type CamelCase } from './camel-case.ts';
import { formatDuration, parseDuration } from './duration.ts';

export type SchemaNode = Record<string, unknown>;

/** Minimum length of every secret and admin API key: 32 characters ≈ 192 bits of base64 randomness. */
export const MIN_SECRET_LENGTH = 32;

declare const filledIn: unique symbol;
/** A node whose value decode.ts always fills in (from `default`, `x-mode-default`, `x-public-path` or `x-public-part`): its decoded key is required. */
export type Filled<Node extends TSchema = TSchema> = Node & { readonly [filledIn]: true };

export const filled = <Node extends TSchema>(node: Node): Filled<Node> => node as Filled<Node>;

/** `node` with a default; the compiler checks the value against the node's type in the file. */
export const withDefault = <Node extends TSchema>(node: Node, value: Static<Node>): Filled<Node> => filled({ ...node, default: value });

type Optionals<Properties extends TProperties> = { [Key in keyof Properties]: TOptional<Properties[Key]> };

/** A section's decoded values: camelCase keys, each required when it is filled in. */
export type Decoded<Properties extends TProperties> = Evaluate<
  { [Key in keyof Properties & string as Properties[Key] extends Filled ? CamelCase<Key> : never]: StaticDecode<Properties[Key]> } & {
    [Key in keyof Properties & string as Properties[Key] extends Filled ? never : CamelCase<Key>]?: StaticDecode<Properties[Key]>;
  }
>;

/**
 * A mapping of keys, each optional in the file and present (an empty mapping) when left out, so the
 * defaults inside it apply. Unknown keys are refused, so a typo is an error rather than a silently
 * ignored setting. Decoding renames the keys to camelCase.
 */
export const section = <Properties extends TProperties>(description: string, properties: Properties, options: SchemaOptions = {}) => {
  const optional = Object.fromEntries(Object.entries(properties).map(([key, node]) => [key, Type.Optional(node)])) as Optionals<Properties>;
  const object = Type.Object(optional, { ...options, description, additionalProperties: false, default: {} });
  return filled(
    Type.Transform(object)
      .Decode((value) => renameKeys(value, camelCase) as Decoded<Properties>)
      .Encode((value) => renameKeys(value, snakeCase) as StaticDecode<typeof object>),
  );
};

/** A Go-style duration (duration.ts) in the file, milliseconds once decoded. */
export const duration = (description: string, value: string, options: StringOptions = {}) =>
  withDefault(Type.Transform(Type.String({ ...options, format: 'duration', description })).Decode(parseDuration).Encode(formatDuration), value);

/** A lifetime: a duration longer than 0s. */
export const ttl = (description: string, value: string, options: StringOptions = {}) =>
  duration(description, value, { positiveDuration: true, ...options });

export const text = (description: string, value: string, options: StringOptions = {}) => withDefault(Type.String({ ...options, description }), value);

export const boolean = (description: string, value: boolean) => withDefault(Type.Boolean({ description }), value);

export const integer = (description: string, value: number, minimum: number, maximum?: number) =>
  withDefault(Type.Integer({ description, minimum, ...(maximum === undefined ? {} : { maximum }) }), value);

/** One of `values`: a JSON Schema `enum` (not a union of literals), so ajv reports one error listing them. */
export const choice = <const Values extends readonly string[]>(values: Values, description: string, value: Values[number], options: SchemaOptions = {}) =>
  withDefault(Type.Unsafe<Values[number]>({ ...options, enum: [...values], description }), value);

/** An absolute http(s) URL whose default is worked out at load time, as `xDefault` describes. */
export const url = (description: string, xDefault: string) => Type.String({ format: 'http-url', description, 'x-default': xDefault });

/** A URL that is `<public origin><path>` unless configured. */
export const publicPage = (description: string, path: string) =>
  filled(Type.String({ format: 'http-url', description, 'x-default': `\`<public>${path}\``, 'x-public-path': path }));

/** A switch that is `dev` with --dev and the opposite in production. */
export const modeSwitch = (description: string, dev: boolean) =>
  filled(Type.Boolean({ description, 'x-default': `\`${dev}\` with --dev, else \`${!dev}\``, 'x-mode-default': { dev, production: !dev } }));

export const urlList = (description: string) => withDefault(Type.Array(Type.String({ format: 'http-url' }), { description }), []);

/** Secrets, first one current. Empty until configured: load.ts then generates them (--dev) or demands them. */
export const secretList = (description: string, xDefault: string, options: SchemaOptions = {}) =>
  withDefault(
    Type.Array(Type.String({ minLength: MIN_SECRET_LENGTH }), { ...options, description, minItems: 1, 'x-default': xDefault, 'x-secret': true }),
    [],
  );
