/** Validation steps for grant types and response types (RFC 9700 §2.1.2, §2.4; docs/security.md AS-30). */
import { InvalidClientMetadata } from '../errors.ts';
import { GRANT_TYPES } from './client.ts';
import type { ClientCheck } from './draft.ts';
import { show } from './describe.ts';

const REFUSED_GRANTS: Record<string, string> = {
  implicit: 'the implicit grant returns tokens in the browser URL where they leak (RFC 9700 §2.1.2); use authorization_code with PKCE',
  password: 'the resource owner password grant exposes user passwords to the client (RFC 9700 §2.4); use authorization_code with PKCE',
};

export const checkGrantTypes: ClientCheck = ({ client }) => {
  for (const grant of client.grant_types) {
    if ((GRANT_TYPES as readonly string[]).includes(grant)) continue;
    const why = REFUSED_GRANTS[grant];
    if (why) throw new InvalidClientMetadata(`Field grant_types contains "${grant}", which Olympus does not support: ${why}.`);
    throw new InvalidClientMetadata(
      `Field grant_types contains ${show(grant)}, which Olympus does not support. Use only ${GRANT_TYPES.join(', ')}.`,
    );
  }
};

/** Only the code flow: implicit and hybrid response types put tokens in the front channel (RFC 9700 §2.1.2). */
export const checkResponseTypes: ClientCheck = ({ client }) => {
  for (const type of client.response_types) {
    if (type === 'code') continue;
    throw new InvalidClientMetadata(
      `Field response_types contains ${show(type)}, but Olympus supports only "code": implicit and hybrid response types ` +
        'return tokens in the browser URL (RFC 9700 §2.1.2). Use "response_types": ["code"] with PKCE.',
    );
  }
};

/** A public client (`none`) has no credential, so it cannot prove it is the client in client_credentials. */
export const checkPublicClientGrants: ClientCheck = ({ client }) => {
  if (client.token_endpoint_auth_method === 'none' && client.grant_types.includes('client_credentials')) {
    throw new InvalidClientMetadata(
      'Field grant_types contains client_credentials, but token_endpoint_auth_method is "none": a public client cannot ' +
        'authenticate, so it cannot use client_credentials. Use client_secret_basic or private_key_jwt, or remove client_credentials.',
    );
  }
};
