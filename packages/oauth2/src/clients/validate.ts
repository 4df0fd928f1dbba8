/**
 * Client validation as a pipeline of small named steps. The document stage checks what was sent
 * (a JSON object, known fields, JSON types); the client stage checks the complete client after
 * defaults. Every step throws InvalidClientMetadata or InvalidRedirectUri naming the field, the
 * value and the fix.
 */
import { InvalidClientMetadata } from '../errors.ts';
import type { ClientInput } from './defaults.ts';
import type { ClientCheck, ClientDraft, ValidationOptions } from './draft.ts';
import { jsonTypeOf } from './describe.ts';
import {
  READ_ONLY_FIELDS, UNSUPPORTED_LIFESPANS, checkFieldTypes, checkKnownFields, checkUnsupportedLifespans,
} from './fields.ts';
import { checkCorsOrigins, checkOtherUrls, checkPostLogoutRedirectUris, checkRedirectUriPresent, checkRedirectUris } from './checks-uris.ts';
import { checkGrantTypes, checkPublicClientGrants, checkResponseTypes } from './checks-grants.ts';
import { checkAssertionAlg, checkAuthMethod, checkJwks, checkKeySource, checkSecret } from './checks-auth.ts';
import {
  checkAccessTokenStrategy, checkClientId, checkLifespans, checkScope, checkSubjectType, checkUserinfoAlg,
} from './checks-misc.ts';

export interface ClientDocument {
  /** Stored fields the caller sent (read-only and unsupported ones dropped). */
  fields: ClientInput;
  /** Plain client_secret the caller chose, if any. */
  secret?: string;
}

/** Document stage: from untrusted JSON to typed client fields. */
export const readClientDocument = (input: unknown): ClientDocument => {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new InvalidClientMetadata(`The request body must be a JSON object describing the client, but is ${jsonTypeOf(input)}.`);
  }
  const body = input as Record<string, unknown>;
  checkKnownFields(body);
  checkFieldTypes(body);
  checkUnsupportedLifespans(body);
  const fields: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(body)) {
    if (name in READ_ONLY_FIELDS || name in UNSUPPORTED_LIFESPANS || name === 'client_secret') continue;
    fields[name] = value;
  }
  const secret = typeof body.client_secret === 'string' && body.client_secret !== '' ? body.client_secret : undefined;
  return { fields: fields as ClientInput, secret };
};

/** Client stage, in an order where earlier answers make later messages meaningful. */
export const CLIENT_CHECKS: readonly ClientCheck[] = [
  checkClientId,
  checkGrantTypes,
  checkResponseTypes,
  checkRedirectUris,
  checkRedirectUriPresent,
  checkPostLogoutRedirectUris,
  checkCorsOrigins,
  checkOtherUrls,
  checkAuthMethod,
  checkPublicClientGrants,
  checkJwks,
  checkKeySource,
  checkSecret,
  checkAssertionAlg,
  checkAccessTokenStrategy,
  checkSubjectType,
  checkUserinfoAlg,
  checkLifespans,
  checkScope,
];

export const validateClient = (draft: ClientDraft, options: ValidationOptions): void => {
  for (const check of CLIENT_CHECKS) check(draft, options);
};
