/**
 * JSON Patch (RFC 6902) on an identity, as Kratos' PATCH /admin/identities/{id}: applied to the
 * admin view without credentials, limited to the fields an admin may set; everything derived
 * (addresses, credentials, ids, timestamps) is recomputed, never patched.
 */
import { applyJsonPatch, OAuth2Error } from '@olympus/oauth2';
import { BadRequest } from '../errors.ts';
import type { IdentityInput } from './admin-body.ts';
import { readIdentityBody } from './admin-body.ts';
import type { Identity } from './identity.ts';

const PATCHABLE = ['schema_id', 'traits', 'state', 'metadata_public', 'metadata_admin', 'external_id', 'organization_id'];

const MALFORMED = 'The request was malformed or contained invalid parameters';

const checkPaths = (operations: unknown): void => {
  if (!Array.isArray(operations)) return; // applyJsonPatch explains the expected shape
  operations.forEach((op, index) => {
    for (const key of ['path', 'from'] as const) {
      const path = (op as Record<string, unknown> | null)?.[key];
      if (typeof path !== 'string') continue;
      const top = path.split('/')[1] ?? '';
      if (!PATCHABLE.includes(top)) {
        throw new BadRequest(MALFORMED, {
          reason: `JSON Patch operation ${index} uses ${key} "${path}", which cannot be patched; patchable: ${PATCHABLE.map((p) => `/${p}`).join(', ')}.`,
        });
      }
    }
  });
};

/** The identity's patchable fields after `operations`, read back as an update body. */
export const patchedInput = (identity: Identity, operations: unknown): IdentityInput => {
  checkPaths(operations);
  const document = Object.fromEntries(PATCHABLE.map((key) => [key, identity[key as keyof Identity]]));
  let patched: unknown;
  try {
    patched = applyJsonPatch(document, operations);
  } catch (err) {
    if (err instanceof OAuth2Error) throw new BadRequest(MALFORMED, { reason: err.description });
    throw err;
  }
  return readIdentityBody(patched);
};
