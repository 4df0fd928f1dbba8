/** Route schemas of Hydra's JSON Web Key API (docs/compatibility.md §1.2); the key ring refuses what it cannot use. */
import { Type } from '@sinclair/typebox';
import { bodyOf, empty, errorResponses, optStr, pathOf } from '../openapi/kit.ts';

/** RFC 7517 §4: a JWK; private members only in the answer that created it. */
export const Jwk = Type.Object({ kty: Type.String(), kid: optStr(), use: optStr(), alg: optStr() }, { description: 'A JSON Web Key (RFC 7517)' });
export const JwkSet = Type.Object({ keys: Type.Array(Jwk) }, { description: 'A JSON Web Key Set (RFC 7517 §5)' });
const Create = Type.Object({ alg: optStr('RS256, ES256, …'), use: optStr('sig or enc'), kid: optStr() }, { description: "Hydra's CreateJsonWebKeySet" });

const tags = ['keys'];
const errors = errorResponses('oauth2');
const set = pathOf({ set: 'The key set, e.g. hydra.openid.id-token' });
const key = pathOf({ set: 'The key set', kid: 'The key id' });

export const keySchemas = {
  getSet: { tags, operationId: 'getJsonWebKeySet', summary: 'Get a key set', params: set, response: { 200: JwkSet, ...errors } },
  createSet: { tags, operationId: 'createJsonWebKeySet', summary: 'Create a key in a set', params: set, body: bodyOf(Create), response: { 201: JwkSet, ...errors } },
  importSet: { tags, operationId: 'setJsonWebKeySet', summary: 'Replace a key set', params: set, body: bodyOf(JwkSet), response: { 200: JwkSet, ...errors } },
  deleteSet: { tags, operationId: 'deleteJsonWebKeySet', summary: 'Delete a key set', params: set, response: { 204: empty('Deleted'), ...errors } },
  getKey: { tags, operationId: 'getJsonWebKey', summary: 'Get a key', params: key, response: { 200: JwkSet, ...errors } },
  importKey: { tags, operationId: 'setJsonWebKey', summary: 'Replace a key', params: key, body: bodyOf(Jwk), response: { 200: Jwk, ...errors } },
  deleteKey: { tags, operationId: 'deleteJsonWebKey', summary: 'Delete a key', params: key, response: { 204: empty('Deleted'), ...errors } },
};
