/**
 * PATCH /admin/clients/:id: a JSON Patch over the client as GET shows it. The result goes through
 * the same validation as a PUT; identity fields stay fixed.
 */
import { InvalidRequest } from '../errors.ts';
import type { OAuth2Client } from './client.ts';
import { show } from './describe.ts';
import { applyJsonPatch } from './json-patch.ts';

const FIXED_FIELDS = ['client_id', 'created_at'] as const;

/** The patched client document, still unvalidated; throws InvalidRequest for a bad patch or a changed id. */
export const patchClientDocument = (current: OAuth2Client, operations: unknown): unknown => {
  const patched = applyJsonPatch(current, operations);
  if (typeof patched !== 'object' || patched === null || Array.isArray(patched)) return patched;
  for (const field of FIXED_FIELDS) {
    const value = (patched as Record<string, unknown>)[field];
    if (value !== current[field]) {
      throw new InvalidRequest(
        `The patch changes ${field} from ${show(current[field])} to ${show(value)}, but ${field} cannot change. ` +
          'Remove that operation; to get a different client_id, create a new client.',
      );
    }
  }
  return patched;
};
