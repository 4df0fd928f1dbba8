/**
 * The building blocks of every route schema (docs/operations/openapi.md): the error envelopes of
 * docs/compatibility.md (OAuth2's and Hydra admin's `{error, error_description}` §1.4, Kratos'
 * `{error: {id, code, status, …}}` §2.4), responses without a body, HTML pages. Request schemas say
 * types and shapes only; the routes' own readers keep their specific refusals.
 */
import { Type, type TObject, type TProperties, type TSchema } from '@sinclair/typebox';

/** RFC 6749 §5.2's error body, also Hydra's admin errors; `error_hint`/`error_debug` only with expose_debug. */
export const OAuth2ErrorBody = Type.Object({
  error: Type.String({ description: 'RFC 6749 §5.2 error code, e.g. invalid_request' }),
  error_description: Type.String(),
  error_hint: Type.Optional(Type.String()),
  error_debug: Type.Optional(Type.String()),
}, { description: 'An OAuth2 error (RFC 6749 §5.2); Hydra adds fields such as redirect_to to a 410.' });

/** Kratos' (herodot's) envelope; extras such as redirect_browser_to or use_flow_id sit beside `error`. */
export const KratosErrorBody = Type.Object({
  error: Type.Object({
    id: Type.Optional(Type.String({ description: 'e.g. session_inactive, security_csrf_violation' })),
    code: Type.Integer(),
    status: Type.String(),
    message: Type.String(),
    reason: Type.Optional(Type.String()),
    details: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    request: Type.Optional(Type.String()),
    debug: Type.Optional(Type.String()),
  }),
}, { description: "A Kratos error (herodot's envelope)" });

/** `either`: a Kratos route whose shared paging helpers still answer a forged page token in OAuth2's shape. */
export type Envelope = 'oauth2' | 'kratos' | 'either';
const envelopeBody = (envelope: Envelope) =>
  envelope === 'oauth2' ? OAuth2ErrorBody : envelope === 'kratos' ? KratosErrorBody : Type.Union([KratosErrorBody, OAuth2ErrorBody]);

/** Every JSON route answers client and server errors in its origin's envelope. */
export const errorResponses = (envelope: Envelope) => ({
  '4XX': { ...envelopeBody(envelope), description: 'Refused; the body says why' },
  '5XX': { ...envelopeBody(envelope), description: 'The server could not answer' },
});

/** A response without a body (204, 200 of RFC 7009, redirects). */
export const empty = (description: string) => ({ type: 'null', description });

/** A 302/303 whose Location is the next step. */
export const redirect = (description = 'Redirect; Location names the next step') => empty(description);

/** A JSON object whose fields beyond the described ones are allowed (Hydra and Kratos add fields over time). */
export const object = <T extends TProperties>(properties: T, description: string): TObject<T> =>
  Type.Object(properties, { description });

export const str = (description?: string) => Type.String(description === undefined ? {} : { description });
export const optStr = (description?: string) => Type.Optional(str(description));
export const strings = (description?: string) => Type.Array(Type.String(), description === undefined ? {} : { description });

/** A query object of optional string parameters, each with its description. */
export const queryOf = (params: Record<string, string>) =>
  Type.Object(Object.fromEntries(Object.entries(params).map(([name, description]) => [name, optStr(description)])));

/** Path parameters: all strings. */
export const pathOf = (params: Record<string, string>) =>
  Type.Object(Object.fromEntries(Object.entries(params).map(([name, description]) => [name, str(description)])));

/** A request body: a media type → schema map (Fastify picks the validator by Content-Type; an absent body is the route's to refuse). */
export const bodyOf = (schema: TSchema, types: readonly string[] = ['application/json']) => ({
  content: Object.fromEntries(types.map((type) => [type, { schema }])),
});

export const FORM = 'application/x-www-form-urlencoded';
