/**
 * Flags shared by every command that talks to a running Olympus (Hydra's global client flags,
 * docs/compatibility.md §3.1), in an admin and a public flavour that differ in their endpoint.
 */
import type { OptionSpecs } from '../options.ts';

export const OUTPUT_FORMATS = ['table', 'json', 'json-pretty', 'yaml'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export const outputOptions = {
  format: {
    type: 'string',
    value: 'format',
    default: 'table',
    description: `output format: ${OUTPUT_FORMATS.join(' | ')}`,
  },
  quiet: { type: 'boolean', short: 'q', description: 'print only ids (one per line)' },
} as const satisfies OptionSpecs;

const headerOption = {
  type: 'string',
  short: 'H',
  multiple: true,
  value: 'Name: value',
  description: 'extra request header (repeatable)',
} as const;

export const adminOptions = {
  endpoint: {
    type: 'string',
    short: 'e',
    value: 'url',
    description: 'admin API URL (default: $ORY_SDK_URL, then $OLYMPUS_ADMIN_URL, then http://localhost:4445)',
  },
  'http-header': headerOption,
  'api-key': {
    type: 'string',
    value: 'key',
    description: 'admin credential sent as "Authorization: Bearer" (default: $OLYMPUS_ADMIN_API_KEY)',
  },
  ...outputOptions,
} as const satisfies OptionSpecs;

export const publicOptions = {
  endpoint: {
    type: 'string',
    short: 'e',
    value: 'url',
    description: 'public URL (default: $OLYMPUS_PUBLIC_URL, then http://localhost:4444)',
  },
  'http-header': headerOption,
  ...outputOptions,
} as const satisfies OptionSpecs;

/** Client credentials for the public endpoints (Hydra reads the same environment variables). */
export const clientCredentialOptions = {
  'client-id': { type: 'string', value: 'id', description: 'OAuth2 client id (default: $OAUTH2_CLIENT_ID)' },
  'client-secret': {
    type: 'string',
    value: 'secret',
    description: 'OAuth2 client secret (default: $OAUTH2_CLIENT_SECRET; omit for a public client)',
  },
} as const satisfies OptionSpecs;
