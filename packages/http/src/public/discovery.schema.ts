/** Route schemas of the discovery document and the public keys (docs/compatibility.md §1.1, §1.3). */
import { Type } from '@sinclair/typebox';
import { errorResponses, object } from '../openapi/kit.ts';
import { JwkSet } from '../admin/keys.schema.ts';
import { pageSchema } from '../openapi/page.ts';

const Discovery = object({
  issuer: Type.String(), authorization_endpoint: Type.String(), token_endpoint: Type.String(), jwks_uri: Type.String(),
  response_types_supported: Type.Array(Type.String()), subject_types_supported: Type.Array(Type.String()),
  id_token_signing_alg_values_supported: Type.Array(Type.String()),
}, 'OpenID Provider Metadata (OIDC Discovery §3, RFC 8414)');

export const discoverySchemas = {
  discovery: (operationId: string) => ({ tags: ['oidc'], operationId, summary: 'OpenID Provider Metadata', response: { 200: Discovery, ...errorResponses('oauth2') } }),
  jwks: { tags: ['oidc'], operationId: 'discoverJsonWebKeys', summary: 'The public keys that sign, are about to sign, or still verify', response: { 200: JwkSet, ...errorResponses('oauth2') } },
  stylesheet: pageSchema({ summary: "Olympus' stylesheet", tag: 'pages', produces: 'text/css' }),
  fallbackError: pageSchema({ summary: 'Default error page', tag: 'pages', query: { error: 'Error code', error_description: 'Description', error_hint: 'Hint' } }),
  fallbackLogout: pageSchema({ summary: 'Default post-logout page', tag: 'pages' }),
  troubleshooting: pageSchema({ summary: 'A troubleshooting page (Markdown)', tag: 'pages', params: { code: 'The error code' }, produces: 'text/markdown' }),
};
