/**
 * A test-only conformance check (docs/operations/openapi.md): with OLYMPUS_CHECK_RESPONSE_SCHEMAS=1
 * every JSON answer is validated against its route's declared response for its status (exact, then
 * `4XX`-style ranges, then `default`); a body that does not match, or a status the route does not
 * declare, is logged and replaced by a 500 `response_schema_violation`, so the end-to-end test that
 * caused it fails loudly. Off in production: the schemas describe, they never re-shape answers.
 */
import type { ValidateFunction } from 'ajv';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { schemaAjv } from './validation.ts';

export const RESPONSE_CHECK_ENV = 'OLYMPUS_CHECK_RESPONSE_SCHEMAS';

type Declared = Record<string, unknown>;

const declaredFor = (responses: Declared, status: number): unknown =>
  responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default;

/** The JSON schema of a declared response: plain, or under content['application/json']; null when it declares no JSON. */
const jsonSchemaOf = (declared: unknown): object | null => {
  const content = (declared as { content?: Record<string, { schema?: object }> }).content;
  if (content === undefined) return declared as object;
  return content['application/json']?.schema ?? null;
};

const isJson = (reply: FastifyReply): boolean => /[/+]json\b/i.test(String(reply.getHeader('content-type') ?? ''));

export const registerResponseCheck = (app: FastifyInstance): void => {
  const ajv = schemaAjv();
  const compiled = new WeakMap<object, ValidateFunction>();
  const validatorOf = (schema: object): ValidateFunction => {
    let validate = compiled.get(schema);
    if (validate === undefined) compiled.set(schema, (validate = ajv.compile(schema)));
    return validate;
  };
  const violation = (req: FastifyRequest, reply: FastifyReply, why: string, payload: unknown): string => {
    req.log.error({ route: req.routeOptions.url, method: req.method, status: reply.statusCode, why, payload: String(payload).slice(0, 2000) }, 'response_schema_violation');
    reply.code(500);
    return JSON.stringify({ error: 'response_schema_violation', error_description: `${req.method} ${req.routeOptions.url} ${why}` });
  };
  app.addHook('onSend', async (req, reply, payload) => {
    const responses = req.routeOptions.schema?.response as Declared | undefined;
    if (req.routeOptions.url === undefined || !isJson(reply) || typeof payload !== 'string' || payload === '') return payload;
    if (responses === undefined) return violation(req, reply, 'declares no response schema.', payload);
    const declared = declaredFor(responses, reply.statusCode);
    if (declared === undefined) return violation(req, reply, `answered ${reply.statusCode}, which its schema does not declare.`, payload);
    const schema = jsonSchemaOf(declared);
    if (schema === null) return violation(req, reply, `answered JSON with ${reply.statusCode}, which its schema declares without JSON.`, payload);
    const validate = validatorOf(schema);
    if (validate(JSON.parse(payload))) return payload;
    const first = validate.errors?.[0];
    return violation(req, reply, `answered ${reply.statusCode} with a body its schema refuses: ${first?.instancePath || '(root)'} ${first?.message ?? ''}.`, payload);
  });
};
