/**
 * `update oauth2-client <id> --rotate-secret`: POST /admin/clients/{id}/secrets/rotate. The replaced
 * secret stays accepted until DELETE …/secrets/rotate, or until the window the two window flags set
 * ends (an Olympus extension of the rotate body, docs/compatibility.md §1.2).
 */
import { UsageError } from '../errors.ts';
import type { ApiClient, ApiResponse } from '../http/api-client.ts';
import { segment } from '../http/clients.ts';
import type { Flags, OptionSpecs } from '../options.ts';

export const rotateOptions = {
  'rotate-secret': { type: 'boolean', description: 'give the client a new secret; the old one stays accepted until retired or its window ends' },
  'rotated-secrets-ttl': { type: 'string', value: 'duration', description: 'with --rotate-secret: the old secret stops working after this long, e.g. 1h' },
  'rotated-secrets-expire-at': { type: 'string', value: 'time', description: 'with --rotate-secret: the old secret stops working at this RFC 3339 time' },
} as const satisfies OptionSpecs;

/** The rotate body the flags ask for, or undefined for none; checks the flags belong together. */
export const rotationRequest = (flags: Flags): { rotate: boolean; body?: Record<string, string> } => {
  const ttl = flags.string('rotated-secrets-ttl');
  const expireAt = flags.string('rotated-secrets-expire-at');
  const rotate = flags.boolean('rotate-secret') === true;
  if (!rotate && (ttl !== undefined || expireAt !== undefined)) {
    throw new UsageError('--rotated-secrets-ttl and --rotated-secrets-expire-at need --rotate-secret');
  }
  if (ttl !== undefined && expireAt !== undefined) throw new UsageError('give --rotated-secrets-ttl or --rotated-secrets-expire-at, not both');
  if (ttl !== undefined) return { rotate, body: { rotated_secrets_ttl: ttl } };
  if (expireAt !== undefined) return { rotate, body: { rotated_secrets_expire_at: expireAt } };
  return { rotate };
};

/** Hydra's SDK sends no body; so does this without a window, keeping the call Hydra-shaped. */
export const rotateSecret = (api: ApiClient, id: string, body: Record<string, string> | undefined): Promise<ApiResponse> =>
  api.request('POST', `/admin/clients/${segment(id)}/secrets/rotate`, body === undefined ? {} : { json: body });
