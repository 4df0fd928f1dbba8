/**
 * The shapes Kratos' APIs answer with (docs/compatibility.md §2.1–§2.4), shared by the public and
 * admin identity route schemas: flows, sessions, identities. Fields Olympus adds or Kratos may add
 * later are allowed; the schemas name what clients rely on.
 */
import { Type } from '@sinclair/typebox';
import { FORM, KratosErrorBody, bodyOf, errorResponses, object, optStr, redirect } from '../openapi/kit.ts';

export const Identity = object({
  id: Type.String(), schema_id: Type.String(), schema_url: optStr(), state: optStr('active or inactive'), traits: Type.Unknown(),
  verifiable_addresses: Type.Optional(Type.Array(Type.Object({}))), recovery_addresses: Type.Optional(Type.Array(Type.Object({}))),
  metadata_public: Type.Optional(Type.Unknown()), metadata_admin: Type.Optional(Type.Unknown()), credentials: Type.Optional(Type.Object({})),
  created_at: optStr(), updated_at: optStr(),
}, "Kratos' Identity");

export const Session = object({
  id: Type.String(), active: Type.Optional(Type.Boolean()), expires_at: optStr(), authenticated_at: optStr(), issued_at: optStr(),
  authenticator_assurance_level: optStr(), authentication_methods: Type.Optional(Type.Array(Type.Object({}))),
  identity: Type.Optional(Type.Union([Identity, Type.Null()])), devices: Type.Optional(Type.Array(Type.Object({}))),
}, "Kratos' Session");

export const Flow = object({
  id: Type.String(), type: Type.String({ description: 'browser or api' }), expires_at: Type.String(), issued_at: Type.String(), request_url: Type.String(),
  return_to: optStr(), state: Type.Optional(Type.Unknown()),
  ui: object({ action: Type.String(), method: Type.String(), nodes: Type.Array(Type.Object({})), messages: Type.Optional(Type.Array(Type.Object({}))) }, 'The form to render (UiContainer)'),
}, 'A self-service flow (login, registration, settings, recovery or verification)');

/** A submission: Kratos' field names, JSON or a form (docs/compatibility.md §4.2 of the flows). */
const Submission = object({
  method: Type.Optional(Type.String({ description: 'password, code, oidc, totp, lookup_secret, webauthn, passkey, profile, link (settings buttons such as lookup_secret_regenerate may stand for it)' })),
  csrf_token: optStr('Browser flows: the csrf_token node'),
  identifier: Type.Optional(Type.Unknown({ description: 'login: the identifier' })),
  password: Type.Optional(Type.Unknown({ description: 'password method' })),
  traits: Type.Optional(Type.Unknown({ description: 'registration/settings: the traits (traits.email=… in a form)' })),
  code: Type.Optional(Type.Unknown({ description: 'code method' })),
  email: Type.Optional(Type.Unknown({ description: 'recovery/verification: the address' })),
  provider: Type.Optional(Type.Unknown({ description: 'oidc method' })),
}, 'The submitted method and its fields');

export const submissionBody = bodyOf(Submission, ['application/json', FORM]);

const kratosErrors = errorResponses('kratos');
/** A flow's JSON answer, or (server-rendered browsers) a 303; an invalid submission is the flow again with 400. */
export const flowResponses = (success: object) => ({
  200: success,
  303: redirect('Server-rendered browsers: to the flow UI, the return URL or the error UI'),
  400: { anyOf: [Flow, KratosErrorBody], description: 'The flow with its messages, or an error' },
  ...kratosErrors,
});
export { kratosErrors };
