/** Route schemas of Kratos' admin API (docs/compatibility.md §2.2): identities, sessions, courier, recovery codes. */
import { Type } from '@sinclair/typebox';
import { bodyOf, empty, errorResponses, object, optStr, pathOf, queryOf } from '../openapi/kit.ts';
import { Identity, Session, kratosErrors } from './kratos.schema.ts';

const tags = ['identity'];
const id = pathOf({ id: 'Identity id' });
const IdentityInput = object({
  schema_id: Type.Optional(Type.Unknown({ description: 'The identity schema' })), traits: Type.Optional(Type.Unknown({ description: 'Valid for the schema' })),
  state: Type.Optional(Type.Unknown({ description: 'active or inactive' })), credentials: Type.Optional(Type.Unknown({ description: 'Import: password (hashed or plain), oidc' })),
  metadata_public: Type.Optional(Type.Unknown()), metadata_admin: Type.Optional(Type.Unknown()),
  verifiable_addresses: Type.Optional(Type.Unknown()), recovery_addresses: Type.Optional(Type.Unknown()),
}, "Kratos' CreateIdentityBody / UpdateIdentityBody");
const JsonPatch = Type.Array(Type.Object({ op: Type.String(), path: Type.String() }), { description: 'RFC 6902 JSON Patch' });
const CourierMessage = object({ id: Type.String(), status: Type.String(), recipient: Type.String() }, "Kratos' courier Message");
const include = queryOf({ include_credential: 'password, oidc, … (repeated or comma-separated)' });

export const adminIdentitySchemas = {
  list: { tags, operationId: 'listIdentities', summary: 'List identities (keyset pages, Link header)',
    querystring: Type.Object({ ...queryOf({ page_size: 'Items per page', page_token: 'From the Link header', credentials_identifier: 'Exact identifier' }).properties,
      ids: Type.Optional(Type.Union([Type.String(), Type.Array(Type.String())], { description: 'Repeated or comma-separated ids' })),
      include_credential: Type.Optional(Type.Union([Type.String(), Type.Array(Type.String())], { description: 'Repeated or comma-separated credential types' })) }),
    response: { 200: Type.Array(Identity, { description: 'A page of identities' }), ...kratosErrors } },
  create: { tags, operationId: 'createIdentity', summary: 'Create (or import) an identity', body: bodyOf(IdentityInput), response: { 201: Identity, ...kratosErrors } },
  get: { tags, operationId: 'getIdentity', summary: 'Get an identity', params: id,
    querystring: Type.Object({ include_credential: Type.Optional(Type.Union([Type.String(), Type.Array(Type.String())], { description: include.properties.include_credential.description })) }),
    response: { 200: Identity, ...kratosErrors } },
  update: { tags, operationId: 'updateIdentity', summary: 'Replace an identity', params: id, body: bodyOf(IdentityInput), response: { 200: Identity, ...kratosErrors } },
  patch: { tags, operationId: 'patchIdentity', summary: 'Patch an identity (RFC 6902)', params: id, body: bodyOf(JsonPatch, ['application/json', 'application/json-patch+json']),
    response: { 200: Identity, ...kratosErrors } },
  delete: { tags, operationId: 'deleteIdentity', summary: 'Delete an identity', params: id, response: { 204: empty('Deleted'), ...kratosErrors } },
  deleteCredential: { tags, operationId: 'deleteIdentityCredentials', summary: 'Delete a credential of an identity',
    params: pathOf({ id: 'Identity id', type: 'Credential type' }), querystring: queryOf({ identifier: 'oidc: which provider account' }),
    response: { 204: empty('Deleted'), ...kratosErrors } },
  listSessions: { tags, operationId: 'listSessions', summary: 'List sessions (keyset pages, Link header)',
    querystring: queryOf({ page_size: 'Items per page', page_token: 'From the Link header', active: 'true or false' }),
    response: { 200: Type.Array(Session, { description: 'A page of sessions, identity expanded' }), ...errorResponses('either') } },
  getSession: { tags, operationId: 'getSession', summary: 'Get a session', params: pathOf({ id: 'Session id' }), response: { 200: Session, ...kratosErrors } },
  deleteSession: { tags, operationId: 'disableSession', summary: 'End a session', params: pathOf({ id: 'Session id' }), response: { 204: empty('Ended'), ...kratosErrors } },
  extendSession: { tags, operationId: 'extendSession', summary: 'Extend a session', params: pathOf({ id: 'Session id' }), response: { 200: Session, ...kratosErrors } },
  identitySessions: { tags, operationId: 'listIdentitySessions', summary: "An identity's sessions", params: id, querystring: queryOf({ active: 'true or false', page_size: 'Items' }),
    response: { 200: Type.Array(Session, { description: 'Sessions' }), ...errorResponses('either') } },
  deleteIdentitySessions: { tags, operationId: 'deleteIdentitySessions', summary: "End an identity's sessions", params: id, response: { 204: empty('Ended'), ...kratosErrors } },
  recoveryCode: { tags, operationId: 'createRecoveryCodeForIdentity', summary: 'A recovery link and code for an identity',
    body: bodyOf(object({ identity_id: Type.Unknown({ description: 'The identity' }), expires_in: Type.Optional(Type.Unknown({ description: 'Go duration' })) }, "Kratos' CreateRecoveryCodeForIdentityBody")),
    response: { 201: Type.Object({ recovery_link: Type.String(), recovery_code: Type.String(), expires_at: optStr() }, { description: 'The link and code' }), ...kratosErrors } },
  courierList: { tags: ['courier'], operationId: 'listCourierMessages', summary: 'Courier messages (keyset pages, Link header)',
    querystring: queryOf({ page_size: 'Items per page', page_token: 'From the Link header', status: 'queued, sent, processing, abandoned', recipient: 'Recipient address' }),
    response: { 200: Type.Array(CourierMessage, { description: 'A page of messages' }), ...kratosErrors } },
  courierGet: { tags: ['courier'], operationId: 'getCourierMessage', summary: 'One courier message', params: pathOf({ id: 'Message id' }), response: { 200: CourierMessage, ...kratosErrors } },
};
