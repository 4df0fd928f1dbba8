/**
 * How route schemas check requests (docs/operations/openapi.md): one Ajv that never changes what it
 * validates (no type coercion, no defaults, no removed properties: the readers behind it see the
 * request as sent), formats as annotations only, and an absent body left to the route, whose reader
 * names what is missing. A refusal is an UnreadableRequest naming the field, so each origin answers
 * it in its own envelope (errors.ts: `invalid_request`; identity/envelope.ts: Kratos' `bad_request`).
 */
import { Ajv, type ErrorObject } from 'ajv';
import type { FastifyInstance, FastifySchema } from 'fastify';
import { UnreadableRequest } from '../unreadable-request.ts';
import { lazyValidator } from './lazy-validator.ts';

export const schemaAjv = (): Ajv =>
  new Ajv({ coerceTypes: false, useDefaults: false, removeAdditional: false, allErrors: false, strict: false, validateFormats: false, verbose: true });

const PARTS: Record<string, string> = { body: 'request body', querystring: 'query string', params: 'path', headers: 'headers' };

const fieldOf = (error: ErrorObject): string => {
  const path = error.instancePath.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (error.keyword === 'required') path.push(String(error.params.missingProperty));
  return path.join('.');
};

/** The refusal of a request its route schema does not accept, naming the field and what it must be. */
export const schemaRefusal = (errors: ErrorObject[], part: string): UnreadableRequest => {
  const error = errors[0]!;
  const field = fieldOf(error);
  const where = PARTS[part] ?? part;
  const hint = 'The OpenAPI document (/.well-known/olympus/openapi.json on the public origin, /openapi.json on the admin origin) describes each parameter.';
  if (part === 'querystring' && error.keyword === 'type' && Array.isArray(error.data)) {
    return new UnreadableRequest(`Query parameter ${field} was given more than once; send it once.`, { hint });
  }
  if (field === '') return new UnreadableRequest(`The ${where} ${error.message ?? 'is not valid'}.`, { hint });
  if (error.keyword === 'required') return new UnreadableRequest(`The ${where} is missing "${field}".`, { hint });
  return new UnreadableRequest(`The ${where} field "${field}" ${error.message ?? 'is not valid'}.`, { hint });
};

/** Route schemas validate with schemaAjv; their response schemas never re-serialize (bytes stay JSON.stringify's). */
export const useRouteSchemas = (app: FastifyInstance): void => {
  const ajv = schemaAjv();
  app.setValidatorCompiler(({ schema, httpPart }) => {
    const validate = lazyValidator(ajv, schema as FastifySchema);
    if (httpPart !== 'body') return validate;
    return (data: unknown) => (data === null || data === undefined ? true : validate(data) ? true : { error: schemaRefusal(validate.errors ?? [], 'body') });
  });
  app.setSchemaErrorFormatter((errors, part) => schemaRefusal(errors as ErrorObject[], part));
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
};
